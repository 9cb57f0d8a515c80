import Availability
import Foundation
import GRDB
import Store

/// A row of `schedules`; the spec's JSON columns hold the spec's JSON shapes.
struct ScheduleRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "schedules"

    var id: String
    var userId: String
    var organizationId: String?
    var name: String
    var isDefault: Bool
    var timezone: String
    var availability: String
    var dateOverrides: String
    var location: String
    var isActive: Bool
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, timezone, availability, location
        case userId = "user_id"
        case organizationId = "organization_id"
        case isDefault = "is_default"
        case dateOverrides = "date_overrides"
        case isActive = "is_active"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let id = Column("id")
        static let userId = Column("user_id")
        static let isDefault = Column("is_default")
        static let createdAt = Column("created_at")
    }

    init(_ schedule: Schedule, id: String, userId: String, createdAt: Date, updatedAt: Date) throws {
        self.id = id
        self.userId = userId
        organizationId = schedule.organizationId
        name = schedule.name
        isDefault = schedule.isDefault
        timezone = schedule.timezone
        availability = try JSONColumn.encode(schedule.availability)
        dateOverrides = try JSONColumn.encode(schedule.dateOverrides)
        location = try JSONColumn.encode(schedule.location)
        isActive = schedule.isActive
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    func stored() throws -> StoredSchedule {
        let schedule = Schedule(
            id: id, userId: userId, organizationId: organizationId, name: name, isDefault: isDefault, timezone: timezone,
            availability: try JSONColumn.decode([WeeklyHours].self, availability),
            dateOverrides: try JSONColumn.decode([DateOverride].self, dateOverrides),
            location: try JSONColumn.decode(Location.self, location), isActive: isActive)
        return StoredSchedule(schedule: schedule, createdAt: createdAt, updatedAt: updatedAt)
    }
}
