import Foundation
import Store
import Testing

/// The change log behind sync tokens (RFC 6578): latest change per name, oldest first,
/// truncation with a limit, token validation, and the revision moving in the same transaction
/// as every write (a failed write moves nothing).
struct CalendarSyncTests {
    typealias D = DAVFixtures

    @Test(
        "changes since a revision report each name once, at its latest change, oldest first; created-then-deleted is deleted",
        arguments: StoreKind.available)
    func latestPerName(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let calendar = home.personal.id
        _ = try await store.putCalendarObject(D.object("a.ics"), in: calendar, condition: .none)  // 1
        _ = try await store.putCalendarObject(D.object("b.ics"), in: calendar, condition: .none)  // 2
        _ = try await store.putCalendarObject(D.object("a.ics", summary: "v2"), in: calendar, condition: .none)  // 3
        _ = try await store.putCalendarObject(D.object("c.ics"), in: calendar, condition: .none)  // 4
        try await store.deleteCalendarObject(named: "c.ics", in: calendar, condition: .none)  // 5
        _ = try await store.updateCalendar(id: calendar, ownedBy: home.alice.id, changes: CalendarChanges(displayName: "P"))  // 6

        let all = try await store.changes(in: calendar, since: 0, limit: nil)
        #expect(
            all
                == CalendarChangeSet(
                    changes: [
                        CalendarChange(name: "b.ics", deleted: false, revision: 2), CalendarChange(name: "a.ics", deleted: false, revision: 3),
                        CalendarChange(name: "c.ics", deleted: true, revision: 5),
                    ], revision: 6, truncated: false))
        let since2 = try await store.changes(in: calendar, since: 2, limit: nil)
        #expect(since2.changes.map(\.name) == ["a.ics", "c.ics"])
        #expect(since2.revision == 6)
        let current = try await store.changes(in: calendar, since: 6, limit: nil)
        #expect(current == CalendarChangeSet(changes: [], revision: 6, truncated: false))
    }

    @Test(
        "with a limit the set is truncated at the last reported change, and following the returned revisions walks every change once",
        arguments: StoreKind.available)
    func truncation(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let calendar = home.personal.id
        for name in ["a", "b", "c", "d", "e"] { _ = try await store.putCalendarObject(D.object(name + ".ics"), in: calendar, condition: .none) }
        _ = try await store.putCalendarObject(D.object("a.ics", summary: "again"), in: calendar, condition: .none)  // 6
        let first = try await store.changes(in: calendar, since: 0, limit: 2)
        #expect(
            first
                == CalendarChangeSet(
                    changes: [.init(name: "b.ics", deleted: false, revision: 2), .init(name: "c.ics", deleted: false, revision: 3)], revision: 3,
                    truncated: true))
        let second = try await store.changes(in: calendar, since: first.revision, limit: 2)
        #expect(second.changes.map(\.name) == ["d.ics", "e.ics"])
        #expect(second.truncated)
        let third = try await store.changes(in: calendar, since: second.revision, limit: 2)
        #expect(third == CalendarChangeSet(changes: [.init(name: "a.ics", deleted: false, revision: 6)], revision: 6, truncated: false))
        let exact = try await store.changes(in: calendar, since: 3, limit: 3)
        #expect(exact.changes.map(\.name) == ["d.ics", "e.ics", "a.ics"])
        #expect(!exact.truncated)
        #expect(exact.revision == 6)
        let none = try await store.changes(in: calendar, since: 0, limit: 0)
        #expect(none == CalendarChangeSet(changes: [], revision: 0, truncated: true))
    }

    @Test("a token beyond the calendar's revision or below zero is invalidSyncToken; an unknown calendar is notFound", arguments: StoreKind.available)
    func invalidTokens(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        _ = try await home.store.putCalendarObject(D.object("a.ics"), in: home.personal.id, condition: .none)
        await #expect(throws: DAVStoreError.invalidSyncToken) { try await home.store.changes(in: home.personal.id, since: 2, limit: nil) }
        await #expect(throws: DAVStoreError.invalidSyncToken) { try await home.store.changes(in: home.personal.id, since: -1, limit: nil) }
        await #expect(throws: StoreError.notFound("calendar nope")) { try await home.store.changes(in: "nope", since: 0, limit: nil) }
        #expect(try await home.store.changes(in: home.personal.id, since: 1, limit: nil).changes == [])
    }

    @Test(
        "each write stores data, revision, change row and updated_at together, and a refused write leaves all four as they were",
        arguments: StoreKind.available)
    func oneTransaction(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let before = try await home.reload(home.personal)
        let put = try await store.putCalendarObject(D.object("a.ics"), in: home.personal.id, condition: .none).object
        let after = try await home.reload(home.personal)
        #expect(after.syncRevision == before.syncRevision + 1)
        #expect(after.updatedAt > before.updatedAt)
        #expect(try await store.changes(in: home.personal.id, since: 0, limit: nil).changes == [.init(name: "a.ics", deleted: false, revision: 1)])

        await #expect(throws: DAVStoreError.uidChanged) {
            try await store.putCalendarObject(D.object("a.ics", uid: "other"), in: home.personal.id, condition: .none)
        }
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.deleteCalendarObject(named: "a.ics", in: home.personal.id, condition: .ifMatch(["\"nope\""]))
        }
        #expect(try await home.reload(home.personal) == after)
        #expect(try await store.calendarObject(named: "a.ics", in: home.personal.id) == put)
        #expect(try await store.changes(in: home.personal.id, since: 0, limit: nil).changes == [.init(name: "a.ics", deleted: false, revision: 1)])
        // The change rows themselves are counted on the SQLite file in SQLiteStoreTests.
    }
}
