public import Foundation

/// A client's appointment. Cancelled bookings stay, with status `cancelled` (history is kept).
public struct Booking: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Hashable, Sendable, CaseIterable {
        case confirmed
        case cancelled
    }

    public struct Attendee: Codable, Hashable, Sendable {
        public var name: String
        public var email: String
        public var timeZone: String

        public init(name: String, email: String, timeZone: String) {
            self.name = name
            self.email = email
            self.timeZone = timeZone
        }
    }

    public var id: String
    /// Stable iCalendar UID of the booking's VEVENT.
    public var uid: String
    public var userId: String
    public var eventTypeId: String
    public var scheduleId: String
    public var start: Date
    public var end: Date
    public var status: Status
    public var attendee: Attendee
    /// The effective location when the booking was made (address, link or phone).
    public var location: String
    public var notes: String?
    /// iCalendar SEQUENCE, incremented on every change.
    public var sequence: Int
    /// Why it was cancelled, when the canceller said.
    public var cancellationReason: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, uid: String, userId: String, eventTypeId: String, scheduleId: String, start: Date, end: Date, status: Status, attendee: Attendee,
        location: String, notes: String?, sequence: Int, createdAt: Date, updatedAt: Date, cancellationReason: String? = nil
    ) {
        self.id = id
        self.uid = uid
        self.userId = userId
        self.eventTypeId = eventTypeId
        self.scheduleId = scheduleId
        self.start = start
        self.end = end
        self.status = status
        self.attendee = attendee
        self.location = location
        self.notes = notes
        self.sequence = sequence
        self.cancellationReason = cancellationReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Filters of the bookings list (the calendar view's query).
public struct BookingQuery: Hashable, Sendable {
    public var from: Date?
    public var to: Date?
    public var status: Booking.Status?
    public var scheduleId: String?
    public var eventTypeId: String?
    /// Only these event types (the web UI's location-type filter resolves to a set of them).
    public var eventTypeIds: [String]?
    /// Case-insensitive part of the attendee's name or e-mail.
    public var attendee: String?
    /// Latest first instead of earliest first.
    public var newestFirst = false
    /// A page: at most `limit` bookings after skipping `offset`.
    public var limit: Int?
    public var offset = 0

    public init(from: Date? = nil, to: Date? = nil, status: Booking.Status? = nil, scheduleId: String? = nil, eventTypeId: String? = nil) {
        self.from = from
        self.to = to
        self.status = status
        self.scheduleId = scheduleId
        self.eventTypeId = eventTypeId
    }
}
