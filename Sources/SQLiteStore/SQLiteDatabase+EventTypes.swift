import Availability
import Foundation
import GRDB
public import Store

/// Event types by owner. Each write is one transaction that checks, in this order: the fields
/// (all problems at once, `invalid`), the schedule (empty means the owner's default; another
/// user's or a missing one is `notFound`, like every object of someone else), then the slug
/// (unique per user, `conflict`). A failed write changes nothing.
///
/// A schedule of someone else is `notFound` (404), not `invalid` (422): the caller must not
/// learn whether the id exists, and the schedule store answers the same for `reassignTo`.
extension SQLiteDatabase: EventTypeStore {
    public func eventTypes(ownedBy userId: String) async throws -> [EventType] {
        try await pool.read { db in
            try EventTypeRecord.filter(EventTypeRecord.Columns.userId == userId)
                .order(EventTypeRecord.Columns.createdAt, EventTypeRecord.Columns.id)
                .fetchAll(db).map { try $0.eventType() }
        }
    }

    public func eventType(id: String, ownedBy userId: String) async throws -> EventType? {
        try await pool.read { db in try Self.eventTypeRecord(db, id: id, userId: userId)?.eventType() }
    }

    /// The booking page's lookup (`/:username/:slug`).
    public func eventType(slug: String, username: String) async throws -> EventType? {
        try await pool.read { db in
            try EventTypeRecord.fetchOne(
                db,
                sql: """
                    SELECT event_types.* FROM event_types JOIN users ON users.id = event_types.user_id
                    WHERE users.username = ? AND event_types.slug = ?
                    """,
                arguments: [username, slug])?.eventType()
        }
    }

    /// Inserts a new event type for `eventType.userId`.
    ///
    /// An empty `id` gets a fresh one; an empty `slug` is made from the title (with `-2`, `-3`…
    /// when the user already has it); an empty `scheduleId` means the user's default schedule
    /// (`invalid` at `scheduleId` when they have none). The timestamps are set to now.
    public func createEventType(_ eventType: EventType) async throws -> EventType {
        try EventTypeRules.validate(eventType)
        do {
            return try await pool.write { db in
                var eventType = eventType
                if eventType.id.isEmpty { eventType.id = Self.newID() }
                eventType.scheduleId = try Self.resolveSchedule(db, eventType.scheduleId, userId: eventType.userId)
                eventType.calendarDestination = try Self.resolveDestination(db, eventType.calendarDestination, userId: eventType.userId)
                eventType.slug = try Self.resolveSlug(db, eventType, excluding: nil)
                let now = Date()
                eventType.createdAt = now
                eventType.updatedAt = now
                try EventTypeRecord(eventType).insert(db)
                return try Self.storedEventType(db, eventType)
            }
        } catch {
            // The checks run inside the write transaction, so only an explicit id given twice gets here as a constraint error.
            throw StoreError.from(error, conflict: "event type could not be stored: its id or slug is already taken")
        }
    }

    /// Replaces the fields of the user's event type `eventType.id` (not its owner or `createdAt`),
    /// with the same rules for empty slug and schedule as ``createEventType(_:)``.
    public func updateEventType(_ eventType: EventType) async throws -> EventType {
        try EventTypeRules.validate(eventType)
        do {
            return try await pool.write { db in
                guard let existing = try Self.eventTypeRecord(db, id: eventType.id, userId: eventType.userId) else {
                    throw StoreError.notFound("event type \(eventType.id)")
                }
                var eventType = eventType
                eventType.scheduleId = try Self.resolveSchedule(db, eventType.scheduleId, userId: eventType.userId)
                eventType.calendarDestination = try Self.resolveDestination(db, eventType.calendarDestination, userId: eventType.userId)
                eventType.slug = try Self.resolveSlug(db, eventType, excluding: eventType.id)
                eventType.createdAt = existing.createdAt
                eventType.updatedAt = Date()
                try EventTypeRecord(eventType).update(db)
                return try Self.storedEventType(db, eventType)
            }
        } catch {
            throw StoreError.from(error, conflict: "event type could not be stored: its slug is already taken")
        }
    }

    /// Refuses (`conflict`) while bookings refer to the event type: bookings are history and keep it.
    public func deleteEventType(id: String, ownedBy userId: String) async throws {
        try await pool.write { db in
            guard try Self.eventTypeRecord(db, id: id, userId: userId) != nil else { throw StoreError.notFound("event type \(id)") }
            let bookings = try BookingRecord.filter(BookingRecord.Columns.eventTypeId == id).fetchCount(db)
            if bookings > 0 {
                throw StoreError.conflict("event type \(id) has \(bookings) booking(s); bookings keep their history, so the event type stays")
            }
            _ = try EventTypeRecord.deleteOne(db, key: id)
        }
    }

    static func eventTypeRecord(_ db: Database, id: String, userId: String) throws -> EventTypeRecord? {
        try EventTypeRecord.filter(EventTypeRecord.Columns.id == id && EventTypeRecord.Columns.userId == userId).fetchOne(db)
    }

    /// The row as written, read back: the same value (dates at the column's millisecond precision)
    /// that every later read returns.
    static func storedEventType(_ db: Database, _ eventType: EventType) throws -> EventType {
        guard let record = try eventTypeRecord(db, id: eventType.id, userId: eventType.userId) else {
            throw StoreError.notFound("event type \(eventType.id)")
        }
        return try record.eventType()
    }

    /// The destination to store (``DestinationRules``), with the owner's connection it names.
    static func resolveDestination(_ db: Database, _ destination: CalendarDestination, userId: String) throws -> CalendarDestination {
        let connection = try DestinationRules.reference(destination).flatMap { reference in
            try connections(
                db, sql: "SELECT * FROM calendar_connections WHERE id = ? AND user_id = ?", arguments: [reference.connectionId, userId]
            ).first
        }
        return try DestinationRules.resolved(destination, connection: connection)
    }

    /// The schedule id to store: the given one if the user owns it, the default when empty.
    static func resolveSchedule(_ db: Database, _ scheduleId: String, userId: String) throws -> String {
        if scheduleId.isEmpty {
            let id = try String.fetchOne(db, sql: "SELECT id FROM schedules WHERE user_id = ? AND is_default = 1", arguments: [userId])
            guard let id else {
                throw StoreError.invalid([
                    ValidationIssue(path: "scheduleId", message: "is required: you have no default schedule; create a schedule first")
                ])
            }
            return id
        }
        guard try scheduleRecord(db, id: scheduleId, userId: userId) != nil else { throw StoreError.notFound("schedule \(scheduleId)") }
        return scheduleId
    }

    /// The slug to store: the given one unless another of the user's event types has it, or one
    /// made from the title when empty.
    static func resolveSlug(_ db: Database, _ eventType: EventType, excluding id: String?) throws -> String {
        func taken(_ slug: String) throws -> Bool {
            var request = EventTypeRecord.filter(EventTypeRecord.Columns.userId == eventType.userId && EventTypeRecord.Columns.slug == slug)
            if let id { request = request.filter(EventTypeRecord.Columns.id != id) }
            return try request.fetchCount(db) > 0
        }
        guard eventType.slug.isEmpty else {
            if try taken(eventType.slug) {
                throw StoreError.conflict("slug \"\(eventType.slug)\" is already used by another of your event types")
            }
            return eventType.slug
        }
        let base = EventTypeRules.slug(for: eventType.title)
        var slug = base
        var suffix = 2
        while try taken(slug) {
            slug = "\(base)-\(suffix)"
            suffix += 1
        }
        return slug
    }
}
