import Availability
import Foundation
import Store

/// An event type as the API shows it: every field (absent optionals as `null`, so a client sees
/// what it may set), the limits flat beside the others, and `effectiveLocation`, the override
/// if there is one or else the schedule's location, which is where bookings will happen.
struct EventTypeResponse: Encodable, Sendable {
    var eventType: EventType
    var effectiveLocation: Location?

    enum Keys: String, CodingKey {
        case id, userId, title, slug, description, color, scheduleId, locationOverride, effectiveLocation, calendarDestination
        case reminderMinutes, createdAt, updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        // duration, slotInterval, beforeBuffer, afterBuffer, minimumNotice, bookingWindow, maxBookingsPerDay/Week.
        try eventType.limits.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(eventType.id, forKey: .id)
        try container.encode(eventType.userId, forKey: .userId)
        try container.encode(eventType.title, forKey: .title)
        try container.encode(eventType.slug, forKey: .slug)
        try container.encode(eventType.description, forKey: .description)
        try container.encode(eventType.color, forKey: .color)
        try container.encode(eventType.scheduleId, forKey: .scheduleId)
        try container.encode(eventType.locationOverride, forKey: .locationOverride)
        try container.encode(effectiveLocation, forKey: .effectiveLocation)
        try container.encode(eventType.calendarDestination, forKey: .calendarDestination)
        try container.encode(eventType.reminderMinutes, forKey: .reminderMinutes)
        try container.encode(eventType.createdAt, forKey: .createdAt)
        try container.encode(eventType.updatedAt, forKey: .updatedAt)
    }
}

/// The body of `POST /api/event-types`: `title` and `duration` (minutes) are required. An omitted
/// slug is made from the title, an omitted schedule is the user's default, an omitted
/// destination is app-only; the limits default as in ``EventTypeLimits``.
struct CreateEventTypeRequest: Decodable {
    var title: String
    var slug: String?
    var description: String?
    var duration: Int
    var scheduleId: String?
    var locationOverride: Location?
    var calendarDestination: CalendarDestination?
    var color: String?
    var slotInterval: Int?
    var beforeBuffer: Int?
    var afterBuffer: Int?
    var minimumNotice: Int?
    var bookingWindow: EventTypeLimits.BookingWindow?
    var maxBookingsPerDay: Int?
    var maxBookingsPerWeek: Int?
    var reminderMinutes: Int?

    /// The event type to create; empty id, slug and schedule are filled in by the store.
    func eventType(for user: User) -> EventType {
        let limits = EventTypeLimits(
            duration: duration, slotInterval: slotInterval, beforeBuffer: beforeBuffer ?? 0, afterBuffer: afterBuffer ?? 0,
            minimumNotice: minimumNotice ?? 0, bookingWindow: bookingWindow, maxBookingsPerDay: maxBookingsPerDay,
            maxBookingsPerWeek: maxBookingsPerWeek)
        return EventType(
            id: "", userId: user.id, title: title, slug: slug ?? "", description: description ?? "", color: color, scheduleId: scheduleId ?? "",
            locationOverride: locationOverride, calendarDestination: calendarDestination ?? .appOnly, limits: limits,
            reminderMinutes: reminderMinutes, createdAt: Date(),
            updatedAt: Date())
    }
}

/// The body of `PATCH /api/event-types/:id`: what is present replaces the stored value, what
/// is absent stays. Optional fields (`locationOverride`, `color`, `slotInterval`, `bookingWindow`,
/// `maxBookingsPerDay`, `maxBookingsPerWeek`) are cleared by an explicit `null`; the others
/// refuse `null`, since they always have a value.
struct UpdateEventTypeRequest: Decodable {
    var title: String?
    var slug: String?
    var description: String?
    var duration: Int?
    var scheduleId: String?
    var calendarDestination: CalendarDestination?
    var beforeBuffer: Int?
    var afterBuffer: Int?
    var minimumNotice: Int?
    // Outer nil: absent, keep; inner nil: `null`, clear.
    var locationOverride: Location??
    var color: String??
    var slotInterval: Int??
    var bookingWindow: EventTypeLimits.BookingWindow??
    var maxBookingsPerDay: Int??
    var maxBookingsPerWeek: Int??
    var reminderMinutes: Int??

    enum CodingKeys: String, CodingKey {
        case title, slug, description, duration, scheduleId, calendarDestination, beforeBuffer, afterBuffer, minimumNotice
        case locationOverride, color, slotInterval, bookingWindow, maxBookingsPerDay, maxBookingsPerWeek, reminderMinutes
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeUnlessAbsent(String.self, forKey: .title)
        slug = try container.decodeUnlessAbsent(String.self, forKey: .slug)
        description = try container.decodeUnlessAbsent(String.self, forKey: .description)
        duration = try container.decodeUnlessAbsent(Int.self, forKey: .duration)
        scheduleId = try container.decodeUnlessAbsent(String.self, forKey: .scheduleId)
        calendarDestination = try container.decodeUnlessAbsent(CalendarDestination.self, forKey: .calendarDestination)
        beforeBuffer = try container.decodeUnlessAbsent(Int.self, forKey: .beforeBuffer)
        afterBuffer = try container.decodeUnlessAbsent(Int.self, forKey: .afterBuffer)
        minimumNotice = try container.decodeUnlessAbsent(Int.self, forKey: .minimumNotice)
        locationOverride = try container.decodeClearable(Location.self, forKey: .locationOverride)
        color = try container.decodeClearable(String.self, forKey: .color)
        slotInterval = try container.decodeClearable(Int.self, forKey: .slotInterval)
        bookingWindow = try container.decodeClearable(EventTypeLimits.BookingWindow.self, forKey: .bookingWindow)
        maxBookingsPerDay = try container.decodeClearable(Int.self, forKey: .maxBookingsPerDay)
        maxBookingsPerWeek = try container.decodeClearable(Int.self, forKey: .maxBookingsPerWeek)
        reminderMinutes = try container.decodeClearable(Int.self, forKey: .reminderMinutes)
    }

    func applied(to eventType: EventType) -> EventType {
        var result = eventType
        if let title { result.title = title }
        if let slug { result.slug = slug }
        if let description { result.description = description }
        if let duration { result.limits.duration = duration }
        if let scheduleId { result.scheduleId = scheduleId }
        if let calendarDestination { result.calendarDestination = calendarDestination }
        if let beforeBuffer { result.limits.beforeBuffer = beforeBuffer }
        if let afterBuffer { result.limits.afterBuffer = afterBuffer }
        if let minimumNotice { result.limits.minimumNotice = minimumNotice }
        if let locationOverride { result.locationOverride = locationOverride }
        if let color { result.color = color }
        if let slotInterval { result.limits.slotInterval = slotInterval }
        if let bookingWindow { result.limits.bookingWindow = bookingWindow }
        if let maxBookingsPerDay { result.limits.maxBookingsPerDay = maxBookingsPerDay }
        if let maxBookingsPerWeek { result.limits.maxBookingsPerWeek = maxBookingsPerWeek }
        if let reminderMinutes { result.reminderMinutes = reminderMinutes }
        return result
    }
}

extension KeyedDecodingContainer {
    /// nil when the key is absent; `null` is refused like a wrong type (the field always has a value).
    fileprivate func decodeUnlessAbsent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        contains(key) ? try decode(type, forKey: key) : nil
    }

    /// nil when the key is absent, `.some(nil)` for an explicit `null`, else the value.
    fileprivate func decodeClearable<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T?? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .some(nil) }
        return .some(try decode(type, forKey: key))
    }
}
