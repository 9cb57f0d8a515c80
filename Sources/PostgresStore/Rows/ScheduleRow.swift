import Availability
import Foundation
import PostgresNIO
import Store

/// Reads `schedules` rows; the JSON columns come back as text in the spec's shapes. The select
/// list is qualified, so joins can use it.
enum ScheduleRow {
    static let columns = """
        schedules.id, schedules.user_id, schedules.organization_id, schedules.name, schedules.is_default, schedules.timezone, \
        schedules.availability::text AS availability, schedules.date_overrides::text AS date_overrides, \
        schedules.location::text AS location, schedules.is_active, schedules.created_at, schedules.updated_at
        """

    static func decode(_ row: PostgresRow) throws -> StoredSchedule {
        try decode(row.makeRandomAccess())
    }

    static func decode(_ row: PostgresRandomAccessRow) throws -> StoredSchedule {
        let schedule = Schedule(
            id: try row.column("id", as: String.self), userId: try row.column("user_id", as: String.self),
            organizationId: try row.column("organization_id"), name: try row.column("name"), isDefault: try row.column("is_default"),
            timezone: try row.column("timezone"),
            availability: try JSONColumn.decode([WeeklyHours].self, try row.column("availability")),
            dateOverrides: try JSONColumn.decode([DateOverride].self, try row.column("date_overrides")),
            location: try JSONColumn.decode(Location.self, try row.column("location")), isActive: try row.column("is_active"))
        return StoredSchedule(schedule: schedule, createdAt: try row.column("created_at"), updatedAt: try row.column("updated_at"))
    }

    /// The JSON text of a schedule's three JSON columns, encoded with sorted keys.
    static func json(_ schedule: Schedule) throws -> (availability: String, dateOverrides: String, location: String) {
        (try JSONColumn.encode(schedule.availability), try JSONColumn.encode(schedule.dateOverrides), try JSONColumn.encode(schedule.location))
    }
}
