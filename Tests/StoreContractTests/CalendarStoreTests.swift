import Foundation
import Store
import Testing

/// Calendar collections on each store: creation and its name rules, PROPPATCH and the
/// ctag, deletion with everything under the calendar, and one user never seeing another's.
struct CalendarStoreTests {
    typealias D = DAVFixtures

    @Test("a new calendar starts at revision 0 with what the client sent; calendars list by order then slug", arguments: StoreKind.available)
    func createAndList(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let work = try await home.store.createCalendar(
            NewCalendar(
                slug: "work", displayName: "Work", description: "Day job", color: "#FF0000FF", order: -1, timezone: "BEGIN:VCALENDAR…",
                components: ["vevent"]), ownedBy: home.alice.id)
        #expect(work.syncRevision == 0)
        #expect(work.scheduleId == nil)
        #expect(work.components == ["VEVENT"])
        #expect(try await home.store.calendar(slug: "work", ownedBy: home.alice.id) == work)
        let slugs = try await home.store.calendars(ownedBy: home.alice.id).map(\.slug)
        #expect(slugs == ["work", "personal", "remote-work"])
        #expect(try await home.store.calendar(slug: "personal", ownedBy: home.alice.id)?.components == ["VEVENT", "VTODO"])
    }

    @Test(
        "a slug may not repeat a calendar or a top-level plain resource of the same home, but another user may use it", arguments: StoreKind.available
    )
    func slugConflicts(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        await #expect(throws: StoreError.self) {
            try await home.store.createCalendar(NewCalendar(slug: "personal", displayName: "Again"), ownedBy: home.alice.id)
        }
        await #expect(throws: StoreError.self) {
            try await home.store.createCalendar(NewCalendar(slug: "remote-work", displayName: "Again"), ownedBy: home.alice.id)
        }
        try await home.store.createDAVCollection(path: "litmus", ownedBy: home.alice.id)
        _ = try await home.store.putDAVResource(path: "notes.txt", body: Data("hi".utf8), contentType: nil, ownedBy: home.alice.id, condition: .none)
        for slug in ["litmus", "notes.txt"] {
            await #expect(throws: StoreError.conflict("a resource named \(slug) already exists in the calendar home")) {
                try await home.store.createCalendar(NewCalendar(slug: slug, displayName: "x"), ownedBy: home.alice.id)
            }
        }
        // Bob has neither: the names are free in his home.
        _ = try await home.store.createCalendar(NewCalendar(slug: "litmus", displayName: "Bob's"), ownedBy: home.bob.id)
        for bad in ["", "a/b", "..", "."] {
            await #expect(throws: StoreError.self) {
                try await home.store.createCalendar(NewCalendar(slug: bad, displayName: "x"), ownedBy: home.alice.id)
            }
        }
        #expect(try await home.store.calendars(ownedBy: home.alice.id).count == 2)
    }

    @Test(
        "PROPPATCH changes the given fields only, clears optional ones with .some(nil), and moves the revision without logging a change",
        arguments: StoreKind.available)
    func updateCalendar(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let colored = try await home.store.updateCalendar(
            id: home.personal.id, ownedBy: home.alice.id, changes: CalendarChanges(displayName: "Mine", color: "#00FF00", order: 3))
        #expect(colored.displayName == "Mine")
        #expect(colored.color == "#00FF00")
        #expect(colored.order == 3)
        #expect(colored.description == "")
        #expect(colored.syncRevision == 1)
        #expect(colored.updatedAt >= home.personal.updatedAt)
        let cleared = try await home.store.updateCalendar(
            id: home.personal.id, ownedBy: home.alice.id, changes: CalendarChanges(description: "d", color: .some(nil)))
        #expect(cleared.color == nil)
        #expect(cleared.displayName == "Mine")
        #expect(cleared.description == "d")
        #expect(cleared.syncRevision == 2)
        #expect(try await home.reload(home.personal) == cleared)
        let changes = try await home.store.changes(in: home.personal.id, since: 0, limit: nil)
        #expect(changes == CalendarChangeSet(changes: [], revision: 2, truncated: false))
        // Bob cannot touch it.
        await #expect(throws: StoreError.notFound("calendar \(home.personal.id)")) {
            try await home.store.updateCalendar(id: home.personal.id, ownedBy: home.bob.id, changes: CalendarChanges(displayName: "Bob's now"))
        }
    }

    @Test(
        "deleting a client calendar removes its objects, change log and dead properties (its own and its objects'), nothing else",
        arguments: StoreKind.available)
    func deleteCalendar(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        _ = try await store.putCalendarObject(D.object("a.ics"), in: home.personal.id, condition: .none)
        _ = try await store.putCalendarObject(D.object("b.ics"), in: home.bobs.id, condition: .none)
        let color = DeadProperty(namespace: "urn:x", name: "c", xml: "<x:c xmlns:x=\"urn:x\"/>")
        for path in ["personal", "personal/a.ics", "personal-notes", "remote-work"] {
            try await store.updateDeadProperties(path: path, ownedBy: home.alice.id, set: [color], remove: [])
        }
        try await store.updateDeadProperties(path: "personal", ownedBy: home.bob.id, set: [color], remove: [])

        try await store.deleteCalendar(id: home.personal.id, ownedBy: home.alice.id)

        #expect(try await store.calendar(slug: "personal", ownedBy: home.alice.id) == nil)
        // That no object or change row of it is left is checked on the SQLite file in SQLiteStoreTests.
        let left = try await store.deadProperties(paths: ["personal", "personal/a.ics", "personal-notes", "remote-work"], ownedBy: home.alice.id)
        #expect(left.keys.sorted() == ["personal-notes", "remote-work"])
        #expect(try await store.deadProperties(path: "personal", ownedBy: home.bob.id) == [color])
        #expect(try await store.calendarObjects(in: home.bobs.id, overlapping: nil, withData: false).map(\.name) == ["b.ics"])
        // The slug is free again.
        _ = try await store.createCalendar(NewCalendar(slug: "personal", displayName: "Again"), ownedBy: home.alice.id)
    }

    @Test("a schedule's calendar cannot be deleted through DAV, and another user's calendar is not found", arguments: StoreKind.available)
    func deleteRefusals(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        await #expect(throws: StoreError.conflict("calendar remote-work shows the bookings of a schedule; delete the schedule instead")) {
            try await home.store.deleteCalendar(id: home.bookings.id, ownedBy: home.alice.id)
        }
        await #expect(throws: StoreError.notFound("calendar \(home.personal.id)")) {
            try await home.store.deleteCalendar(id: home.personal.id, ownedBy: home.bob.id)
        }
        #expect(try await home.store.calendars(ownedBy: home.alice.id).count == 2)
    }

    @Test(
        "a schedule's calendar never takes the slug of the scheduling inbox or outbox, and leaves its time zone to the schedule",
        arguments: StoreKind.available)
    func scheduleCalendarSlugs(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        _ = try await EventTypeFixtures.schedule(home.store, home.alice.id, "Inbox")
        _ = try await EventTypeFixtures.schedule(home.store, home.alice.id, "Outbox")
        let calendars = try await home.store.calendars(ownedBy: home.alice.id).filter { $0.scheduleId != nil }
        #expect(calendars.map(\.slug).sorted() == ["inbox-2", "outbox-2", "remote-work"])
        #expect(calendars.allSatisfy { $0.timezone == nil })
    }

    @Test("each user lists only their own calendars", arguments: StoreKind.available)
    func isolation(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        #expect(try await home.store.calendars(ownedBy: home.bob.id).map(\.displayName).sorted() == ["Bob's Work", "Bob's personal"])
        #expect(try await home.store.calendar(slug: "remote-work", ownedBy: home.bob.id) == nil)
        #expect(try await home.store.calendars(ownedBy: "nobody") == [])
    }

    @Test(
        "used bytes add the UTF-8 size of every object of the user's calendars and every plain file, and nothing of other users",
        arguments: StoreKind.available)
    func usedBytes(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        #expect(try await store.usedBytes(ownedBy: home.alice.id) == 0)
        let accented = D.object("a.ics", summary: "Consulta — João")
        _ = try await store.putCalendarObject(accented, in: home.personal.id, condition: .none)
        _ = try await store.putCalendarObject(D.object("b.ics"), in: home.bookings.id, condition: .none)
        try await store.createDAVCollection(path: "files", ownedBy: home.alice.id)
        _ = try await store.putDAVResource(path: "files/x", body: Data(count: 1000), contentType: nil, ownedBy: home.alice.id, condition: .none)
        _ = try await store.putCalendarObject(D.object("c.ics"), in: home.bobs.id, condition: .none)
        let expected = accented.ics.utf8.count + D.object("b.ics").ics.utf8.count + 1000
        #expect(accented.ics.utf8.count > accented.ics.count)
        #expect(try await store.usedBytes(ownedBy: home.alice.id) == expected)
        #expect(try await store.usedBytes(ownedBy: home.bob.id) == D.object("c.ics").ics.utf8.count)
    }
}
