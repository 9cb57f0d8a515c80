/// One occurrence of a calendar object: where it starts and ends on the time line, and
/// which component (master or override) describes it.
public struct Instance: Hashable, Sendable {
    public var uid: String
    public var start: Instant
    public var end: Instant
    /// The RECURRENCE-ID of this occurrence; nil for a non-recurring object.
    public var recurrenceID: DateOrDateTime?
    /// Index into the components passed to the expander: the master, or the override that
    /// replaced this occurrence.
    public var componentIndex: Int
    /// True when an override (a component with RECURRENCE-ID) describes this occurrence.
    public var isOverride: Bool
    /// True for DATE (all-day) values.
    public var isAllDay: Bool

    public init(uid: String, start: Instant, end: Instant, recurrenceID: DateOrDateTime?, componentIndex: Int, isOverride: Bool, isAllDay: Bool) {
        self.uid = uid
        self.start = start
        self.end = end
        self.recurrenceID = recurrenceID
        self.componentIndex = componentIndex
        self.isOverride = isOverride
        self.isAllDay = isAllDay
    }

    /// RFC 4791 §9.9: does `[start, end)` meet the window? Zero-length instances count when
    /// they start inside it.
    public func overlaps(_ window: Range<Instant>) -> Bool {
        if start == end { return start >= window.lowerBound && start < window.upperBound }
        return start < window.upperBound && end > window.lowerBound
    }
}
