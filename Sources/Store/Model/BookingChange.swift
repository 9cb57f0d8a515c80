public import Foundation

/// Who changed a booking: the booker (booking page, their link, the public API), the expert
/// (web UI, admin API) or a calendar app (a CalDAV client moving or deleting the event).
public enum BookingActor: String, Codable, Hashable, Sendable, CaseIterable {
    case booker
    case expert
    case calendarApp = "calendar-app"
}

/// One line of a booking's history, written in the same transaction as the change.
public struct BookingChange: Hashable, Sendable {
    public enum Action: String, Codable, Hashable, Sendable {
        case created, rescheduled, cancelled
    }

    public var action: Action
    public var actor: BookingActor
    public var at: Date
    /// The booking's time after the change.
    public var start: Date
    public var end: Date

    public init(action: Action, actor: BookingActor, at: Date, start: Date, end: Date) {
        self.action = action
        self.actor = actor
        self.at = at
        self.start = start
        self.end = end
    }
}
