import Foundation
import GRDB
import SQLiteStore
import Store
import Testing

/// Rows the stores do not expose, read straight from the SQLite file: what a calendar's deletion
/// leaves and the change log under refused writes. The same operations' visible effects are in
/// StoreContractTests (CalendarStoreTests, CalendarSyncTests).
struct CalendarRowsSQLiteTests {
    typealias D = DAVFixtures

    @Test("deleting a client calendar removes its object and change rows")
    func deleteCalendarLeavesNoRows() async throws {
        let home = try await SQLiteHome.make()
        let store = home.store
        _ = try await store.putCalendarObject(D.object("a.ics"), in: home.personal.id, condition: .none)
        _ = try await store.putCalendarObject(D.object("b.ics"), in: home.bobs.id, condition: .none)

        try await store.deleteCalendar(id: home.personal.id, ownedBy: home.alice.id)

        let rows = try home.sql { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calendar_objects WHERE calendar_id = ?", arguments: [home.personal.id]),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calendar_changes WHERE calendar_id = ?", arguments: [home.personal.id])
            )
        }
        #expect(rows.0 == 0)
        #expect(rows.1 == 0)
    }

    @Test("a write stores one change row with its revision; a refused write stores none")
    func oneChangeRowPerWrite() async throws {
        let home = try await SQLiteHome.make()
        let store = home.store
        _ = try await store.putCalendarObject(D.object("a.ics"), in: home.personal.id, condition: .none)
        let row = try home.sql { db in
            try Row.fetchOne(
                db, sql: "SELECT revision, object_name, deleted FROM calendar_changes WHERE calendar_id = ?", arguments: [home.personal.id]
            )
            .map { ($0[0] as Int, $0[1] as String, $0[2] as Bool) }
        }
        #expect(row?.0 == 1)
        #expect(row?.1 == "a.ics")
        #expect(row?.2 == false)

        await #expect(throws: DAVStoreError.uidChanged) {
            try await store.putCalendarObject(D.object("a.ics", uid: "other"), in: home.personal.id, condition: .none)
        }
        await #expect(throws: DAVStoreError.preconditionFailed) {
            try await store.deleteCalendarObject(named: "a.ics", in: home.personal.id, condition: .ifMatch(["\"nope\""]))
        }
        let count = try home.sql { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calendar_changes") }
        #expect(count == 1)
    }
}
