import Foundation
import PostgresNIO
import Store

/// A row of `calendars`: one per schedule (its bookings), or created by a CalDAV client.
struct CalendarRecord: Sendable {
    var id: String
    var userId: String
    var scheduleId: String?
    var slug: String
    var displayName: String
    var description: String
    var color: String?
    var calendarOrder: Int
    var timezone: String?
    var components: String
    var syncRevision: Int
    var createdAt: Date
    var updatedAt: Date

    /// The select list ``init(row:)`` reads, in its order.
    static let columns = """
        id, user_id, schedule_id, slug, display_name, description, color, calendar_order, timezone, components, sync_revision, \
        created_at, updated_at
        """

    var collection: CalendarCollection {
        CalendarCollection(
            id: id, userId: userId, scheduleId: scheduleId, slug: slug, displayName: displayName, description: description, color: color,
            order: calendarOrder, timezone: timezone, components: components.split(separator: ",").map(String.init), syncRevision: syncRevision,
            createdAt: createdAt, updatedAt: updatedAt)
    }

    /// Inserts the row as it is; constraint violations reach the caller.
    func insert(_ tx: PostgresTransaction) async throws {
        try await tx.execute(
            """
            INSERT INTO calendars
              (id, user_id, schedule_id, slug, display_name, description, color, calendar_order, timezone, components, sync_revision,
               created_at, updated_at)
            VALUES (\(id), \(userId), \(scheduleId), \(slug), \(displayName), \(description), \(color), \(calendarOrder), \(timezone),
              \(components), \(syncRevision), \(createdAt), \(updatedAt))
            """)
    }
}

extension CalendarRecord {
    /// A client-created calendar (no schedule), revision 0.
    init(_ calendar: NewCalendar, id: String, userId: String, now: Date) {
        self.init(
            id: id, userId: userId, scheduleId: nil, slug: calendar.slug, displayName: calendar.displayName, description: calendar.description,
            color: calendar.color, calendarOrder: calendar.order, timezone: calendar.timezone,
            components: CalendarNaming.componentsColumn(calendar.components),
            syncRevision: 0, createdAt: now, updatedAt: now)
    }

    /// A row selected with ``columns``.
    init(row: PostgresRow) throws {
        (id, userId, scheduleId, slug, displayName, description, color, calendarOrder, timezone, components, syncRevision, createdAt, updatedAt) =
            try row.decode((String, String, String?, String, String, String, String?, Int, String?, String, Int, Date, Date).self)
    }
}
