import Foundation
import Store
import Testing

/// MOVE and COPY of calendar objects between calendars of one user and renames within one:
/// overwrite rules, UID uniqueness, change logs on both sides, dead properties following.
struct CalendarObjectTransferTests {
    typealias D = DAVFixtures

    /// Alice's personal calendar plus a "work" calendar, with `a.ics` in personal carrying a dead property.
    struct Setup {
        let home: DAVHome
        let work: CalendarCollection
        let original: CalendarObject
        let property = DeadProperty(namespace: "urn:x", name: "note", xml: "<x:note xmlns:x=\"urn:x\">keep</x:note>")

        static func make(_ kind: StoreKind) async throws -> Setup {
            let home = try await DAVHome.make(kind)
            let work = try await home.store.createCalendar(NewCalendar(slug: "work", displayName: "Work"), ownedBy: home.alice.id)
            let original = try await home.store.putCalendarObject(D.object("a.ics", uid: "a"), in: home.personal.id, condition: .none).object
            let setup = Setup(home: home, work: work, original: original)
            try await home.store.updateDeadProperties(path: "personal/a.ics", ownedBy: home.alice.id, set: [setup.property], remove: [])
            return setup
        }

        func transfer(to calendar: CalendarCollection, _ name: String, overwrite: Bool = false, copy: Bool = false) async throws -> Bool {
            try await home.store.transferCalendarObject(
                named: "a.ics", from: home.personal.id, to: calendar.id, newName: name, overwrite: overwrite, keepSource: copy)
        }
    }

    @Test(
        "a move to another calendar keeps the text, logs a deletion in the source and a creation in the target, and takes the dead properties",
        arguments: StoreKind.available)
    func moveAcross(_ kind: StoreKind) async throws {
        let setup = try await Setup.make(kind)
        let store = setup.home.store
        #expect(try await setup.transfer(to: setup.work, "b.ics"))
        #expect(try await store.calendarObject(named: "a.ics", in: setup.home.personal.id) == nil)
        let moved = try #require(try await store.calendarObject(named: "b.ics", in: setup.work.id))
        #expect(moved.ics == setup.original.ics)
        #expect(moved.uid == "a")
        #expect(moved.calendarId == setup.work.id)
        #expect(
            try await store.changes(in: setup.home.personal.id, since: 1, limit: nil).changes == [.init(name: "a.ics", deleted: true, revision: 2)])
        #expect(try await store.changes(in: setup.work.id, since: 0, limit: nil).changes == [.init(name: "b.ics", deleted: false, revision: 1)])
        #expect(try await store.deadProperties(path: "personal/a.ics", ownedBy: setup.home.alice.id) == [])
        #expect(try await store.deadProperties(path: "work/b.ics", ownedBy: setup.home.alice.id) == [setup.property])
    }

    @Test("a copy keeps the source, logs only in the target, and copies the dead properties", arguments: StoreKind.available)
    func copyAcross(_ kind: StoreKind) async throws {
        let setup = try await Setup.make(kind)
        let store = setup.home.store
        #expect(try await setup.transfer(to: setup.work, "a.ics", copy: true))
        #expect(try await store.calendarObject(named: "a.ics", in: setup.home.personal.id) == setup.original)
        let copy = try #require(try await store.calendarObject(named: "a.ics", in: setup.work.id))
        #expect(copy.id != setup.original.id)
        #expect(copy.ics == setup.original.ics)
        #expect(try await setup.home.reload(setup.home.personal).syncRevision == 1)
        #expect(try await store.changes(in: setup.work.id, since: 0, limit: nil).changes == [.init(name: "a.ics", deleted: false, revision: 1)])
        #expect(try await store.deadProperties(path: "personal/a.ics", ownedBy: setup.home.alice.id) == [setup.property])
        #expect(try await store.deadProperties(path: "work/a.ics", ownedBy: setup.home.alice.id) == [setup.property])
    }

    @Test("a rename within one calendar logs the old name deleted and the new one created, at two revisions", arguments: StoreKind.available)
    func rename(_ kind: StoreKind) async throws {
        let setup = try await Setup.make(kind)
        let store = setup.home.store
        #expect(try await setup.transfer(to: setup.home.personal, "renamed.ics"))
        let changes = try await store.changes(in: setup.home.personal.id, since: 1, limit: nil)
        #expect(
            changes
                == CalendarChangeSet(
                    changes: [.init(name: "a.ics", deleted: true, revision: 2), .init(name: "renamed.ics", deleted: false, revision: 3)], revision: 3,
                    truncated: false))
        #expect(try await store.calendarObject(named: "renamed.ics", in: setup.home.personal.id)?.uid == "a")
        #expect(try await store.deadProperties(path: "personal/renamed.ics", ownedBy: setup.home.alice.id) == [setup.property])
        // Copying within the calendar would duplicate the UID.
        await #expect(throws: DAVStoreError.uidConflict(existingName: "renamed.ics")) {
            try await store.transferCalendarObject(
                named: "renamed.ics", from: setup.home.personal.id, to: setup.home.personal.id, newName: "again.ics", overwrite: false,
                keepSource: true)
        }
        await #expect(throws: StoreError.self) {
            try await store.transferCalendarObject(
                named: "renamed.ics", from: setup.home.personal.id, to: setup.home.personal.id, newName: "renamed.ics", overwrite: true,
                keepSource: false)
        }
    }

    @Test("an existing target is replaced only with overwrite, taking its place and dropping its dead properties", arguments: StoreKind.available)
    func overwrite(_ kind: StoreKind) async throws {
        let setup = try await Setup.make(kind)
        let store = setup.home.store
        let other = DeadProperty(namespace: "urn:x", name: "other", xml: "<x:other xmlns:x=\"urn:x\"/>")
        _ = try await store.putCalendarObject(D.object("b.ics", uid: "b"), in: setup.work.id, condition: .none)
        try await store.updateDeadProperties(path: "work/b.ics", ownedBy: setup.home.alice.id, set: [other], remove: [])
        await #expect(throws: DAVStoreError.preconditionFailed) { try await setup.transfer(to: setup.work, "b.ics") }
        #expect(try await store.calendarObject(named: "a.ics", in: setup.home.personal.id) != nil)
        #expect(try await setup.home.reload(setup.work).syncRevision == 1)
        #expect(try await setup.transfer(to: setup.work, "b.ics", overwrite: true) == false)
        let replaced = try #require(try await store.calendarObject(named: "b.ics", in: setup.work.id))
        #expect(replaced.uid == "a")
        #expect(try await store.calendarObjects(in: setup.work.id, overlapping: nil, withData: false).count == 1)
        #expect(try await store.deadProperties(path: "work/b.ics", ownedBy: setup.home.alice.id) == [setup.property])
    }

    @Test("the UID may not repeat another object of the target calendar", arguments: StoreKind.available)
    func uidConflictInTarget(_ kind: StoreKind) async throws {
        let setup = try await Setup.make(kind)
        _ = try await setup.home.store.putCalendarObject(D.object("x.ics", uid: "a"), in: setup.work.id, condition: .none)
        await #expect(throws: DAVStoreError.uidConflict(existingName: "x.ics")) { try await setup.transfer(to: setup.work, "b.ics") }
        // Overwriting the very object that holds the UID is fine.
        #expect(try await setup.transfer(to: setup.work, "x.ics", overwrite: true) == false)
    }

    @Test("another user's calendar, a missing calendar and a missing object are notFound", arguments: StoreKind.available)
    func notFound(_ kind: StoreKind) async throws {
        let setup = try await Setup.make(kind)
        await #expect(throws: StoreError.notFound("calendar \(setup.home.bobs.id)")) { try await setup.transfer(to: setup.home.bobs, "a.ics") }
        await #expect(throws: StoreError.notFound("calendar object nope.ics")) {
            try await setup.home.store.transferCalendarObject(
                named: "nope.ics", from: setup.home.personal.id, to: setup.work.id, newName: "x.ics", overwrite: true, keepSource: false)
        }
        #expect(try await setup.home.store.calendarObjects(in: setup.home.bobs.id, overlapping: nil, withData: false) == [])
        #expect(try await setup.home.store.calendarObject(named: "a.ics", in: setup.home.personal.id) == setup.original)
    }
}
