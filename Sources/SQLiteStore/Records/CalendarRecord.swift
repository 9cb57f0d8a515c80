import Foundation
import GRDB
import Store

/// A row of `calendars`: one per schedule (its bookings), or created by a CalDAV client.
struct CalendarRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "calendars"

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

    enum CodingKeys: String, CodingKey {
        case id, slug, description, color, timezone, components
        case userId = "user_id"
        case scheduleId = "schedule_id"
        case displayName = "display_name"
        case calendarOrder = "calendar_order"
        case syncRevision = "sync_revision"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let id = Column("id")
        static let userId = Column("user_id")
        static let scheduleId = Column("schedule_id")
        static let slug = Column("slug")
        static let calendarOrder = Column("calendar_order")
    }

    var collection: CalendarCollection {
        CalendarCollection(
            id: id, userId: userId, scheduleId: scheduleId, slug: slug, displayName: displayName, description: description, color: color,
            order: calendarOrder, timezone: timezone, components: components.split(separator: ",").map(String.init), syncRevision: syncRevision,
            createdAt: createdAt, updatedAt: updatedAt)
    }

}

extension CalendarRecord {
    /// A client-created calendar (no schedule), revision 0.
    init(_ calendar: NewCalendar, id: String, userId: String, now: Date) {
        self.id = id
        self.userId = userId
        scheduleId = nil
        slug = calendar.slug
        displayName = calendar.displayName
        description = calendar.description
        color = calendar.color
        calendarOrder = calendar.order
        timezone = calendar.timezone
        components = CalendarNaming.componentsColumn(calendar.components)
        syncRevision = 0
        createdAt = now
        updatedAt = now
    }
}

extension CalendarRecord {
    /// Columns read by name: every DAV request below a calendar reads it, and the decoder
    /// `Codable` would give costs several times more than the query.
    init(row: Row) throws {
        id = row[CodingKeys.id.rawValue]
        userId = row[CodingKeys.userId.rawValue]
        scheduleId = row[CodingKeys.scheduleId.rawValue]
        slug = row[CodingKeys.slug.rawValue]
        displayName = row[CodingKeys.displayName.rawValue]
        description = row[CodingKeys.description.rawValue]
        color = row[CodingKeys.color.rawValue]
        calendarOrder = row[CodingKeys.calendarOrder.rawValue]
        timezone = row[CodingKeys.timezone.rawValue]
        components = row[CodingKeys.components.rawValue]
        syncRevision = row[CodingKeys.syncRevision.rawValue]
        createdAt = row[CodingKeys.createdAt.rawValue]
        updatedAt = row[CodingKeys.updatedAt.rawValue]
    }
}
