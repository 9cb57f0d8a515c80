import Foundation
import Store
import Testing

/// Time-range listings (RFC 4791 §9.9): half-open overlap at the edges, NULL bounds as
/// unbounded. (The SQLite query plans and the 10,000-object listing are in SQLiteStoreTests.)
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

    @Test("an object meets [start, end) when it starts before end and ends after start; NULL bounds are unbounded", arguments: StoreKind.available)
    func overlap(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
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

    @Test("another calendar's objects never show up in a time-range listing", arguments: StoreKind.available)
    func scopedToCalendar(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        try await Self.fill(home)
        _ = try await home.store.putCalendarObject(D.object("bob.ics", start: nil, end: nil), in: home.bobs.id, condition: .none)
        #expect(
            try await home.store.calendarObjects(
                in: home.bobs.id, overlapping: D.interval("2025-11-17T00:00:00Z", "2025-11-18T00:00:00Z"), withData: true
            ).map(\.name) == ["bob.ics"])
    }
}
