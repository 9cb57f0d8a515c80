import Foundation
import GRDB
import Store
import Testing

@testable import SQLiteStore

/// Time-range listings (RFC 4791 §9.9) through the `(calendar_id, first_start, last_end)`
/// index: half-open overlap at the edges, NULL bounds as unbounded, and speed at 10,000 objects.
struct CalendarTimeRangeTests {
    typealias D = DAVFixtures

    /// Objects with every kind of span, in Alice's personal calendar.
    static func fill(_ home: DAVHome) async throws {
        let spans: [(String, String?, String?)] = [
            ("morning.ics", "2025-11-17T09:00:00Z", "2025-11-17T10:00:00Z"),
            ("noon.ics", "2025-11-17T12:00:00Z", "2025-11-17T13:00:00Z"),
            ("forever.ics", "2025-11-01T00:00:00Z", nil),  // an endless RRULE
            ("always.ics", nil, nil),  // a VTODO without dates
            ("past.ics", nil, "2025-11-10T00:00:00Z"),
            ("tomorrow.ics", "2025-11-18T09:00:00Z", "2025-11-18T10:00:00Z"),
        ]
        for (name, start, end) in spans {
            _ = try await home.store.putCalendarObject(D.object(name, start: start, end: end), in: home.personal.id, condition: .none)
        }
    }

    func names(_ home: DAVHome, _ start: String, _ end: String) async throws -> [String] {
        try await home.store.calendarObjects(in: home.personal.id, overlapping: D.interval(start, end), withData: false).map(\.name)
    }

    @Test("an object meets [start, end) when it starts before end and ends after start; NULL bounds are unbounded")
    func overlap() async throws {
        let home = try await DAVHome.make()
        try await Self.fill(home)
        #expect(try await names(home, "2025-11-17T00:00:00Z", "2025-11-18T00:00:00Z") == ["always.ics", "forever.ics", "morning.ics", "noon.ics"])
        // Edges: noon ends exactly at 13:00 and tomorrow starts exactly at 09:00 on the 18th.
        #expect(try await names(home, "2025-11-17T13:00:00Z", "2025-11-18T09:00:00Z") == ["always.ics", "forever.ics"])
        #expect(try await names(home, "2025-11-17T12:59:59Z", "2025-11-18T09:00:01Z") == ["always.ics", "forever.ics", "noon.ics", "tomorrow.ics"])
        // Before November only the undated and the one that ended on the 10th (unbounded start) remain.
        #expect(try await names(home, "2025-10-01T00:00:00Z", "2025-10-02T00:00:00Z") == ["always.ics", "past.ics"])
        #expect(try await names(home, "2030-01-01T00:00:00Z", "2030-01-02T00:00:00Z") == ["always.ics", "forever.ics"])
        let all = try await home.store.calendarObjects(in: home.personal.id, overlapping: nil, withData: false)
        #expect(all.count == 6)
        let stored = try #require(all.first { $0.name == "forever.ics" })
        #expect(stored.firstStart == D.date("2025-11-01T00:00:00Z"))
        #expect(stored.lastEnd == nil)
    }

    @Test("another calendar's objects never show up in a time-range listing")
    func scopedToCalendar() async throws {
        let home = try await DAVHome.make()
        try await Self.fill(home)
        _ = try await home.store.putCalendarObject(D.object("bob.ics", start: nil, end: nil), in: home.bobs.id, condition: .none)
        #expect(
            try await home.store.calendarObjects(
                in: home.bobs.id, overlapping: D.interval("2025-11-17T00:00:00Z", "2025-11-18T00:00:00Z"), withData: true
            ).map(\.name) == ["bob.ics"])
    }

    @Test("the time-range listing tests its bounds on the calendar_objects_time index", arguments: [false, true])
    func usesIndex(withData: Bool) async throws {
        let home = try await DAVHome.make()
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
        let home = try await DAVHome.make()
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
        let home = try await DAVHome.make()
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
