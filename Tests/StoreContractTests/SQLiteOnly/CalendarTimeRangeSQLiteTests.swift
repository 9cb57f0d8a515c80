import Foundation
import GRDB
import Store
import Testing

@testable import SQLiteStore

/// The time-range listings on the SQLite file: the `(calendar_id, first_start, last_end)` index
/// in the query plans, and 10,000 objects loaded straight into the table. The overlap rules
/// themselves are in StoreContractTests (CalendarTimeRangeTests).
struct CalendarTimeRangeSQLiteTests {
    typealias D = DAVFixtures

    @Test("the time-range listing tests its bounds on the calendar_objects_time index", arguments: [false, true])
    func usesIndex(withData: Bool) async throws {
        let home = try await SQLiteHome.make()
        let interval = D.interval("2025-11-17T00:00:00Z", "2025-11-18T00:00:00Z")
        let plan = try home.sql { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + SQLiteDatabase.timeRangeQuery(withData: withData),
                arguments: ["calendar"] + SQLiteDatabase.overlapArguments(interval)
            ).map { $0["detail"] as String }
        }
        #expect(plan.joined(separator: " | ").contains("USING INDEX calendar_objects_time (calendar_id=?)"), "\(plan)")
    }

    @Test("the personal busy-time query walks the user's calendars, then each one's time index")
    func personalUsesIndex() async throws {
        let home = try await SQLiteHome.make()
        let interval = D.interval("2025-11-17T00:00:00Z", "2025-11-18T00:00:00Z")
        let plan = try home.sql { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + SQLiteDatabase.personalObjectsQuery, arguments: ["user"] + SQLiteDatabase.overlapArguments(interval)
            )
            .map { $0["detail"] as String }
        }
        #expect(plan.joined(separator: " | ").contains("SEARCH calendars USING INDEX"), "\(plan)")
        #expect(plan.joined(separator: " | ").contains("SEARCH calendar_objects USING INDEX calendar_objects_time (calendar_id=?)"), "\(plan)")
    }

    @Test(
        "10,000 objects: a month's listing without data and a full listing are exact (speed is the benchmark's job, the index the query plan test's)")
    func tenThousand() async throws {
        let home = try await SQLiteHome.make()
        let calendarId = home.personal.id
        // One object an hour from 2025-01-01; loaded in one transaction (PUT speed is the benchmark's job).
        let base = D.date("2025-01-01T00:00:00Z")
        let ics = D.ics(uid: "template")
        try await DatabasePool(path: home.store.path).write { db in
            for index in 0..<10_000 {
                let start = base.addingTimeInterval(Double(index) * 3600)
                try db.execute(
                    sql: """
                        INSERT INTO calendar_objects (id, calendar_id, name, uid, component_type, ics, size, etag, first_start, last_end, created_at, updated_at)
                        VALUES (?, ?, ?, ?, 'VEVENT', ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        "id\(index)", calendarId, "o\(index).ics", "uid\(index)", ics, ics.utf8.count, "\"\(index)\"", start,
                        start.addingTimeInterval(1800),
                        base, base,
                    ])
            }
        }
        let month = try await home.store.calendarObjects(
            in: calendarId, overlapping: D.interval("2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z"), withData: false)
        #expect(month.count == 31 * 24)
        #expect(month.allSatisfy { $0.ics.isEmpty && $0.size == ics.utf8.count })
        // March begins 59 days (1,416 hours) after January 1.
        #expect(Set(month.map(\.name)) == Set((1416..<1416 + 31 * 24).map { "o\($0).ics" }))
        let all = try await home.store.calendarObjects(in: calendarId, overlapping: nil, withData: false)
        #expect(all.count == 10_000)
    }
}
