/// An expert's schedule (spec "Schedule Entity"): weekly hours and date overrides in one
/// IANA time zone, and where bookings on it happen.
///
/// Times stay in the spec's wire form (`"09:00"`, `"2025-12-25"`) so a schedule read from
/// JSON is exactly what the user wrote; ``ScheduleValidator`` checks it and
/// ``CompiledSchedule`` is the form the engine computes with.
public struct Schedule: Codable, Hashable, Sendable {
    public var id: String?
    public var userId: String?
    public var organizationId: String?
    public var name: String
    public var isDefault: Bool
    /// IANA zone name; weekly hours and overrides are wall-clock times there.
    public var timezone: String
    public var availability: [WeeklyHours]
    public var dateOverrides: [DateOverride]
    public var location: Location
    public var isActive: Bool

    public init(
        id: String? = nil, userId: String? = nil, organizationId: String? = nil, name: String = "", isDefault: Bool = false, timezone: String,
        availability: [WeeklyHours], dateOverrides: [DateOverride] = [], location: Location = Location(type: .remote), isActive: Bool = true
    ) {
        self.id = id
        self.userId = userId
        self.organizationId = organizationId
        self.name = name
        self.isDefault = isDefault
        self.timezone = timezone
        self.availability = availability
        self.dateOverrides = dateOverrides
        self.location = location
        self.isActive = isActive
    }

    enum CodingKeys: String, CodingKey {
        case id, userId, organizationId, name, isDefault, timezone, availability, dateOverrides, location, isActive
    }

    /// Missing optional members take the spec's defaults, so the scenario format (which has
    /// only timezone, availability and dateOverrides) decodes too.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        userId = try container.decodeIfPresent(String.self, forKey: .userId)
        organizationId = try container.decodeIfPresent(String.self, forKey: .organizationId)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        isDefault = try container.decodeIfPresent(Bool.self, forKey: .isDefault) ?? false
        timezone = try container.decode(String.self, forKey: .timezone)
        availability = try container.decodeIfPresent([WeeklyHours].self, forKey: .availability) ?? []
        dateOverrides = try container.decodeIfPresent([DateOverride].self, forKey: .dateOverrides) ?? []
        location = try container.decodeIfPresent(Location.self, forKey: .location) ?? Location(type: .remote)
        isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive) ?? true
    }
}

/// One weekday's hours (spec `WeeklyHours`).
public struct WeeklyHours: Codable, Hashable, Sendable {
    /// Lower-case English weekday: `monday` … `sunday`.
    public var day: String
    public var slots: [TimeSlot]

    public init(day: String, slots: [TimeSlot]) {
        self.day = day
        self.slots = slots
    }
}

/// A wall-clock range within a day (spec `TimeSlot`): `"HH:MM"`, `endTime` may be `"24:00"`.
public struct TimeSlot: Codable, Hashable, Sendable {
    public var startTime: String
    public var endTime: String

    public init(startTime: String, endTime: String) {
        self.startTime = startTime
        self.endTime = endTime
    }
}

/// A change for one local date (spec `DateOverride`).
public struct DateOverride: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// The date has no hours.
        case unavailable
        /// The date's hours are `slots` instead of the weekly ones.
        case custom
    }

    /// ISO date `"YYYY-MM-DD"`, a local date in the schedule's zone.
    public var date: String
    public var type: Kind
    public var slots: [TimeSlot]?
    public var reason: String?

    public init(date: String, type: Kind, slots: [TimeSlot]? = nil, reason: String? = nil) {
        self.date = date
        self.type = type
        self.slots = slots
        self.reason = reason
    }
}
