import Availability
import Foundation
import PostgresNIO
import Store

/// Reads `event_types` rows: the limits are plain columns, the location override, calendar
/// destination and booking window are JSON in the API's shapes. The select list is qualified,
/// so joins can use it.
enum EventTypeRow {
    static let columns = """
        event_types.id, event_types.user_id, event_types.title, event_types.slug, event_types.description, event_types.color, \
        event_types.schedule_id, event_types.location_override::text AS location_override, \
        event_types.calendar_destination::text AS calendar_destination, event_types.duration, event_types.slot_interval, \
        event_types.before_buffer, event_types.after_buffer, event_types.minimum_notice, \
        event_types.booking_window::text AS booking_window, event_types.max_bookings_per_day, event_types.max_bookings_per_week, \
        event_types.reminder_minutes, event_types.created_at, event_types.updated_at
        """

    static func decode(_ row: PostgresRow) throws -> EventType {
        try decode(row.makeRandomAccess())
    }

    static func decode(_ row: PostgresRandomAccessRow) throws -> EventType {
        let window: String? = try row.column("booking_window")
        let location: String? = try row.column("location_override")
        let limits = EventTypeLimits(
            duration: try row.column("duration"), slotInterval: try row.column("slot_interval"), beforeBuffer: try row.column("before_buffer"),
            afterBuffer: try row.column("after_buffer"), minimumNotice: try row.column("minimum_notice"),
            bookingWindow: try window.map { try JSONColumn.decode(EventTypeLimits.BookingWindow.self, $0) },
            maxBookingsPerDay: try row.column("max_bookings_per_day"), maxBookingsPerWeek: try row.column("max_bookings_per_week"))
        return EventType(
            id: try row.column("id"), userId: try row.column("user_id"), title: try row.column("title"), slug: try row.column("slug"),
            description: try row.column("description"), color: try row.column("color"), scheduleId: try row.column("schedule_id"),
            locationOverride: try location.map { try JSONColumn.decode(Location.self, $0) },
            calendarDestination: try JSONColumn.decode(CalendarDestination.self, try row.column("calendar_destination")), limits: limits,
            reminderMinutes: try row.column("reminder_minutes"), createdAt: try row.column("created_at"), updatedAt: try row.column("updated_at"))
    }

    /// The JSON text of an event type's three JSON columns (nil stays SQL NULL), with sorted keys.
    static func json(_ eventType: EventType) throws -> (locationOverride: String?, calendarDestination: String, bookingWindow: String?) {
        (
            try eventType.locationOverride.map(JSONColumn.encode), try JSONColumn.encode(eventType.calendarDestination),
            try eventType.limits.bookingWindow.map(JSONColumn.encode)
        )
    }
}
