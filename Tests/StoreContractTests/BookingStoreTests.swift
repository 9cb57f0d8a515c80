import Availability
import Foundation
import Store
import Testing

/// The bookings query on each store: window overlap at its edges, each filter, order,
/// owner checks, and the bare insert the booking flow will build on.
struct BookingStoreTests {
    typealias F = EventTypeFixtures

    /// Alice with two schedules, an event type on each, and four bookings; Bob with one booking.
    struct World {
        let store: TestStore
        let alice: User
        let bob: User
        let online: EventType
        let clinic: EventType
        /// Keyed by a short name: `monday`, `tuesday` (cancelled), `clinic`, `overnight`.
        let bookings: [String: Booking]

        static func make(_ kind: StoreKind) async throws -> World {
            let store = try await kind.open()
            let alice = try await F.user(store, "alice")
            let bob = try await F.user(store, "bob")
            _ = try await F.schedule(store, alice.id, "Remote Work")
            let clinicSchedule = try await F.schedule(store, alice.id, "Clinic")
            _ = try await F.schedule(store, bob.id, "Bob's")
            let online = try await store.createEventType(F.eventType(alice.id, "Online"))
            let clinic = try await store.createEventType(F.eventType(alice.id, "Clinic", scheduleId: clinicSchedule.id))
            let bobs = try await store.createEventType(F.eventType(bob.id, "Bob's"))
            let bookings = [
                "tuesday": F.booking(online, "2025-11-18T12:00:00Z", status: .cancelled),
                "monday": F.booking(online, "2025-11-17T12:00:00Z"),
                "clinic": F.booking(clinic, "2025-11-18T17:00:00Z", minutes: 60),
                "overnight": F.booking(online, "2025-11-19T23:30:00Z", minutes: 90),
            ]
            for booking in bookings.values { try await store.recordBooking(booking) }
            try await store.recordBooking(F.booking(bobs, "2025-11-17T12:00:00Z"))
            return World(store: store, alice: alice, bob: bob, online: online, clinic: clinic, bookings: bookings)
        }

        func names(_ query: BookingQuery, as user: User? = nil) async throws -> [String] {
            let ids = Dictionary(uniqueKeysWithValues: bookings.map { ($0.value.id, $0.key) })
            return try await store.bookings(ownedBy: (user ?? alice).id, matching: query).map { ids[$0.id] ?? "someone else's" }
        }
    }

    @Test("no filter lists all of the user's bookings by start time, each exactly as recorded", arguments: StoreKind.available)
    func listAll(_ kind: StoreKind) async throws {
        let world = try await World.make(kind)
        #expect(try await world.names(BookingQuery()) == ["monday", "tuesday", "clinic", "overnight"])
        let stored = try await world.store.bookings(ownedBy: world.alice.id, matching: BookingQuery())
        #expect(stored.first == world.bookings["monday"])
    }

    @Test("the window selects bookings that overlap it: start < to and end > from, edges excluded", arguments: StoreKind.available)
    func windowOverlap(_ kind: StoreKind) async throws {
        let world = try await World.make(kind)
        let date = F.date
        // monday is 12:00–12:50 on the 17th.
        #expect(try await world.names(BookingQuery(from: date("2025-11-17T12:50:00Z"), to: date("2025-11-18T12:00:00Z"))) == [])
        #expect(try await world.names(BookingQuery(from: date("2025-11-17T12:49:59Z"), to: date("2025-11-18T12:00:01Z"))) == ["monday", "tuesday"])
        #expect(try await world.names(BookingQuery(from: date("2025-11-17T12:10:00Z"), to: date("2025-11-17T12:20:00Z"))) == ["monday"])
        // overnight runs from 23:30 on the 19th into the 20th: a window on the 20th still shows it.
        #expect(try await world.names(BookingQuery(from: date("2025-11-20T00:00:00Z"))) == ["overnight"])
        #expect(try await world.names(BookingQuery(to: date("2025-11-18T12:00:00Z"))) == ["monday"])
    }

    @Test("status, schedule and event type filter alone and together", arguments: StoreKind.available)
    func filters(_ kind: StoreKind) async throws {
        let world = try await World.make(kind)
        #expect(try await world.names(BookingQuery(status: .cancelled)) == ["tuesday"])
        #expect(try await world.names(BookingQuery(status: .confirmed)) == ["monday", "clinic", "overnight"])
        #expect(try await world.names(BookingQuery(scheduleId: world.clinic.scheduleId)) == ["clinic"])
        #expect(try await world.names(BookingQuery(eventTypeId: world.online.id)) == ["monday", "tuesday", "overnight"])
        #expect(try await world.names(BookingQuery(status: .confirmed, eventTypeId: world.online.id)) == ["monday", "overnight"])
        let window = BookingQuery(from: F.date("2025-11-18T00:00:00Z"), to: F.date("2025-11-19T00:00:00Z"), status: .confirmed)
        #expect(try await world.names(window) == ["clinic"])
        #expect(try await world.names(BookingQuery(scheduleId: "nope")) == [])
    }

    @Test("another user sees none of them: their list holds only their own, and a lookup by id is nil", arguments: StoreKind.available)
    func ownerChecks(_ kind: StoreKind) async throws {
        let world = try await World.make(kind)
        #expect(try await world.names(BookingQuery(), as: world.bob) == ["someone else's"])
        #expect(try await world.names(BookingQuery(eventTypeId: world.online.id), as: world.bob) == [])
        let monday = try #require(world.bookings["monday"])
        #expect(try await world.store.booking(id: monday.id, ownedBy: world.bob.id) == nil)
        #expect(try await world.store.booking(id: monday.id, ownedBy: world.alice.id) == monday)
    }

    @Test(
        "recordBooking refuses a duplicate uid, another user's event type or schedule, and an empty time range",
        arguments: StoreKind.available)
    func recordBookingRefusals(_ kind: StoreKind) async throws {
        let world = try await World.make(kind)
        let monday = try #require(world.bookings["monday"])
        var duplicate = F.booking(world.online, "2025-12-01T12:00:00Z", uid: monday.uid)
        await #expect(throws: StoreError.self) { try await world.store.recordBooking(duplicate) }
        duplicate.uid = "fresh"
        duplicate.userId = world.bob.id
        await #expect(throws: StoreError.notFound("event type \(world.online.id)")) { try await world.store.recordBooking(duplicate) }
        var backwards = F.booking(world.online, "2025-12-01T12:00:00Z")
        backwards.end = backwards.start
        await #expect(throws: StoreError.invalid([.init(path: "end", message: "must be after start")])) {
            try await world.store.recordBooking(backwards)
        }
        var wrongSchedule = F.booking(world.online, "2025-12-01T12:00:00Z")
        wrongSchedule.scheduleId = "nope"
        await #expect(throws: StoreError.notFound("schedule nope")) { try await world.store.recordBooking(wrongSchedule) }
        #expect(try await world.store.bookings(ownedBy: world.alice.id, matching: BookingQuery()).count == 4)
    }
}
