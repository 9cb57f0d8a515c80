import Foundation
import Store
import Testing

/// The listing behind PROPFIND Depth 1 and the initial sync reads columns and dates itself;
/// it must agree with the ordinary object reads to the millisecond.
struct ObjectListingTests {
    typealias D = DAVFixtures

    @Test("a listing holds every object, by name, with the values the full read gives, and the calendar's revision", arguments: StoreKind.available)
    func agreesWithObjectReads(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        for name in ["b.ics", "a b&c.ics", "z.ics", "é.ics"] {
            _ = try await home.store.putCalendarObject(
                D.object(name, start: "2025-11-17T09:00:00Z", end: "2025-11-17T10:00:00Z"), in: home.personal.id, condition: .none)
        }
        try await home.store.deleteCalendarObject(named: "z.ics", in: home.personal.id, condition: .none)
        let listing = try await home.store.objectListing(in: home.personal.id)
        let objects = try await home.store.calendarObjects(in: home.personal.id, overlapping: nil, withData: false)
        #expect(listing.objects == objects.map(\.summary))
        #expect(listing.objects.map(\.name) == ["a b&c.ics", "b.ics", "é.ics"])
        #expect(listing.revision == (try await home.store.changes(in: home.personal.id, since: 0, limit: nil)).revision)
        await #expect(throws: StoreError.self) { try await home.store.objectListing(in: "no-such-calendar") }
    }

    /// The listing as the table holds it now, read without the cache.
    static func fresh(_ store: TestStore, _ calendarId: String) async throws -> [CalendarObjectSummary] {
        try await store.calendarObjects(in: calendarId, overlapping: nil, withData: false).map(\.summary)
    }

    @Test(
        "a listing read again after any kind of write shows the write: put, replace, delete, move, booking, cancellation",
        arguments: StoreKind.available)
    func cachedListingFollowsWrites(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let store = home.store
        let personal = home.personal.id
        func check(_ calendarId: String, _ what: Comment) async throws {
            #expect(try await store.objectListing(in: calendarId).objects == (try await Self.fresh(store, calendarId)), what)
        }
        _ = try await store.putCalendarObject(D.object("a.ics", summary: "one"), in: personal, condition: .none)
        try await check(personal, "first read")
        _ = try await store.putCalendarObject(D.object("a.ics", summary: "two"), in: personal, condition: .none)
        try await check(personal, "after a replacement")
        _ = try await store.putCalendarObject(D.object("b.ics"), in: personal, condition: .none)
        try await check(personal, "after a new object")
        let other = try await store.createCalendar(NewCalendar(slug: "other", displayName: "Other"), ownedBy: home.alice.id)
        try await check(other.id, "empty calendar")
        _ = try await store.transferCalendarObject(
            named: "b.ics", from: personal, to: other.id, newName: "c.ics", overwrite: false, keepSource: false)
        try await check(personal, "after a move out")
        try await check(other.id, "after a move in")
        try await store.deleteCalendarObject(named: "a.ics", in: personal, condition: .none)
        try await check(personal, "after a delete")
        try await check(home.bookings.id, "booking calendar before")
        let booking = EventTypeFixtures.booking(home.eventType, "2025-11-17T12:00:00Z", uid: "listed")
        try await store.recordBooking(booking)
        try await check(home.bookings.id, "after a booking")
        _ = try await store.cancelBooking(id: booking.id, ownedBy: home.alice.id, reason: nil, now: Date())
        try await check(home.bookings.id, "after its cancellation")
    }
}
