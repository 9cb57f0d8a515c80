import Availability
import Foundation
import Store
import Testing

/// Event types, on each store: defaults filled in, slugs, owner checks and the
/// refusals that keep the data whole.
struct EventTypeStoreTests {
    typealias F = EventTypeFixtures

    @Test("create fills id, slug, default schedule and timestamps, and every field reads back as written", arguments: StoreKind.available)
    func createRoundTrip(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        let remote = try await F.schedule(store, alice.id, "Remote Work")
        let clinic = try await F.schedule(store, alice.id, "Clinic")
        var full = F.eventType(alice.id, "In-Person Consultation", slug: "in-person", scheduleId: clinic.id)
        full.description = "First visit"
        full.color = "#1E90FFcc"
        full.locationOverride = Location(type: .phone, phoneNumber: "+55 11 5555-0000")
        full.limits = EventTypeLimits(
            duration: 60, slotInterval: 30, beforeBuffer: 10, afterBuffer: 5, minimumNotice: 120,
            bookingWindow: .range(startDate: "2025-12-01", endDate: "2026-01-31"), maxBookingsPerDay: 4, maxBookingsPerWeek: 10)
        let created = try await store.createEventType(full)
        #expect(!created.id.isEmpty)
        #expect(created.createdAt == created.updatedAt)
        var expected = full
        expected.id = created.id
        expected.createdAt = created.createdAt
        expected.updatedAt = created.updatedAt
        #expect(created == expected)
        #expect(try await store.eventType(id: created.id, ownedBy: alice.id) == created)

        let minimal = try await store.createEventType(F.eventType(alice.id, "Online Consultation"))
        #expect(minimal.scheduleId == remote.id)
        #expect(minimal.slug == "online-consultation")
        #expect(minimal.calendarDestination == .appOnly)
        #expect(try await store.eventTypes(ownedBy: alice.id).map(\.id) == [created.id, minimal.id])
    }

    @Test("an empty slug is made from the title, unique among the user's slugs", arguments: StoreKind.available)
    func generatedSlugs(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        _ = try await F.schedule(store, alice.id, "Remote Work")
        let titles = ["Online Consultation", "Online Consultation", "Consulta Inicial — João", "日本語", String(repeating: "Long ", count: 30)]
        var slugs: [String] = []
        for title in titles { slugs.append(try await store.createEventType(F.eventType(alice.id, title)).slug) }
        #expect(slugs[0...3] == ["online-consultation", "online-consultation-2", "consulta-inicial-joao", "event"])
        #expect(slugs[4].count <= 60 && slugs[4].hasPrefix("long-long") && !slugs[4].hasSuffix("-"))
    }

    @Test("a slug is unique per user: a duplicate is a conflict naming it, another user may use it", arguments: StoreKind.available)
    func slugConflicts(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        let bob = try await F.user(store, "bob")
        _ = try await F.schedule(store, alice.id, "Remote Work")
        _ = try await F.schedule(store, bob.id, "Bob's")
        let intro = try await store.createEventType(F.eventType(alice.id, "Intro", slug: "intro"))
        let other = try await store.createEventType(F.eventType(alice.id, "Other", slug: "other"))
        await #expect(throws: StoreError.conflict("slug \"intro\" is already used by another of your event types")) {
            try await store.createEventType(F.eventType(alice.id, "Again", slug: "intro"))
        }
        _ = try await store.createEventType(F.eventType(bob.id, "Intro", slug: "intro"))
        var renamed = other
        renamed.slug = "intro"
        await #expect(throws: StoreError.conflict("slug \"intro\" is already used by another of your event types")) {
            try await store.updateEventType(renamed)
        }
        var same = intro
        same.title = "Introduction"
        #expect(try await store.updateEventType(same).slug == "intro")
        #expect(try await store.eventTypes(ownedBy: alice.id).count == 2)
    }

    @Test("the schedule must be the user's: none yet is invalid, someone else's or a missing one is not found", arguments: StoreKind.available)
    func scheduleOwnership(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        let bob = try await F.user(store, "bob")
        await #expect(
            throws: StoreError.invalid([.init(path: "scheduleId", message: "is required: you have no default schedule; create a schedule first")])
        ) {
            try await store.createEventType(F.eventType(alice.id, "Intro"))
        }
        let bobs = try await F.schedule(store, bob.id, "Bob's")
        _ = try await F.schedule(store, alice.id, "Remote Work")
        await #expect(throws: StoreError.notFound("schedule \(bobs.id)")) {
            try await store.createEventType(F.eventType(alice.id, "Intro", scheduleId: bobs.id))
        }
        await #expect(throws: StoreError.notFound("schedule nope")) {
            try await store.createEventType(F.eventType(alice.id, "Intro", scheduleId: "nope"))
        }
        var moved = try await store.createEventType(F.eventType(alice.id, "Intro"))
        moved.scheduleId = bobs.id
        await #expect(throws: StoreError.notFound("schedule \(bobs.id)")) { try await store.updateEventType(moved) }
        #expect(try await store.eventTypes(ownedBy: alice.id).count == 1)
    }

    @Test("every invalid field is reported at once with its path, and nothing is written", arguments: StoreKind.available)
    func validation(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        _ = try await F.schedule(store, alice.id, "Remote Work")
        var bad = F.eventType(alice.id, "  ", slug: "Not A Slug", duration: 0)
        bad.color = "blue"
        bad.locationOverride = Location(type: .inPerson)
        bad.calendarDestination = CalendarDestination(type: .external, provider: "google")
        bad.limits.bookingWindow = .rolling(days: -1)
        do {
            _ = try await store.createEventType(bad)
            Issue.record("an invalid event type was stored")
        } catch let StoreError.invalid(issues) {
            #expect(
                issues.map(\.path) == [
                    "title", "slug", "color", "locationOverride.address", "calendarDestination.connectionId", "calendarDestination.calendarId",
                    "duration", "bookingWindow.days",
                ])
            #expect(issues[4].message == "an external destination names its connection")
        }
        for slug in ["-intro", "intro-", "intro_1", "ção", String(repeating: "a", count: 65)] {
            await #expect(throws: StoreError.self) { try await store.createEventType(F.eventType(alice.id, "Intro", slug: slug)) }
        }
        for color in ["#12345", "#1234567", "#GGGGGG", "123456"] {
            var colored = F.eventType(alice.id, "Intro")
            colored.color = color
            await #expect(throws: StoreError.self) { try await store.createEventType(colored) }
        }
        #expect(try await store.eventTypes(ownedBy: alice.id).isEmpty)
        var valid = F.eventType(alice.id, "Intro", slug: String(repeating: "a", count: 64))
        valid.color = "#a1B2c3"
        _ = try await store.createEventType(valid)
    }

    @Test(
        "update keeps the id, owner and createdAt, moves the event type to another schedule, and refuses invalid values",
        arguments: StoreKind.available)
    func update(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        _ = try await F.schedule(store, alice.id, "Remote Work")
        let clinic = try await F.schedule(store, alice.id, "Clinic")
        let created = try await store.createEventType(F.eventType(alice.id, "Intro"))
        try await Task.sleep(for: .milliseconds(5))
        var changed = created
        changed.scheduleId = clinic.id
        changed.limits.duration = 90
        changed.locationOverride = Location(type: .remote, videoProvider: .custom, videoLink: "https://meet.example.org/ana")
        let updated = try await store.updateEventType(changed)
        #expect(updated.createdAt == created.createdAt && updated.updatedAt > created.updatedAt)
        #expect(updated.scheduleId == clinic.id && updated.limits.duration == 90 && updated.locationOverride == changed.locationOverride)
        #expect(try await store.eventType(id: created.id, ownedBy: alice.id) == updated)

        var invalid = updated
        invalid.limits.duration = -5
        await #expect(throws: StoreError.invalid([.init(path: "duration", message: "must be between 1 and 10080 minutes")])) {
            try await store.updateEventType(invalid)
        }
        #expect(try await store.eventType(id: created.id, ownedBy: alice.id) == updated)
    }

    @Test("another user's event type does not exist for them: get is nil, update and delete are not found", arguments: StoreKind.available)
    func ownerChecks(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        let bob = try await F.user(store, "bob")
        _ = try await F.schedule(store, alice.id, "Remote Work")
        _ = try await F.schedule(store, bob.id, "Bob's")
        let intro = try await store.createEventType(F.eventType(alice.id, "Intro"))
        #expect(try await store.eventType(id: intro.id, ownedBy: bob.id) == nil)
        #expect(try await store.eventTypes(ownedBy: bob.id).isEmpty)
        var stolen = intro
        stolen.userId = bob.id
        stolen.title = "Mine now"
        await #expect(throws: StoreError.notFound("event type \(intro.id)")) { try await store.updateEventType(stolen) }
        await #expect(throws: StoreError.notFound("event type \(intro.id)")) { try await store.deleteEventType(id: intro.id, ownedBy: bob.id) }
        #expect(try await store.eventType(id: intro.id, ownedBy: alice.id) == intro)
    }

    @Test("the booking page finds an event type by username and slug, and only that user's", arguments: StoreKind.available)
    func bySlug(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        let bob = try await F.user(store, "bob")
        _ = try await F.schedule(store, alice.id, "Remote Work")
        _ = try await F.schedule(store, bob.id, "Bob's")
        let alices = try await store.createEventType(F.eventType(alice.id, "Intro"))
        let bobs = try await store.createEventType(F.eventType(bob.id, "Intro"))
        #expect(try await store.eventType(slug: "intro", username: "alice") == alices)
        #expect(try await store.eventType(slug: "intro", username: "bob") == bobs)
        #expect(try await store.eventType(slug: "intro", username: "carol") == nil)
        #expect(try await store.eventType(slug: "other", username: "alice") == nil)
    }

    @Test("an event type with bookings cannot be deleted (history stays); without bookings it goes", arguments: StoreKind.available)
    func deleteWithBookings(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        _ = try await F.schedule(store, alice.id, "Remote Work")
        let booked = try await store.createEventType(F.eventType(alice.id, "Booked"))
        let free = try await store.createEventType(F.eventType(alice.id, "Free"))
        try await store.recordBooking(F.booking(booked, "2025-11-17T12:00:00Z", status: .cancelled))
        await #expect(throws: StoreError.conflict("event type \(booked.id) has 1 booking(s); bookings keep their history, so the event type stays")) {
            try await store.deleteEventType(id: booked.id, ownedBy: alice.id)
        }
        try await store.deleteEventType(id: free.id, ownedBy: alice.id)
        #expect(try await store.eventTypes(ownedBy: alice.id).map(\.id) == [booked.id])
        await #expect(throws: StoreError.notFound("event type \(free.id)")) { try await store.deleteEventType(id: free.id, ownedBy: alice.id) }
    }
}
