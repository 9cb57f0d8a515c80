import Availability
import Foundation
import PostgresNIO
public import Store

/// Event types by owner. Each write is one transaction that checks, in this order: the fields
/// (all problems at once, `invalid`), the schedule (empty means the owner's default; another
/// user's or a missing one is `notFound`, like every object of someone else), then the slug
/// (unique per user, `conflict`). A failed write changes nothing.
///
/// Writes take the owner's row lock first, as schedule writes do: the slug check and the
/// insert, or the default schedule and the event type that uses it, see one writer at a time
/// across instances.
///
/// A schedule of someone else is `notFound` (404), not `invalid` (422): the caller must not
/// learn whether the id exists, and the schedule store answers the same for `reassignTo`.
extension PostgresDatabase: EventTypeStore {
    public func eventTypes(ownedBy userId: String) async throws -> [EventType] {
        try await pointRead { tx in
            try await tx.rows(
                "SELECT \(unescaped: EventTypeRow.columns) FROM event_types WHERE user_id = \(userId) ORDER BY created_at, id COLLATE \"C\""
            )
            .map(EventTypeRow.decode)
        }
    }

    public func eventType(id: String, ownedBy userId: String) async throws -> EventType? {
        try await pointRead { tx in try await Self.eventTypeRecord(tx, id: id, userId: userId) }
    }

    /// The booking page's lookup (`/:username/:slug`).
    public func eventType(slug: String, username: String) async throws -> EventType? {
        try await pointRead { tx in
            try await tx.row(
                """
                SELECT \(unescaped: EventTypeRow.columns) FROM event_types JOIN users ON users.id = event_types.user_id
                WHERE users.username = \(username) AND event_types.slug = \(slug)
                """
            ).map(EventTypeRow.decode)
        }
    }

    /// Inserts a new event type for `eventType.userId`.
    ///
    /// An empty `id` gets a fresh one; an empty `slug` is made from the title (with `-2`, `-3`…
    /// when the user already has it); an empty `scheduleId` means the user's default schedule
    /// (`invalid` at `scheduleId` when they have none). The timestamps are set to now.
    public func createEventType(_ eventType: EventType) async throws -> EventType {
        try EventTypeRules.validate(eventType)
        return try await write { tx in
            try await Self.lockUser(tx, eventType.userId)
            var eventType = eventType
            if eventType.id.isEmpty { eventType.id = Self.newID() }
            eventType.scheduleId = try await Self.resolveSchedule(tx, eventType.scheduleId, userId: eventType.userId)
            eventType.calendarDestination = try await Self.resolveDestination(tx, eventType.calendarDestination, userId: eventType.userId)
            eventType.slug = try await Self.resolveSlug(tx, eventType, excluding: nil)
            let now = Date()
            let json = try EventTypeRow.json(eventType)
            let limits = eventType.limits
            // Only an explicit id given twice gets past the checks above; it inserts nothing
            // rather than aborting the transaction.
            guard
                let row = try await tx.row(
                    """
                    INSERT INTO event_types (id, user_id, title, slug, description, color, schedule_id, location_override, calendar_destination,
                      duration, slot_interval, before_buffer, after_buffer, minimum_notice, booking_window, max_bookings_per_day,
                      max_bookings_per_week, reminder_minutes, created_at, updated_at)
                    VALUES (\(eventType.id), \(eventType.userId), \(eventType.title), \(eventType.slug), \(eventType.description),
                      \(eventType.color), \(eventType.scheduleId), \(json.locationOverride)::jsonb, \(json.calendarDestination)::jsonb,
                      \(limits.duration), \(limits.slotInterval), \(limits.beforeBuffer), \(limits.afterBuffer), \(limits.minimumNotice),
                      \(json.bookingWindow)::jsonb, \(limits.maxBookingsPerDay), \(limits.maxBookingsPerWeek), \(eventType.reminderMinutes),
                      \(now), \(now))
                    ON CONFLICT DO NOTHING
                    RETURNING \(unescaped: EventTypeRow.columns)
                    """)
            else { throw StoreError.conflict("event type could not be stored: its id or slug is already taken") }
            return try EventTypeRow.decode(row)
        }
    }

    /// Replaces the fields of the user's event type `eventType.id` (not its owner or `createdAt`),
    /// with the same rules for empty slug and schedule as ``createEventType(_:)``.
    public func updateEventType(_ eventType: EventType) async throws -> EventType {
        try EventTypeRules.validate(eventType)
        return try await write { tx in
            try await Self.lockUser(tx, eventType.userId)
            guard try await Self.eventTypeRecord(tx, id: eventType.id, userId: eventType.userId) != nil else {
                throw StoreError.notFound("event type \(eventType.id)")
            }
            var eventType = eventType
            eventType.scheduleId = try await Self.resolveSchedule(tx, eventType.scheduleId, userId: eventType.userId)
            eventType.calendarDestination = try await Self.resolveDestination(tx, eventType.calendarDestination, userId: eventType.userId)
            eventType.slug = try await Self.resolveSlug(tx, eventType, excluding: eventType.id)
            let json = try EventTypeRow.json(eventType)
            let limits = eventType.limits
            guard
                let row = try await tx.row(
                    """
                    UPDATE event_types SET title = \(eventType.title), slug = \(eventType.slug), description = \(eventType.description),
                      color = \(eventType.color), schedule_id = \(eventType.scheduleId), location_override = \(json.locationOverride)::jsonb,
                      calendar_destination = \(json.calendarDestination)::jsonb, duration = \(limits.duration),
                      slot_interval = \(limits.slotInterval), before_buffer = \(limits.beforeBuffer), after_buffer = \(limits.afterBuffer),
                      minimum_notice = \(limits.minimumNotice), booking_window = \(json.bookingWindow)::jsonb,
                      max_bookings_per_day = \(limits.maxBookingsPerDay), max_bookings_per_week = \(limits.maxBookingsPerWeek),
                      reminder_minutes = \(eventType.reminderMinutes), updated_at = \(Date())
                    WHERE id = \(eventType.id) AND user_id = \(eventType.userId)
                    RETURNING \(unescaped: EventTypeRow.columns)
                    """)
            else { throw StoreError.notFound("event type \(eventType.id)") }
            return try EventTypeRow.decode(row)
        }
    }

    /// Refuses (`conflict`) while bookings refer to the event type: bookings are history and keep it.
    public func deleteEventType(id: String, ownedBy userId: String) async throws {
        try await write { tx in
            // Bookings are written under the expert's lock: none lands between the count and the delete.
            try await tx.lockExpert(userId)
            try await Self.lockUser(tx, userId)
            guard try await Self.eventTypeRecord(tx, id: id, userId: userId) != nil else { throw StoreError.notFound("event type \(id)") }
            let bookings = try await tx.row("SELECT count(*) FROM bookings WHERE event_type_id = \(id)")?.decode(Int.self) ?? 0
            if bookings > 0 {
                throw StoreError.conflict("event type \(id) has \(bookings) booking(s); bookings keep their history, so the event type stays")
            }
            try await tx.execute("DELETE FROM event_types WHERE id = \(id)")
        }
    }

    // MARK: - Helpers

    static func eventTypeRecord(_ tx: PostgresTransaction, id: String, userId: String) async throws -> EventType? {
        try await tx.row("SELECT \(unescaped: EventTypeRow.columns) FROM event_types WHERE id = \(id) AND user_id = \(userId)")
            .map(EventTypeRow.decode)
    }

    /// The schedule id to store: the given one if the user owns it, the default when empty.
    /// The caller holds the user's lock, which schedule deletes and default changes take too.
    static func resolveSchedule(_ tx: PostgresTransaction, _ scheduleId: String, userId: String) async throws -> String {
        if scheduleId.isEmpty {
            guard let id = try await tx.row("SELECT id FROM schedules WHERE user_id = \(userId) AND is_default")?.decode(String.self) else {
                throw StoreError.invalid([
                    ValidationIssue(path: "scheduleId", message: "is required: you have no default schedule; create a schedule first")
                ])
            }
            return id
        }
        guard try await tx.row("SELECT 1 FROM schedules WHERE id = \(scheduleId) AND user_id = \(userId)") != nil else {
            throw StoreError.notFound("schedule \(scheduleId)")
        }
        return scheduleId
    }

    /// The slug to store: the given one unless another of the user's event types has it, or one
    /// made from the title when empty.
    static func resolveSlug(_ tx: PostgresTransaction, _ eventType: EventType, excluding id: String?) async throws -> String {
        func taken(_ slug: String) async throws -> Bool {
            try await tx.row(
                """
                SELECT 1 FROM event_types WHERE user_id = \(eventType.userId) AND slug = \(slug) AND id IS DISTINCT FROM \(id)
                """) != nil
        }
        guard eventType.slug.isEmpty else {
            if try await taken(eventType.slug) {
                throw StoreError.conflict("slug \"\(eventType.slug)\" is already used by another of your event types")
            }
            return eventType.slug
        }
        let base = EventTypeRules.slug(for: eventType.title)
        var slug = base
        var suffix = 2
        while try await taken(slug) {
            slug = "\(base)-\(suffix)"
            suffix += 1
        }
        return slug
    }
}
