import Availability
import Foundation
import Store
import Testing

/// The booking flow's writes on each store: the re-check runs on busy time read in the
/// inserting transaction, overlaps are refused whatever the re-check says, idempotency keys
/// replay, and cancel/reschedule keep the calendar object in step.
struct BookingFlowStoreTests {
    typealias F = EventTypeFixtures

    struct Setup {
        let store: TestStore
        let user: User
        let eventType: EventType

        static func make(_ kind: StoreKind) async throws -> Setup {
            let store = try await kind.open()
            let user = try await F.user(store, "alice")
            _ = try await F.schedule(store, user.id, "Remote Work")
            let eventType = try await store.createEventType(F.eventType(user.id, "Online Consultation"))
            return Setup(store: store, user: user, eventType: eventType)
        }

        func request(_ start: String, key: String? = nil, email: String = "carla@example.org") -> BookingRequest {
            var booking = F.booking(eventType, start)
            booking.attendee.email = email
            return BookingRequest(booking: booking, managementTokenHash: "hash-\(booking.id)", idempotencyKey: key)
        }

        var windows: BusyWindows {
            BusyWindows(
                bookings: DateInterval(start: F.date("2025-11-01T00:00:00Z"), end: F.date("2025-12-01T00:00:00Z")),
                events: DateInterval(start: F.date("2025-11-16T00:00:00Z"), end: F.date("2025-11-19T00:00:00Z")))
        }

        func objectNames() async throws -> [String] {
            let calendar = try #require(try await store.calendars(ownedBy: user.id).first { $0.scheduleId != nil })
            return try await store.calendarObjects(in: calendar.id, overlapping: nil, withData: false).map(\.name)
        }
    }

    struct Refused: Error {}

    /// What a re-check closure saw, kept for the test to read.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: BusySnapshot?
        var snapshot: BusySnapshot? { lock.withLock { stored } }
        func keep(_ snapshot: BusySnapshot) { lock.withLock { stored = snapshot } }
    }

    @Test("the re-check sees the bookings and personal events of its windows; its error aborts the insert", arguments: StoreKind.available)
    func recheckSeesBusyTime(_ kind: StoreKind) async throws {
        let setup = try await Setup.make(kind)
        _ = try await setup.store.createBooking(setup.request("2025-11-17T12:00:00Z"), windows: setup.windows) { _ in }
        let personal = try await setup.store.createCalendar(NewCalendar(slug: "personal", displayName: "Personal"), ownedBy: setup.user.id)
        let ics =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\nUID:dentist\r\nDTSTAMP:20251101T000000Z\r\n"
            + "DTSTART:20251117T150000Z\r\nDTEND:20251117T160000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        _ = try await setup.store.putCalendarObject(
            NewCalendarObject(
                name: "dentist.ics", uid: "dentist", componentType: "VEVENT", ics: ics, firstStart: F.date("2025-11-17T15:00:00Z"),
                lastEnd: F.date("2025-11-17T16:00:00Z")), in: personal.id, condition: .none)
        let seen = Seen()
        await #expect(throws: Refused.self) {
            try await setup.store.createBooking(setup.request("2025-11-18T12:00:00Z"), windows: setup.windows) { snapshot in
                seen.keep(snapshot)
                throw Refused()
            }
        }
        let snapshot = try #require(seen.snapshot)
        #expect(snapshot.bookings.map(\.start) == [F.date("2025-11-17T12:00:00Z")])
        #expect(snapshot.bookings.first?.eventTypeId == setup.eventType.id)
        #expect(snapshot.personalEvents.map(\.uid) == ["dentist"])
        #expect(try await setup.store.bookings(ownedBy: setup.user.id, matching: BookingQuery()).count == 1)
        #expect(try await setup.objectNames().count == 1)
    }

    @Test("an overlap with a confirmed booking is a conflict even when the re-check lets it through", arguments: StoreKind.available)
    func overlapAlwaysRefused(_ kind: StoreKind) async throws {
        let setup = try await Setup.make(kind)
        _ = try await setup.store.createBooking(setup.request("2025-11-17T12:00:00Z"), windows: setup.windows) { _ in }
        await #expect(throws: StoreError.self) {
            try await setup.store.createBooking(setup.request("2025-11-17T12:30:00Z"), windows: setup.windows) { _ in }
        }
        // Touching is not overlapping.
        _ = try await setup.store.createBooking(setup.request("2025-11-17T12:50:00Z"), windows: setup.windows) { _ in }
        #expect(try await setup.store.bookings(ownedBy: setup.user.id, matching: BookingQuery()).count == 2)
    }

    @Test(
        "an idempotency key replays the first booking and keeps its token hash; reused for another request it is invalid",
        arguments: StoreKind.available)
    func idempotency(_ kind: StoreKind) async throws {
        let setup = try await Setup.make(kind)
        let first = try await setup.store.createBooking(setup.request("2025-11-17T12:00:00Z", key: "k1"), windows: setup.windows) { _ in }
        let retry = setup.request("2025-11-17T12:00:00Z", key: "k1", email: "CARLA@example.org")
        let second = try await setup.store.createBooking(retry, windows: setup.windows) { _ in throw Refused() }
        #expect(second == .replayed(first.booking))
        #expect(try await setup.store.managedBooking(uid: first.booking.uid)?.tokenHash == "hash-\(first.booking.id)")
        await #expect(throws: StoreError.self) {
            try await setup.store.createBooking(setup.request("2025-11-17T13:00:00Z", key: "k1"), windows: setup.windows) { _ in }
        }
        #expect(try await setup.store.bookings(ownedBy: setup.user.id, matching: BookingQuery()).count == 1)
    }

    @Test(
        "cancel keeps the booking with its reason and removes its object; reschedule moves both and refuses overlaps and cancelled bookings",
        arguments: StoreKind.available)
    func cancelAndReschedule(_ kind: StoreKind) async throws {
        let setup = try await Setup.make(kind)
        let first = try await setup.store.createBooking(setup.request("2025-11-17T12:00:00Z"), windows: setup.windows) { _ in }.booking
        let second = try await setup.store.createBooking(setup.request("2025-11-17T14:00:00Z"), windows: setup.windows) { _ in }.booking
        let now = F.date("2025-11-10T12:00:00Z")

        let moved = try await setup.store.rescheduleBooking(
            id: first.id, ownedBy: setup.user.id, start: F.date("2025-11-17T13:00:00Z"), end: F.date("2025-11-17T13:50:00Z"), now: now,
            windows: nil, recheck: nil)
        #expect(moved.sequence == 1)
        #expect(moved.start == F.date("2025-11-17T13:00:00Z"))
        await #expect(throws: StoreError.self) {
            try await setup.store.rescheduleBooking(
                id: first.id, ownedBy: setup.user.id, start: F.date("2025-11-17T13:30:00Z"), end: F.date("2025-11-17T14:20:00Z"), now: now,
                windows: nil, recheck: nil)
        }
        // A reschedule's re-check runs without the booking itself.
        _ = try await setup.store.rescheduleBooking(
            id: first.id, ownedBy: setup.user.id, start: F.date("2025-11-17T12:40:00Z"), end: F.date("2025-11-17T13:30:00Z"), now: now,
            windows: setup.windows
        ) { snapshot in
            #expect(snapshot.bookings.map(\.id) == [second.id])
        }

        let cancelled = try await setup.store.cancelBooking(id: second.id, ownedBy: setup.user.id, reason: "Ill", now: now)
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.cancellationReason == "Ill")
        #expect(cancelled.sequence == 1)
        #expect(try await setup.objectNames() == [first.uid + ".ics"])
        let again = try await setup.store.cancelBooking(id: second.id, ownedBy: setup.user.id, reason: "other", now: now)
        #expect(again == cancelled)
        await #expect(throws: StoreError.self) {
            try await setup.store.rescheduleBooking(
                id: second.id, ownedBy: setup.user.id, start: F.date("2025-11-18T12:00:00Z"), end: F.date("2025-11-18T12:50:00Z"), now: now,
                windows: nil, recheck: nil)
        }
        let bob = try await F.user(setup.store, "bob")
        await #expect(throws: StoreError.notFound("booking \(first.id)")) {
            try await setup.store.cancelBooking(id: first.id, ownedBy: bob.id, reason: nil, now: now)
        }
    }
}
