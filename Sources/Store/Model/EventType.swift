public import Availability
public import Foundation

/// Where bookings of an event type are saved (spec `CalendarDestination`).
public struct CalendarDestination: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case appOnly = "app-only"
        case external
    }

    public var type: Kind
    public var provider: String?
    /// The expert's connection that holds `calendarId` (an expert may connect two accounts of one provider).
    public var connectionId: String?
    public var calendarId: String?
    public var createMeetLink: Bool?

    public init(
        type: Kind = .appOnly, provider: String? = nil, connectionId: String? = nil, calendarId: String? = nil, createMeetLink: Bool? = nil
    ) {
        self.type = type
        self.provider = provider
        self.connectionId = connectionId
        self.calendarId = calendarId
        self.createMeetLink = createMeetLink
    }

    public static let appOnly = CalendarDestination()
}

/// A bookable kind of appointment ("Online Consultation", 50 min) on one schedule.
public struct EventType: Hashable, Sendable {
    public var id: String
    public var userId: String
    public var title: String
    /// Unique per user; the booking page's URL segment.
    public var slug: String
    public var description: String
    public var color: String?
    public var scheduleId: String
    public var locationOverride: Location?
    public var calendarDestination: CalendarDestination
    public var limits: EventTypeLimits
    /// Minutes before a booking its reminder goes out; nil: no reminder.
    public var reminderMinutes: Int?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, userId: String, title: String, slug: String, description: String = "", color: String? = nil, scheduleId: String,
        locationOverride: Location? = nil, calendarDestination: CalendarDestination = .appOnly, limits: EventTypeLimits,
        reminderMinutes: Int? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.reminderMinutes = reminderMinutes
        self.id = id
        self.userId = userId
        self.title = title
        self.slug = slug
        self.description = description
        self.color = color
        self.scheduleId = scheduleId
        self.locationOverride = locationOverride
        self.calendarDestination = calendarDestination
        self.limits = limits
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
