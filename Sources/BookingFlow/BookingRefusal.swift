public import Availability

/// A slot the rules do not allow, with every reason: the 409 the booker sees ("taken",
/// "outside hours", "too soon", "beyond the booking window", "day limit reached").
public struct BookingRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public var reasons: [SlotExplanation.Reason]

    public init(reasons: [SlotExplanation.Reason]) {
        self.reasons = reasons
    }

    public var description: String { reasons.map(\.description).joined(separator: "; ") }

    /// A stable machine-readable name of each reason, for clients that translate them.
    public var codes: [String] { reasons.map(Self.code) }

    static func code(_ reason: SlotExplanation.Reason) -> String {
        switch reason {
        case .outsideWeeklyHours: return "outside-hours"
        case .dateUnavailable: return "date-unavailable"
        case .outsideOverrideHours: return "outside-hours"
        case .notOnSlotGrid: return "not-a-slot-start"
        case .runsPastHours: return "runs-past-hours"
        case .busy: return "taken"
        case .insideBuffer: return "inside-buffer"
        case .beforeMinimumNotice: return "too-soon"
        case .beyondBookingWindow: return "beyond-booking-window"
        case .dayLimitReached: return "day-limit-reached"
        case .weekLimitReached: return "week-limit-reached"
        case .scheduleInactive: return "schedule-inactive"
        }
    }
}
