import Availability
import Foundation
import GRDB
import Store

/// A row of `event_types`: the limits are plain columns (so later queries can read them), the
/// location override, calendar destination and booking window are JSON text in the API's shapes.
struct EventTypeRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "event_types"

    var id: String
    var userId: String
    var title: String
    var slug: String
    var description: String
    var color: String?
    var scheduleId: String
    var locationOverride: String?
    var calendarDestination: String
    var duration: Int
    var slotInterval: Int?
    var beforeBuffer: Int
    var afterBuffer: Int
    var minimumNotice: Int
    var bookingWindow: String?
    var maxBookingsPerDay: Int?
    var maxBookingsPerWeek: Int?
    var reminderMinutes: Int?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, slug, description, color, duration
        case userId = "user_id"
        case scheduleId = "schedule_id"
        case locationOverride = "location_override"
        case calendarDestination = "calendar_destination"
        case slotInterval = "slot_interval"
        case beforeBuffer = "before_buffer"
        case afterBuffer = "after_buffer"
        case minimumNotice = "minimum_notice"
        case bookingWindow = "booking_window"
        case maxBookingsPerDay = "max_bookings_per_day"
        case maxBookingsPerWeek = "max_bookings_per_week"
        case reminderMinutes = "reminder_minutes"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let id = Column("id")
        static let userId = Column("user_id")
        static let slug = Column("slug")
        static let scheduleId = Column("schedule_id")
        static let createdAt = Column("created_at")
    }

    init(_ eventType: EventType) throws {
        id = eventType.id
        userId = eventType.userId
        title = eventType.title
        slug = eventType.slug
        description = eventType.description
        color = eventType.color
        scheduleId = eventType.scheduleId
        locationOverride = try eventType.locationOverride.map(JSONColumn.encode)
        calendarDestination = try JSONColumn.encode(eventType.calendarDestination)
        let limits = eventType.limits
        duration = limits.duration
        slotInterval = limits.slotInterval
        beforeBuffer = limits.beforeBuffer
        afterBuffer = limits.afterBuffer
        minimumNotice = limits.minimumNotice
        bookingWindow = try limits.bookingWindow.map(JSONColumn.encode)
        maxBookingsPerDay = limits.maxBookingsPerDay
        maxBookingsPerWeek = limits.maxBookingsPerWeek
        reminderMinutes = eventType.reminderMinutes
        createdAt = eventType.createdAt
        updatedAt = eventType.updatedAt
    }

    func eventType() throws -> EventType {
        let limits = EventTypeLimits(
            duration: duration, slotInterval: slotInterval, beforeBuffer: beforeBuffer, afterBuffer: afterBuffer, minimumNotice: minimumNotice,
            bookingWindow: try bookingWindow.map { try JSONColumn.decode(EventTypeLimits.BookingWindow.self, $0) },
            maxBookingsPerDay: maxBookingsPerDay, maxBookingsPerWeek: maxBookingsPerWeek)
        return EventType(
            id: id, userId: userId, title: title, slug: slug, description: description, color: color, scheduleId: scheduleId,
            locationOverride: try locationOverride.map { try JSONColumn.decode(Location.self, $0) },
            calendarDestination: try JSONColumn.decode(CalendarDestination.self, calendarDestination), limits: limits,
            reminderMinutes: reminderMinutes, createdAt: createdAt, updatedAt: updatedAt)
    }
}
