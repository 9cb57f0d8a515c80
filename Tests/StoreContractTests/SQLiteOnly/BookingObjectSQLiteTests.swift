import Foundation
import GRDB
import ICalendar
import Store
import Testing

@testable import SQLiteStore

/// The SQLite store's own re-render of a booking's calendar object (`refreshBookingObject`),
/// called inside a write the way the booking flow calls it. The rest of the booking objects'
/// behaviour is in StoreContractTests (BookingCalendarObjectTests).
struct BookingObjectSQLiteTests {
    typealias F = EventTypeFixtures
    typealias D = DAVFixtures

    /// Alice's booking `b1` on her remote schedule, with its object.
    static func booked() async throws -> (home: SQLiteHome, booking: Booking, object: CalendarObject) {
        let home = try await SQLiteHome.make()
        let booking = F.booking(home.eventType, "2025-11-17T12:00:00Z", uid: "b1")
        try await home.store.recordBooking(booking)
        let object = try #require(try await home.store.calendarObject(named: "b1.ics", in: home.bookings.id))
        return (home, booking, object)
    }

    @Test("re-rendering a booking's object that a client renamed keeps the client's name")
    func refreshKeepsClientName() async throws {
        let (home, booking, _) = try await Self.booked()
        let store = home.store
        #expect(
            try await store.transferCalendarObject(
                named: "b1.ics", from: home.bookings.id, to: home.bookings.id, newName: "renamed.ics", overwrite: false, keepSource: false))
        let refreshed = try #require(
            try await store.pool.write { db in try SQLiteDatabase.refreshBookingObject(db, bookingId: booking.id, now: Date()) })
        #expect(refreshed.name == "renamed.ics")
        #expect(try await store.calendarObject(named: "b1.ics", in: home.bookings.id) == nil)
    }

    @Test("re-rendering after a booking change rewrites the text, tag and span, with a new revision and change")
    func refreshAfterBookingChange() async throws {
        let (home, booking, object) = try await Self.booked()
        let store = home.store
        let before = try await home.reload(home.bookings).syncRevision
        let written = try await store.pool.write { db in
            try db.execute(
                sql: "UPDATE bookings SET start_at = ?, end_at = ?, sequence = 4, status = 'cancelled' WHERE id = ?",
                arguments: [D.date("2025-11-21T10:00:00Z"), D.date("2025-11-21T11:00:00Z"), booking.id])
            return try SQLiteDatabase.refreshBookingObject(db, bookingId: booking.id, now: Date())
        }
        let refreshed = try #require(written)
        #expect(refreshed.name == "b1.ics")
        #expect(refreshed.id == object.id)
        #expect(refreshed.etag != object.etag)
        #expect(refreshed.firstStart == D.date("2025-11-21T10:00:00Z"))
        #expect(refreshed.lastEnd == D.date("2025-11-21T11:00:00Z"))
        let calendar = try ICalendarParser.parse(refreshed.ics).calendar
        let event = try #require(calendar.components(named: "VEVENT").first)
        #expect(event.property("SEQUENCE")?.value == "4")
        #expect(event.property("STATUS")?.value == "CANCELLED")
        #expect(event.property("DTSTART")?.value == "20251121T100000Z")
        let changes = try await store.changes(in: home.bookings.id, since: before, limit: nil)
        #expect(
            changes
                == CalendarChangeSet(changes: [.init(name: "b1.ics", deleted: false, revision: before + 1)], revision: before + 1, truncated: false))
    }
}
