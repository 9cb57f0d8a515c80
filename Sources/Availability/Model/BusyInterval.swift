public import ICalendar

/// Time an expert is not free: a confirmed booking, an opaque calendar event, or (later)
/// busy time from a connected calendar. Intervals are half-open `[start, end)`.
public struct BusyInterval: Hashable, Sendable {
    public enum Source: String, Codable, Hashable, Sendable {
        case booking
        case event
        case external
    }

    public var start: Instant
    public var end: Instant
    public var source: Source
    /// A booking of the event type being computed: it counts toward that type's day and week
    /// limits and is padded by its buffers.
    public var sameEventType: Bool
    /// What to call it in explanations ("booking 42", "Dentist").
    public var label: String?

    public init(start: Instant, end: Instant, source: Source, sameEventType: Bool = false, label: String? = nil) {
        self.start = start
        self.end = end
        self.source = source
        self.sameEventType = sameEventType
        self.label = label
    }
}
