/// The booking rules of an event type (PRODUCT.md "Event type limits"); minutes throughout.
public struct EventTypeLimits: Codable, Hashable, Sendable {
    /// How far ahead a booker may book.
    public enum BookingWindow: Hashable, Sendable {
        /// A slot's local date is at most `days` after today's local date (schedule's zone).
        case rolling(days: Int)
        /// Inclusive local dates `YYYY-MM-DD`.
        case range(startDate: String, endDate: String)
    }

    public var duration: Int
    /// Step between slot starts; nil means the duration.
    public var slotInterval: Int?
    public var beforeBuffer: Int
    public var afterBuffer: Int
    public var minimumNotice: Int
    public var bookingWindow: BookingWindow?
    public var maxBookingsPerDay: Int?
    public var maxBookingsPerWeek: Int?

    public init(
        duration: Int, slotInterval: Int? = nil, beforeBuffer: Int = 0, afterBuffer: Int = 0, minimumNotice: Int = 0,
        bookingWindow: BookingWindow? = nil,
        maxBookingsPerDay: Int? = nil, maxBookingsPerWeek: Int? = nil
    ) {
        self.duration = duration
        self.slotInterval = slotInterval
        self.beforeBuffer = beforeBuffer
        self.afterBuffer = afterBuffer
        self.minimumNotice = minimumNotice
        self.bookingWindow = bookingWindow
        self.maxBookingsPerDay = maxBookingsPerDay
        self.maxBookingsPerWeek = maxBookingsPerWeek
    }

    /// The effective step between slot starts.
    public var step: Int { slotInterval ?? duration }

    enum CodingKeys: String, CodingKey {
        case duration, slotInterval, beforeBuffer, afterBuffer, minimumNotice, bookingWindow, maxBookingsPerDay, maxBookingsPerWeek
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        duration = try container.decode(Int.self, forKey: .duration)
        slotInterval = try container.decodeIfPresent(Int.self, forKey: .slotInterval)
        beforeBuffer = try container.decodeIfPresent(Int.self, forKey: .beforeBuffer) ?? 0
        afterBuffer = try container.decodeIfPresent(Int.self, forKey: .afterBuffer) ?? 0
        minimumNotice = try container.decodeIfPresent(Int.self, forKey: .minimumNotice) ?? 0
        bookingWindow = try container.decodeIfPresent(BookingWindow.self, forKey: .bookingWindow)
        maxBookingsPerDay = try container.decodeIfPresent(Int.self, forKey: .maxBookingsPerDay)
        maxBookingsPerWeek = try container.decodeIfPresent(Int.self, forKey: .maxBookingsPerWeek)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(duration, forKey: .duration)
        try container.encode(slotInterval, forKey: .slotInterval)
        try container.encode(beforeBuffer, forKey: .beforeBuffer)
        try container.encode(afterBuffer, forKey: .afterBuffer)
        try container.encode(minimumNotice, forKey: .minimumNotice)
        try container.encode(bookingWindow, forKey: .bookingWindow)
        try container.encode(maxBookingsPerDay, forKey: .maxBookingsPerDay)
        try container.encode(maxBookingsPerWeek, forKey: .maxBookingsPerWeek)
    }
}

extension EventTypeLimits.BookingWindow: Codable {
    enum CodingKeys: String, CodingKey { case type, days, startDate, endDate }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "rolling": self = .rolling(days: try container.decode(Int.self, forKey: .days))
        case "range":
            self = .range(
                startDate: try container.decode(String.self, forKey: .startDate), endDate: try container.decode(String.self, forKey: .endDate))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "bookingWindow type \"\(other)\" is not rolling or range")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .rolling(let days):
            try container.encode("rolling", forKey: .type)
            try container.encode(days, forKey: .days)
        case .range(let start, let end):
            try container.encode("range", forKey: .type)
            try container.encode(start, forKey: .startDate)
            try container.encode(end, forKey: .endDate)
        }
    }
}
