import Availability
import Foundation
import PostgresNIO
public import Store

/// Calendar collections (RFC 4791 §4.2, §5.3.1): listing, MKCALENDAR, PROPPATCH and DELETE of
/// client calendars. Objects live in `PostgresDatabase+CalendarObjects.swift`, the change log in
/// `PostgresDatabase+CalendarChanges.swift`.
extension PostgresDatabase: CalendarStore {
    public func calendars(ownedBy userId: String) async throws -> [CalendarCollection] {
        try await pointRead { tx in
            try await tx.rows(
                """
                SELECT \(unescaped: CalendarRecord.columns) FROM calendars WHERE user_id = \(userId)
                ORDER BY calendar_order, slug COLLATE "C"
                """
            ).map { try CalendarRecord(row: $0).collection }
        }
    }

    public func calendar(slug: String, ownedBy userId: String) async throws -> CalendarCollection? {
        try await pointRead { tx in
            try await tx.row("SELECT \(unescaped: CalendarRecord.columns) FROM calendars WHERE user_id = \(userId) AND slug = \(slug)")
                .map { try CalendarRecord(row: $0).collection }
        }
    }

    /// Creates a client calendar at revision 0. The slug is one URL segment; it must not name
    /// another calendar or a top-level plain resource of the home (`conflict`). The home's lock
    /// keeps a concurrent MKCOL of the same name from passing the same check.
    public func createCalendar(_ calendar: NewCalendar, ownedBy userId: String) async throws -> CalendarCollection {
        try HomePath.validate(calendar.slug, field: "slug")
        guard HomePath.isTopLevel(calendar.slug) else {
            throw StoreError.invalid([ValidationIssue(path: "slug", message: "must be one path segment")])
        }
        return try await write { tx in
            try await Self.lockHome(tx, userId: userId)
            try await Self.checkTopLevelFree(tx, calendar.slug, userId: userId)
            let record = CalendarRecord(calendar, id: Self.newID(), userId: userId, now: Date())
            do {
                try await record.insert(tx)
            } catch let error where PostgresFailure.sqlState(error)?.hasPrefix("23") == true {
                // As SQLite's store: any constraint (the slug, an unknown user) is this conflict.
                throw StoreError.conflict("\(calendar.slug) already exists in the calendar home")
            }
            return try await Self.storedCollection(tx, id: record.id)
        }
    }

    /// Applies a PROPPATCH of live properties under the calendar's row lock. The revision moves
    /// too, so the ctag tells clients to refetch the calendar's properties; no object change is
    /// logged.
    public func updateCalendar(id: String, ownedBy userId: String, changes: CalendarChanges) async throws -> CalendarCollection {
        try await write { tx in
            guard
                var record = try await tx.row(
                    "SELECT \(unescaped: CalendarRecord.columns) FROM calendars WHERE id = \(id) AND user_id = \(userId) FOR UPDATE"
                ).map(CalendarRecord.init(row:))
            else { throw StoreError.notFound("calendar \(id)") }
            if let displayName = changes.displayName { record.displayName = displayName }
            if let description = changes.description { record.description = description }
            if let color = changes.color { record.color = color }
            if let order = changes.order { record.calendarOrder = order }
            if let timezone = changes.timezone { record.timezone = timezone }
            guard
                let updated = try await tx.row(
                    """
                    UPDATE calendars SET display_name = \(record.displayName), description = \(record.description), color = \(record.color),
                      calendar_order = \(record.calendarOrder), timezone = \(record.timezone), sync_revision = sync_revision + 1,
                      updated_at = \(Date())
                    WHERE id = \(id) RETURNING \(unescaped: CalendarRecord.columns)
                    """)
            else { throw StoreError.notFound("calendar \(id)") }
            return try CalendarRecord(row: updated).collection
        }
    }

    /// Deletes a client calendar; its objects and change log go by the foreign keys' cascade,
    /// its dead properties and those of its objects explicitly. Its objects were the owner's
    /// busy time, so the owner's lock comes first, then the calendar's.
    public func deleteCalendar(id: String, ownedBy userId: String) async throws {
        try await write { tx in
            guard let record = try await Self.calendarRecord(tx, id: id, userId: userId) else { throw StoreError.notFound("calendar \(id)") }
            if record.scheduleId != nil {
                throw StoreError.conflict("calendar \(record.slug) shows the bookings of a schedule; delete the schedule instead")
            }
            try await tx.lockExpert(userId)
            guard try await tx.lockCalendar(id) != nil else { throw StoreError.notFound("calendar \(id)") }
            try await tx.execute("DELETE FROM calendars WHERE id = \(id)")
            try await Self.deleteDeadProperties(tx, userId: userId, subtree: record.slug)
        }
    }

    /// Bytes of the user's calendar objects and plain files (`DAV:quota-used-bytes`, RFC 4331),
    /// in one statement (one snapshot).
    public func usedBytes(ownedBy userId: String) async throws -> Int {
        try await pointRead { tx in
            try await tx.row(
                """
                SELECT (SELECT COALESCE(SUM(calendar_objects.size), 0) FROM calendar_objects
                        JOIN calendars ON calendars.id = calendar_objects.calendar_id WHERE calendars.user_id = \(userId))::bigint
                     + (SELECT COALESCE(SUM(size), 0) FROM dav_resources WHERE user_id = \(userId))::bigint
                """)?.decode(Int.self) ?? 0
        }
    }

    // MARK: - Helpers

    static func calendarRecord(_ tx: PostgresTransaction, id: String, userId: String) async throws -> CalendarRecord? {
        try await tx.row("SELECT \(unescaped: CalendarRecord.columns) FROM calendars WHERE id = \(id) AND user_id = \(userId)")
            .map(CalendarRecord.init(row:))
    }

    static func calendarRecord(_ tx: PostgresTransaction, id: String) async throws -> CalendarRecord? {
        try await tx.row("SELECT \(unescaped: CalendarRecord.columns) FROM calendars WHERE id = \(id)").map(CalendarRecord.init(row:))
    }

    /// The calendar of a schedule, when the user owns it.
    static func calendarRecord(_ tx: PostgresTransaction, scheduleId: String, userId: String) async throws -> CalendarRecord? {
        try await tx.row("SELECT \(unescaped: CalendarRecord.columns) FROM calendars WHERE schedule_id = \(scheduleId) AND user_id = \(userId)")
            .map(CalendarRecord.init(row:))
    }

    /// The calendar as a read returns it (timestamps at the stored precision).
    static func storedCollection(_ tx: PostgresTransaction, id: String) async throws -> CalendarCollection {
        guard let record = try await calendarRecord(tx, id: id) else { throw StoreError.notFound("calendar \(id)") }
        return record.collection
    }

    /// The calendar, locked for a write of its objects: the owner's lock first (objects are their
    /// busy time), then the calendar's row, so the caller's reads of objects, condition checks and
    /// revision bump see no concurrent writer. nil when the calendar does not exist (any more).
    static func lockedCalendar(_ tx: PostgresTransaction, id: String) async throws -> CalendarRecord? {
        guard var record = try await calendarRecord(tx, id: id) else { return nil }
        try await tx.lockExpert(record.userId)
        guard let revision = try await tx.lockCalendar(id) else { return nil }
        record.syncRevision = revision
        return record
    }

    /// `conflict` when a calendar or a plain resource of the home already uses this top-level name.
    static func checkTopLevelFree(_ tx: PostgresTransaction, _ name: String, userId: String) async throws {
        guard
            let row = try await tx.row(
                """
                SELECT EXISTS (SELECT 1 FROM calendars WHERE user_id = \(userId) AND slug = \(name)),
                       EXISTS (SELECT 1 FROM dav_resources WHERE user_id = \(userId) AND path = \(name))
                """)
        else { return }
        let (calendar, resource) = try row.decode((Bool, Bool).self)
        if calendar { throw StoreError.conflict("a calendar named \(name) already exists in the calendar home") }
        if resource { throw StoreError.conflict("a resource named \(name) already exists in the calendar home") }
    }

    /// Creates the calendar of a new schedule, named after it, with a slug unique in the user's
    /// home (`<slug>`, `<slug>-2`, …; never `inbox` or `outbox`, the scheduling collections of
    /// RFC 6638). Its `calendar-timezone` stays nil: the CalDAV layer derives it from the
    /// schedule's zone. A slug taken meanwhile by another instance is skipped, not an error.
    @discardableResult
    static func createCalendar(
        _ tx: PostgresTransaction, scheduleId: String, userId: String, name: String, createdAt: Date
    ) async throws -> CalendarRecord {
        let base = CalendarNaming.slug(for: name)
        var slug = base
        var suffix = 2
        while true {
            if !["inbox", "outbox"].contains(slug) {
                let record = CalendarRecord(
                    id: newID(), userId: userId, scheduleId: scheduleId, slug: slug, displayName: name, description: "", color: nil,
                    calendarOrder: 0, timezone: nil, components: "VEVENT", syncRevision: 0, createdAt: createdAt, updatedAt: createdAt)
                let inserted = try await tx.execute(
                    """
                    INSERT INTO calendars
                      (id, user_id, schedule_id, slug, display_name, description, color, calendar_order, timezone, components, sync_revision,
                       created_at, updated_at)
                    VALUES (\(record.id), \(userId), \(scheduleId), \(slug), \(name), '', NULL, 0, NULL, 'VEVENT', 0, \(createdAt), \(createdAt))
                    ON CONFLICT (user_id, slug) DO NOTHING
                    """)
                if inserted == 1 { return record }
            }
            slug = "\(base)-\(suffix)"
            suffix += 1
        }
    }
}
