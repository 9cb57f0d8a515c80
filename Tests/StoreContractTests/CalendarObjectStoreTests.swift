import Foundation
import Store
import Testing

/// PUT, GET and DELETE of calendar objects on each store: HTTP conditions, entity
/// tags, the UID rules of RFC 4791 §5.3.2.1, listings with and without data, and the
/// transaction that ties every write to the calendar's revision.
struct CalendarObjectStoreTests {
    typealias D = DAVFixtures

    @Test(
        "a PUT stores the text as given; a GET and a listing return it with its UTF-8 size and a quoted strong etag", arguments: StoreKind.available)
    func putAndGet(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let new = D.object("a.ics", summary: "Café ☕")
        let (stored, created) = try await home.store.putCalendarObject(new, in: home.personal.id, condition: .none)
        #expect(created)
        #expect(stored.ics == new.ics)
        #expect(stored.size == new.ics.utf8.count)
        #expect(stored.etag.hasPrefix("\"") && stored.etag.hasSuffix("\"") && !stored.etag.hasPrefix("W/"))
        #expect(stored.bookingId == nil)
        let read = try #require(try await home.store.calendarObject(named: "a.ics", in: home.personal.id))
        #expect(read.ics == new.ics)
        #expect(read.etag == stored.etag)
        #expect(read.uid == new.uid)
        #expect(read.componentType == "VEVENT")
        #expect(read.firstStart == new.firstStart)
        #expect(read.lastEnd == new.lastEnd)
        #expect(read.id == stored.id)
        #expect(read.size == stored.size)
        #expect(try await home.store.calendarObject(named: "missing.ics", in: home.personal.id) == nil)
        #expect(try await home.store.calendarObject(named: "a.ics", in: home.bobs.id) == nil)
    }

    @Test("the etag changes on every write, even of the same text, and the revision moves by one per write", arguments: StoreKind.available)
    func etagsChange(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let new = D.object("a.ics")
        var tags: [String] = []
        for round in 1...3 {
            let (stored, created) = try await home.store.putCalendarObject(new, in: home.personal.id, condition: .none)
            #expect(created == (round == 1))
            tags.append(stored.etag)
            #expect(try await home.reload(home.personal).syncRevision == round)
            #expect(try await home.store.calendarObject(named: "a.ics", in: home.personal.id)?.etag == stored.etag)
        }
        #expect(Set(tags).count == 3)
    }

    @Test("If-None-Match: * creates only; If-Match needs a current tag (or * for any) and fails on a missing object", arguments: StoreKind.available)
    func conditions(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let calendar = home.personal.id
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.putCalendarObject(D.object("a.ics"), in: calendar, condition: .ifMatch(["*"]))
        }
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.putCalendarObject(D.object("a.ics"), in: calendar, condition: .ifMatch(["\"1-0000000000000000\""]))
        }
        let first = try await store.putCalendarObject(D.object("a.ics"), in: calendar, condition: .ifNoneMatchAny).object
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.putCalendarObject(D.object("a.ics", summary: "again"), in: calendar, condition: .ifNoneMatchAny)
        }
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.putCalendarObject(D.object("a.ics", summary: "stale"), in: calendar, condition: .ifMatch(["\"stale\""]))
        }
        // A weak tag never matches If-Match (strong comparison, RFC 9110 §13.1.1).
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.putCalendarObject(D.object("a.ics", summary: "weak"), in: calendar, condition: .ifMatch(["W/" + first.etag]))
        }
        let second = try await store.putCalendarObject(D.object("a.ics", summary: "v2"), in: calendar, condition: .ifMatch(["\"x\"", first.etag]))
        #expect(!second.created)
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.putCalendarObject(D.object("a.ics", summary: "lost update"), in: calendar, condition: .ifMatch([first.etag]))
        }
        let third = try await store.putCalendarObject(D.object("a.ics", summary: "v3"), in: calendar, condition: .ifMatch(["*"]))
        #expect(try await store.calendarObject(named: "a.ics", in: calendar)?.etag == third.object.etag)
        #expect(try await store.calendarObject(named: "a.ics", in: calendar)?.ics.contains("SUMMARY:v3") == true)
        // Only the three successful writes moved the revision.
        #expect(try await home.reload(home.personal).syncRevision == 3)
    }

    @Test(
        "a UID held by another object of the calendar is a uidConflict naming it; another calendar may hold the same UID",
        arguments: StoreKind.available)
    func uidConflict(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        _ = try await home.store.putCalendarObject(D.object("a.ics", uid: "same"), in: home.personal.id, condition: .none)
        await #expect(throws: DAVStoreError.uidConflict(existingName: "a.ics")) {
            try await home.store.putCalendarObject(D.object("b.ics", uid: "same"), in: home.personal.id, condition: .none)
        }
        #expect(try await home.store.calendarObject(named: "b.ics", in: home.personal.id) == nil)
        _ = try await home.store.putCalendarObject(D.object("b.ics", uid: "same"), in: home.bookings.id, condition: .none)
        _ = try await home.store.putCalendarObject(D.object("a.ics", uid: "same"), in: home.bobs.id, condition: .none)
        #expect(try await home.reload(home.personal).syncRevision == 1)
    }

    @Test("replacing an object with another UID is uidChanged and stores nothing", arguments: StoreKind.available)
    func uidChanged(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let first = try await home.store.putCalendarObject(D.object("a.ics", uid: "one"), in: home.personal.id, condition: .none).object
        await #expect(throws: DAVStoreError.uidChanged) {
            try await home.store.putCalendarObject(D.object("a.ics", uid: "two"), in: home.personal.id, condition: .none)
        }
        #expect(try await home.store.calendarObject(named: "a.ics", in: home.personal.id) == first)
        #expect(try await home.reload(home.personal).syncRevision == 1)
    }

    @Test("a PUT into a calendar that does not exist is notFound", arguments: StoreKind.available)
    func putMissingCalendar(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        await #expect(throws: StoreError.notFound("calendar nope")) {
            try await home.store.putCalendarObject(D.object("a.ics"), in: "nope", condition: .none)
        }
    }

    @Test("DELETE checks its condition, removes the row and the object's dead properties, and logs a deletion", arguments: StoreKind.available)
    func delete(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let put = try await store.putCalendarObject(D.object("a.ics"), in: home.personal.id, condition: .none).object
        let property = DeadProperty(namespace: "urn:x", name: "tag", xml: "<x:tag xmlns:x=\"urn:x\">1</x:tag>")
        try await store.updateDeadProperties(path: "personal/a.ics", ownedBy: home.alice.id, set: [property], remove: [])
        try await store.updateDeadProperties(path: "personal/a.ics.bak", ownedBy: home.alice.id, set: [property], remove: [])
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.deleteCalendarObject(named: "a.ics", in: home.personal.id, condition: .ifMatch(["\"old\""]))
        }
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.deleteCalendarObject(named: "a.ics", in: home.personal.id, condition: .ifNoneMatchAny)
        }
        #expect(try await store.calendarObject(named: "a.ics", in: home.personal.id) != nil)
        try await store.deleteCalendarObject(named: "a.ics", in: home.personal.id, condition: .ifMatch([put.etag]))
        #expect(try await store.calendarObject(named: "a.ics", in: home.personal.id) == nil)
        #expect(try await store.deadProperties(path: "personal/a.ics", ownedBy: home.alice.id) == [])
        #expect(try await store.deadProperties(path: "personal/a.ics.bak", ownedBy: home.alice.id) == [property])
        let changes = try await store.changes(in: home.personal.id, since: 1, limit: nil)
        #expect(changes == CalendarChangeSet(changes: [CalendarChange(name: "a.ics", deleted: true, revision: 2)], revision: 2, truncated: false))
        // Gone: If-Match cannot hold (RFC 9110 §13.1.1), and without a condition it is not found.
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.deleteCalendarObject(named: "a.ics", in: home.personal.id, condition: .ifMatch(["*"]))
        }
        await #expect(throws: StoreError.notFound("calendar object a.ics")) {
            try await store.deleteCalendarObject(named: "a.ics", in: home.personal.id, condition: .none)
        }
    }

    @Test(
        "a listing without data has empty text but the right sizes and tags; a listing by names returns only those that exist",
        arguments: StoreKind.available)
    func listings(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        var puts: [String: CalendarObject] = [:]
        for name in ["c.ics", "a.ics", "b.ics"] {
            puts[name] = try await home.store.putCalendarObject(D.object(name, summary: name + " ü"), in: home.personal.id, condition: .none).object
        }
        let bare = try await home.store.calendarObjects(in: home.personal.id, overlapping: nil, withData: false)
        #expect(bare.map(\.name) == ["a.ics", "b.ics", "c.ics"])
        for object in bare {
            let put = try #require(puts[object.name])
            #expect(object.ics == "")
            #expect(object.size == put.ics.utf8.count)
            #expect(object.etag == put.etag)
        }
        let full = try await home.store.calendarObjects(in: home.personal.id, overlapping: nil, withData: true)
        #expect(full.map(\.ics) == ["a.ics", "b.ics", "c.ics"].map { puts[$0]?.ics })
        let named = try await home.store.calendarObjects(in: home.personal.id, named: ["b.ics", "zzz.ics", "a.ics"])
        #expect(named.map(\.name).sorted() == ["a.ics", "b.ics"])
        #expect(named.allSatisfy { $0.ics == puts[$0.name]?.ics })
        #expect(try await home.store.calendarObjects(in: home.personal.id, named: []) == [])
        // Many names at once (more than one statement's worth).
        let many = (0..<1200).map { "n\($0).ics" } + ["c.ics"]
        #expect(try await home.store.calendarObjects(in: home.personal.id, named: many).map(\.name) == ["c.ics"])
    }

    @Test(
        "fifty concurrent If-None-Match: * PUTs of one name: exactly one creates it, the rest fail the precondition", arguments: StoreKind.available)
    func concurrentCreates(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let calendar = home.personal.id
        let results = await withTaskGroup(of: Result<Bool, DAVStoreError>.self) { group in
            for index in 0..<50 {
                group.addTask {
                    do {
                        _ = try await store.putCalendarObject(
                            D.object("same.ics", summary: "writer \(index)"), in: calendar, condition: .ifNoneMatchAny)
                        return .success(true)
                    } catch let error as DAVStoreError {
                        return .failure(error)
                    } catch {
                        return .failure(.invalidSyncToken)
                    }
                }
            }
            var results: [Result<Bool, DAVStoreError>] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.filter { if case .success = $0 { true } else { false } }.count == 1)
        #expect(results.filter { if case .failure(.preconditionFailed) = $0 { true } else { false } }.count == 49)
        #expect(try await home.reload(home.personal).syncRevision == 1)
        #expect(try await store.changes(in: calendar, since: 0, limit: nil).changes.count == 1)
    }

    @Test("concurrent PUTs of different names all succeed, each with its own revision and change row", arguments: StoreKind.available)
    func concurrentDistinctWrites(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let calendar = home.personal.id
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask { _ = try await store.putCalendarObject(D.object("o\(index).ics"), in: calendar, condition: .none) }
            }
            try await group.waitForAll()
        }
        #expect(try await home.reload(home.personal).syncRevision == 40)
        let changes = try await store.changes(in: calendar, since: 0, limit: nil)
        #expect(changes.changes.map(\.revision) == Array(1...40))
        #expect(Set(changes.changes.map(\.name)).count == 40)
    }

    @Test(
        "personal objects: the user's own entries with data, in any of their calendars (a schedule's too), never other users'",
        arguments: StoreKind.available)
    func personalObjects(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let work = try await store.createCalendar(NewCalendar(slug: "work", displayName: "Work"), ownedBy: home.alice.id)
        _ = try await store.putCalendarObject(
            D.object("mine.ics", start: "2025-11-17T09:00:00Z", end: "2025-11-17T10:00:00Z"), in: home.personal.id, condition: .none)
        _ = try await store.putCalendarObject(
            D.object("work.ics", start: "2025-11-17T14:00:00Z", end: "2025-11-17T15:00:00Z"), in: work.id, condition: .none)
        _ = try await store.putCalendarObject(
            D.object("later.ics", start: "2025-11-20T14:00:00Z", end: "2025-11-20T15:00:00Z"), in: work.id, condition: .none)
        _ = try await store.putCalendarObject(
            D.object("booked.ics", start: "2025-11-17T12:00:00Z", end: "2025-11-17T13:00:00Z"), in: home.bookings.id, condition: .none)
        _ = try await store.putCalendarObject(
            D.object("bobs.ics", start: "2025-11-17T12:00:00Z", end: "2025-11-17T13:00:00Z"), in: home.bobs.id, condition: .none)
        let objects = try await store.personalObjects(ownedBy: home.alice.id, overlapping: D.interval("2025-11-17T00:00:00Z", "2025-11-18T00:00:00Z"))
        // booked.ics is not a booking (no booking row): an entry a client made in the schedule's calendar.
        #expect(objects.map(\.name) == ["mine.ics", "booked.ics", "work.ics"])
        #expect(objects.allSatisfy { $0.ics.contains("BEGIN:VEVENT") && $0.size == $0.ics.utf8.count })
        #expect(
            try await store.personalObjects(ownedBy: home.bob.id, overlapping: D.interval("2025-11-17T00:00:00Z", "2025-11-18T00:00:00Z")).map(\.name)
                == ["bobs.ics"])
    }
}
