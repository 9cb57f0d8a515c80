import Foundation
import Store
import Testing

/// Dead properties keyed by user, path, namespace and name. (PROPPATCH's atomicity is checked
/// with an SQLite trigger in SQLiteStoreTests.)
struct DeadPropertyStoreTests {
    static let color = DeadProperty(namespace: "urn:a", name: "color", xml: "<a:color xmlns:a=\"urn:a\">blue</a:color>")
    static let colorB = DeadProperty(namespace: "urn:b", name: "color", xml: "<b:color xmlns:b=\"urn:b\" b:x=\"1\">mixed <i>content</i></b:color>")
    static let size = DeadProperty(namespace: "urn:a", name: "size", xml: "<a:size xmlns:a=\"urn:a\">3</a:size>")

    @Test(
        "set stores the XML as given, keyed by namespace and name; setting again replaces; removal removes only that name",
        arguments: StoreKind.available)
    func setReplaceRemove(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let user = home.alice.id
        try await store.updateDeadProperties(path: "personal", ownedBy: user, set: [Self.color, Self.colorB, Self.size], remove: [])
        #expect(try await store.deadProperties(path: "personal", ownedBy: user) == [Self.color, Self.size, Self.colorB])
        var red = Self.color
        red.xml = "<a:color xmlns:a=\"urn:a\">red</a:color>"
        try await store.updateDeadProperties(
            path: "personal", ownedBy: user, set: [red],
            remove: [XMLQualifiedName(namespace: "urn:a", name: "size"), XMLQualifiedName(namespace: "urn:z", name: "absent")])
        #expect(try await store.deadProperties(path: "personal", ownedBy: user) == [red, Self.colorB])
        // A name both removed and set ends up set.
        try await store.updateDeadProperties(
            path: "personal", ownedBy: user, set: [Self.size], remove: [XMLQualifiedName(namespace: "urn:a", name: "size")])
        #expect(try await store.deadProperties(path: "personal", ownedBy: user).contains(Self.size))
        #expect(try await store.deadProperties(path: "", ownedBy: user) == [])
    }

    @Test("a batch lookup returns each path's properties, leaves out paths without any, and never another user's", arguments: StoreKind.available)
    func batch(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        try await store.updateDeadProperties(path: "personal/a.ics", ownedBy: home.alice.id, set: [Self.color], remove: [])
        try await store.updateDeadProperties(path: "personal/b.ics", ownedBy: home.alice.id, set: [Self.size, Self.color], remove: [])
        try await store.updateDeadProperties(path: "personal/a.ics", ownedBy: home.bob.id, set: [Self.colorB], remove: [])
        let paths = ["personal/a.ics", "personal/b.ics", "personal/c.ics"] + (0..<1500).map { "personal/n\($0).ics" }
        let found = try await store.deadProperties(paths: paths, ownedBy: home.alice.id)
        #expect(found == ["personal/a.ics": [Self.color], "personal/b.ics": [Self.color, Self.size]])
        #expect(try await store.deadProperties(paths: ["personal/a.ics"], ownedBy: home.bob.id) == ["personal/a.ics": [Self.colorB]])
        #expect(try await store.deadProperties(paths: [], ownedBy: home.alice.id) == [:])
    }
}
