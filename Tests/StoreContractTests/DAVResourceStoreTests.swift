import Foundation
import Store
import Testing

/// Plain WebDAV collections and files under a calendar home (what litmus exercises): parents,
/// conflicts with calendars, conditions, recursive delete, COPY and MOVE with dead properties.
struct DAVResourceStoreTests {
    static func body(_ text: String) -> Data { Data(text.utf8) }

    /// `litmus/` with `a.txt`, `sub/`, `sub/b.txt` and a dead property on each.
    static func tree(_ home: DAVHome) async throws {
        let store = home.store
        let user = home.alice.id
        try await store.createDAVCollection(path: "litmus", ownedBy: user)
        try await store.createDAVCollection(path: "litmus/sub", ownedBy: user)
        _ = try await store.putDAVResource(path: "litmus/a.txt", body: body("A"), contentType: "text/plain", ownedBy: user, condition: .none)
        _ = try await store.putDAVResource(path: "litmus/sub/b.txt", body: body("BB"), contentType: nil, ownedBy: user, condition: .none)
        for path in ["litmus", "litmus/a.txt", "litmus/sub", "litmus/sub/b.txt"] {
            try await store.updateDeadProperties(path: path, ownedBy: user, set: [property(path)], remove: [])
        }
    }

    static func property(_ value: String) -> DeadProperty {
        DeadProperty(
            namespace: "http://example.com/neon/litmus/", name: "prop", xml: "<L:prop xmlns:L=\"http://example.com/neon/litmus/\">\(value)</L:prop>")
    }

    func paths(_ home: DAVHome, under path: String = "", recursive: Bool = true) async throws -> [String] {
        try await home.store.davResources(under: path, ownedBy: home.alice.id, recursive: recursive).map(\.path)
    }

    @Test("PUT creates then replaces a file: body, type, size and a quoted tag that changes on every write", arguments: StoreKind.available)
    func putAndGet(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let user = home.alice.id
        let first = try await store.putDAVResource(
            path: "notes.txt", body: Self.body("hello"), contentType: "text/plain", ownedBy: user, condition: .none)
        #expect(first.created)
        #expect(first.entry.size == 5)
        #expect(first.entry.etag.hasPrefix("\"") && first.entry.etag.hasSuffix("\""))
        #expect(try await store.davResource(path: "notes.txt", ownedBy: user) == first.entry)
        let again = try await store.putDAVResource(path: "notes.txt", body: Self.body("hello"), contentType: nil, ownedBy: user, condition: .none)
        #expect(!again.created)
        #expect(again.entry.etag != first.entry.etag)
        #expect(again.entry.contentType == nil)
        #expect(again.entry.createdAt == first.entry.createdAt)
        let empty = try await store.putDAVResource(
            path: "notes.txt", body: Data(), contentType: nil, ownedBy: user, condition: .ifMatch([again.entry.etag]))
        #expect(empty.entry.size == 0)
        #expect(try await store.davResource(path: "notes.txt", ownedBy: user)?.body == Data())
        #expect(try await store.davResource(path: "notes.txt", ownedBy: home.bob.id) == nil)
        #expect(try await store.davResource(path: "", ownedBy: user) == nil)
    }

    @Test("PUT conditions: If-None-Match: * only creates, If-Match needs the current tag and an existing file", arguments: StoreKind.available)
    func putConditions(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let user = home.alice.id
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.putDAVResource(path: "f", body: Self.body("x"), contentType: nil, ownedBy: user, condition: .ifMatch(["*"]))
        }
        let created = try await store.putDAVResource(path: "f", body: Self.body("x"), contentType: nil, ownedBy: user, condition: .ifNoneMatchAny)
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.putDAVResource(path: "f", body: Self.body("y"), contentType: nil, ownedBy: user, condition: .ifNoneMatchAny)
        }
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.putDAVResource(path: "f", body: Self.body("y"), contentType: nil, ownedBy: user, condition: .ifMatch(["\"other\""]))
        }
        _ = try await store.putDAVResource(
            path: "f", body: Self.body("y"), contentType: nil, ownedBy: user, condition: .ifMatch([created.entry.etag]))
        #expect(try await store.davResource(path: "f", ownedBy: user)?.body == Self.body("y"))
    }

    @Test(
        "PUT needs a parent collection (a file is no parent), refuses a collection or a calendar's name, and rejects malformed paths",
        arguments: StoreKind.available)
    func putRefusals(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let user = home.alice.id
        try await Self.tree(home)
        await #expect(throws: StoreError.notFound("collection missing")) {
            try await store.putDAVResource(path: "missing/x", body: Data(), contentType: nil, ownedBy: user, condition: .none)
        }
        await #expect(throws: StoreError.notFound("collection litmus/a.txt")) {
            try await store.putDAVResource(path: "litmus/a.txt/x", body: Data(), contentType: nil, ownedBy: user, condition: .none)
        }
        await #expect(throws: StoreError.conflict("litmus/sub is a collection")) {
            try await store.putDAVResource(path: "litmus/sub", body: Data(), contentType: nil, ownedBy: user, condition: .none)
        }
        await #expect(throws: StoreError.conflict("a calendar named personal already exists in the calendar home")) {
            try await store.putDAVResource(path: "personal", body: Data(), contentType: nil, ownedBy: user, condition: .none)
        }
        for bad in ["", "/x", "x/", "a//b", "litmus/../x"] {
            await #expect(throws: StoreError.self) {
                try await store.putDAVResource(path: bad, body: Data(), contentType: nil, ownedBy: user, condition: .none)
            }
        }
        // Bob's home has no litmus collection.
        await #expect(throws: StoreError.notFound("collection litmus")) {
            try await store.putDAVResource(path: "litmus/x", body: Data(), contentType: nil, ownedBy: home.bob.id, condition: .none)
        }
    }

    @Test("MKCOL refuses an existing resource, a calendar's name and a missing parent", arguments: StoreKind.available)
    func createCollection(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let user = home.alice.id
        try await Self.tree(home)
        await #expect(throws: StoreError.conflict("litmus already exists")) { try await store.createDAVCollection(path: "litmus", ownedBy: user) }
        await #expect(throws: StoreError.conflict("litmus/a.txt already exists")) {
            try await store.createDAVCollection(path: "litmus/a.txt", ownedBy: user)
        }
        await #expect(throws: StoreError.conflict("a calendar named remote-work already exists in the calendar home")) {
            try await store.createDAVCollection(path: "remote-work", ownedBy: user)
        }
        await #expect(throws: StoreError.notFound("collection nope/deeper")) {
            try await store.createDAVCollection(path: "nope/deeper/x", ownedBy: user)
        }
        await #expect(throws: StoreError.notFound("collection litmus/a.txt")) {
            try await store.createDAVCollection(path: "litmus/a.txt/x", ownedBy: user)
        }
        // The same name in Bob's home is free.
        try await store.createDAVCollection(path: "litmus", ownedBy: home.bob.id)
        let entry = try #require(try await store.davResource(path: "litmus", ownedBy: home.bob.id))
        #expect(entry.isCollection)
        #expect(entry.body == nil)
        #expect(entry.size == 0)
    }

    @Test("listing a collection gives its members (or all descendants) by path, without bodies", arguments: StoreKind.available)
    func listing(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        try await Self.tree(home)
        _ = try await home.store.putDAVResource(path: "litmus-other", body: Data(), contentType: nil, ownedBy: home.alice.id, condition: .none)
        #expect(try await paths(home, recursive: false) == ["litmus", "litmus-other"])
        #expect(try await paths(home) == ["litmus", "litmus-other", "litmus/a.txt", "litmus/sub", "litmus/sub/b.txt"])
        #expect(try await paths(home, under: "litmus", recursive: false) == ["litmus/a.txt", "litmus/sub"])
        #expect(try await paths(home, under: "litmus") == ["litmus/a.txt", "litmus/sub", "litmus/sub/b.txt"])
        #expect(try await paths(home, under: "litmus/a.txt") == [])
        #expect(try await paths(home, under: "nope") == [])
        let listed = try await home.store.davResources(under: "litmus", ownedBy: home.alice.id, recursive: true)
        #expect(listed.allSatisfy { $0.body == nil })
        #expect(listed.first { $0.path == "litmus/sub/b.txt" }?.size == 2)
        #expect(try await home.store.davResources(under: "", ownedBy: home.bob.id, recursive: true) == [])
    }

    @Test(
        "DELETE removes the resource, everything below it and their dead properties, but not a sibling sharing the prefix",
        arguments: StoreKind.available)
    func deleteRecursive(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let user = home.alice.id
        try await Self.tree(home)
        _ = try await store.putDAVResource(path: "litmus-other", body: Data(), contentType: nil, ownedBy: user, condition: .none)
        try await store.updateDeadProperties(path: "litmus-other", ownedBy: user, set: [Self.property("x")], remove: [])
        try await store.deleteDAVResource(path: "litmus", ownedBy: user)
        #expect(try await paths(home) == ["litmus-other"])
        let left = try await store.deadProperties(paths: ["litmus", "litmus/a.txt", "litmus/sub", "litmus/sub/b.txt", "litmus-other"], ownedBy: user)
        #expect(Array(left.keys) == ["litmus-other"])
        await #expect(throws: StoreError.notFound("resource litmus")) { try await store.deleteDAVResource(path: "litmus", ownedBy: user) }
        #expect(try await store.usedBytes(ownedBy: user) == 0)
    }

    @Test(
        "COPY of a collection copies members and dead properties, keeps the source; shallow copies only the collection",
        arguments: StoreKind.available)
    func copy(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let user = home.alice.id
        try await Self.tree(home)
        #expect(try await store.transferDAVResource(from: "litmus", to: "copy", ownedBy: user, overwrite: false, shallow: false, keepSource: true))
        #expect(try await paths(home, under: "copy") == ["copy/a.txt", "copy/sub", "copy/sub/b.txt"])
        #expect(try await paths(home, under: "litmus") == ["litmus/a.txt", "litmus/sub", "litmus/sub/b.txt"])
        #expect(try await store.davResource(path: "copy/sub/b.txt", ownedBy: user)?.body == Self.body("BB"))
        #expect(try await store.davResource(path: "copy/a.txt", ownedBy: user)?.contentType == "text/plain")
        #expect(try await store.deadProperties(path: "copy/sub/b.txt", ownedBy: user) == [Self.property("litmus/sub/b.txt")])
        #expect(try await store.deadProperties(path: "litmus/sub/b.txt", ownedBy: user) == [Self.property("litmus/sub/b.txt")])

        #expect(try await store.transferDAVResource(from: "litmus", to: "shallow", ownedBy: user, overwrite: false, shallow: true, keepSource: true))
        #expect(try await store.davResource(path: "shallow", ownedBy: user)?.isCollection == true)
        #expect(try await paths(home, under: "shallow") == [])
        #expect(try await store.deadProperties(paths: ["shallow", "shallow/a.txt"], ownedBy: user) == ["shallow": [Self.property("litmus")]])
        #expect(try await store.usedBytes(ownedBy: user) == 6)
    }

    @Test("MOVE re-keys the whole subtree and its dead properties", arguments: StoreKind.available)
    func move(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let user = home.alice.id
        try await Self.tree(home)
        let before = try #require(try await store.davResource(path: "litmus/sub/b.txt", ownedBy: user))
        #expect(
            try await store.transferDAVResource(from: "litmus/sub", to: "moved", ownedBy: user, overwrite: false, shallow: true, keepSource: false))
        #expect(try await paths(home) == ["litmus", "litmus/a.txt", "moved", "moved/b.txt"])
        let after = try #require(try await store.davResource(path: "moved/b.txt", ownedBy: user))
        #expect(after.body == before.body)
        #expect(after.etag == before.etag)
        #expect(try await store.deadProperties(path: "moved/b.txt", ownedBy: user) == [Self.property("litmus/sub/b.txt")])
        #expect(try await store.deadProperties(path: "moved", ownedBy: user) == [Self.property("litmus/sub")])
        #expect(try await store.deadProperties(paths: ["litmus/sub", "litmus/sub/b.txt"], ownedBy: user) == [:])
    }

    @Test("an existing target fails without overwrite and is replaced, subtree and properties, with it", arguments: StoreKind.available)
    func overwrite(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let user = home.alice.id
        try await Self.tree(home)
        try await store.createDAVCollection(path: "target", ownedBy: user)
        _ = try await store.putDAVResource(path: "target/old.txt", body: Self.body("old"), contentType: nil, ownedBy: user, condition: .none)
        try await store.updateDeadProperties(path: "target/old.txt", ownedBy: user, set: [Self.property("old")], remove: [])
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.transferDAVResource(
                from: "litmus/a.txt", to: "target", ownedBy: user, overwrite: false, shallow: false, keepSource: false)
        }
        #expect(try await paths(home, under: "target") == ["target/old.txt"])
        #expect(
            try await store.transferDAVResource(from: "litmus/a.txt", to: "target", ownedBy: user, overwrite: true, shallow: false, keepSource: false)
                == false)
        let target = try #require(try await store.davResource(path: "target", ownedBy: user))
        #expect(!target.isCollection)
        #expect(target.body == Self.body("A"))
        #expect(try await paths(home, under: "litmus") == ["litmus/sub", "litmus/sub/b.txt"])
        #expect(try await store.deadProperties(path: "target/old.txt", ownedBy: user) == [])
        #expect(try await store.deadProperties(path: "target", ownedBy: user) == [Self.property("litmus/a.txt")])
    }

    @Test(
        "COPY and MOVE refuse a missing source or target parent, the same path, a target inside the source or around it, and a calendar's name",
        arguments: StoreKind.available)
    func transferRefusals(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let user = home.alice.id
        try await Self.tree(home)
        func transfer(_ from: String, _ to: String, keepSource: Bool = false) async throws -> Bool {
            try await store.transferDAVResource(from: from, to: to, ownedBy: user, overwrite: true, shallow: false, keepSource: keepSource)
        }
        await #expect(throws: StoreError.notFound("resource nope")) { try await transfer("nope", "x") }
        await #expect(throws: StoreError.notFound("collection nope")) { try await transfer("litmus/a.txt", "nope/a.txt") }
        await #expect(throws: StoreError.conflict("source and destination are the same resource")) { try await transfer("litmus", "litmus") }
        await #expect(throws: StoreError.conflict("litmus/sub/inner lies inside litmus")) { try await transfer("litmus", "litmus/sub/inner") }
        await #expect(throws: StoreError.conflict("litmus/sub/inner lies inside litmus")) {
            try await transfer("litmus", "litmus/sub/inner", keepSource: true)
        }
        await #expect(throws: StoreError.conflict("litmus/sub lies inside litmus")) { try await transfer("litmus/sub", "litmus") }
        await #expect(throws: StoreError.conflict("a calendar named personal already exists in the calendar home")) {
            try await transfer("litmus", "personal")
        }
        #expect(try await paths(home) == ["litmus", "litmus/a.txt", "litmus/sub", "litmus/sub/b.txt"])
        // Moving into a sibling whose name shares the prefix is fine.
        try await store.createDAVCollection(path: "litmus2", ownedBy: user)
        #expect(try await transfer("litmus/a.txt", "litmus2/a.txt"))
    }
}
