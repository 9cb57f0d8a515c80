import Availability
import Foundation
import Store

/// The spec's `Schedule` JSON with `createdAt`/`updatedAt`.
struct ScheduleResponse: Encodable, Sendable {
    var stored: StoredSchedule

    enum Extra: String, CodingKey { case createdAt, updatedAt }

    func encode(to encoder: any Encoder) throws {
        try stored.schedule.encode(to: encoder)
        var container = encoder.container(keyedBy: Extra.self)
        try container.encode(stored.createdAt, forKey: .createdAt)
        try container.encode(stored.updatedAt, forKey: .updatedAt)
    }
}

/// `CreateScheduleDto`: name is required; the zone defaults to the user's, the hours to none,
/// the location to remote.
struct CreateScheduleRequest: Decodable {
    var name: String
    var timezone: String?
    var isDefault: Bool?
    var availability: [WeeklyHours]?
    var dateOverrides: [DateOverride]?
    var location: Location?
    var isActive: Bool?
    var organizationId: String?

    func schedule(for user: User) -> Schedule {
        Schedule(
            organizationId: organizationId, name: name, isDefault: isDefault ?? false, timezone: timezone ?? user.timeZone,
            availability: availability ?? [],
            dateOverrides: dateOverrides ?? [], location: location ?? Location(type: .remote), isActive: isActive ?? true)
    }
}

/// `UpdateScheduleDto`: every field optional; what is present replaces the stored value.
struct UpdateScheduleRequest: Decodable {
    var name: String?
    var timezone: String?
    var isDefault: Bool?
    var availability: [WeeklyHours]?
    var dateOverrides: [DateOverride]?
    var location: Location?
    var isActive: Bool?

    func applied(to schedule: Schedule) -> Schedule {
        var result = schedule
        if let name { result.name = name }
        if let timezone { result.timezone = timezone }
        if let isDefault { result.isDefault = isDefault }
        if let availability { result.availability = availability }
        if let dateOverrides { result.dateOverrides = dateOverrides }
        if let location { result.location = location }
        if let isActive { result.isActive = isActive }
        return result
    }
}

/// `{ success: boolean }`, the spec's answer to DELETE.
struct SuccessResponse: Encodable, Sendable {
    var success: Bool
}
