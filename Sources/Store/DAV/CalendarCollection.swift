public import Foundation

/// A CalDAV calendar collection: one per schedule (its bookings), or created by a client with
/// MKCALENDAR / extended MKCOL for the expert's own events.
public struct CalendarCollection: Hashable, Sendable {
    public var id: String
    public var userId: String
    /// The schedule whose bookings this calendar holds; nil for a client-created calendar.
    public var scheduleId: String?
    /// The URL segment below the calendar home (`/dav/calendars/{user}/{slug}/`).
    public var slug: String
    public var displayName: String
    public var description: String
    /// `#RRGGBB` or `#RRGGBBAA`, as clients send it.
    public var color: String?
    public var order: Int
    /// A VCALENDAR text holding one VTIMEZONE (RFC 4791 §5.2.2), or nil.
    public var timezone: String?
    /// Component names this calendar accepts (`VEVENT`, `VTODO`…).
    public var components: [String]
    /// Bumped by every change of the calendar or its objects, in the same transaction.
    public var syncRevision: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, userId: String, scheduleId: String?, slug: String, displayName: String, description: String, color: String?, order: Int,
        timezone: String?, components: [String], syncRevision: Int, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.userId = userId
        self.scheduleId = scheduleId
        self.slug = slug
        self.displayName = displayName
        self.description = description
        self.color = color
        self.order = order
        self.timezone = timezone
        self.components = components
        self.syncRevision = syncRevision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The properties a client sets when it creates a calendar (MKCALENDAR, extended MKCOL).
public struct NewCalendar: Hashable, Sendable {
    public var slug: String
    public var displayName: String
    public var description: String
    public var color: String?
    public var order: Int
    public var timezone: String?
    public var components: [String]

    public init(
        slug: String, displayName: String, description: String = "", color: String? = nil, order: Int = 0, timezone: String? = nil,
        components: [String] = ["VEVENT", "VTODO"]
    ) {
        self.slug = slug
        self.displayName = displayName
        self.description = description
        self.color = color
        self.order = order
        self.timezone = timezone
        self.components = components
    }
}

/// A PROPPATCH of a calendar's live properties: nil leaves a field alone; `.some(nil)` clears
/// an optional one.
public struct CalendarChanges: Hashable, Sendable {
    public var displayName: String?
    public var description: String?
    public var color: String??
    public var order: Int?
    public var timezone: String??

    public init(displayName: String? = nil, description: String? = nil, color: String?? = nil, order: Int? = nil, timezone: String?? = nil) {
        self.displayName = displayName
        self.description = description
        self.color = color
        self.order = order
        self.timezone = timezone
    }
}
