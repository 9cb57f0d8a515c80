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

// MARK: - Slugs

extension EventTypeRow {
    /// Longest slug: the booking page's URL segment stays readable.
    static let maxSlugLength = 64

    /// Lowercase ASCII letters, digits and dashes, starting and ending with a letter or digit.
    static func isValidSlug(_ slug: String) -> Bool {
        let bytes = Array(slug.utf8)
        func alphanumeric(_ byte: UInt8) -> Bool { (48...57).contains(byte) || (97...122).contains(byte) }
        guard let first = bytes.first, let last = bytes.last, bytes.count <= maxSlugLength else { return false }
        return alphanumeric(first) && alphanumeric(last) && bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// A slug from a title ("Consulta Inicial — João" → `consulta-inicial-joao`), short enough to
    /// take a `-NN` suffix; `event` when the title has no ASCII letters or digits at all.
    static func slug(for title: String) -> String {
        var slug = ""
        for scalar in title.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-"), !CharacterSet.alphanumerics.contains(scalar) {
                // Spaces and punctuation separate words; accents (non-ASCII marks) vanish with their letter kept.
                slug += "-"
            }
        }
        slug = String(slug.prefix(maxSlugLength - 4)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return slug.isEmpty ? "event" : slug
    }
}
