public import Availability
import Foundation
import GRDB
public import Store

/// A clinic's owners and admins manage the schedules their members keep in the clinic.
extension SQLiteDatabase {
    public func schedules(ofOrganization id: String, by userId: String) async throws -> [OrganizationSchedule] {
        try await pool.read { db in
            let (_, caller) = try Self.requireMembership(db, organizationId: id, userId: userId)
            try Self.require(caller.role.canManage, caller, "see the members' schedules")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT schedules.id AS schedule_id, users.username, users.display_name FROM schedules
                    JOIN users ON users.id = schedules.user_id
                    JOIN memberships ON memberships.user_id = schedules.user_id AND memberships.organization_id = schedules.organization_id
                    WHERE schedules.organization_id = ?
                    ORDER BY users.username, schedules.name
                    """, arguments: [id])
            return try rows.compactMap { row in
                guard let record = try ScheduleRecord.fetchOne(db, key: row["schedule_id"] as String) else { return nil }
                return OrganizationSchedule(ownerUsername: row["username"], ownerName: row["display_name"], schedule: try record.stored())
            }
        }
    }

    public func updateSchedule(_ schedule: Schedule, ofOrganization id: String, by userId: String) async throws -> StoredSchedule {
        guard let scheduleId = schedule.id else { throw StoreError.notFound("schedule") }
        return try await pool.write { db in
            let (_, caller) = try Self.requireMembership(db, organizationId: id, userId: userId)
            guard
                let existing = try ScheduleRecord.fetchOne(db, key: scheduleId), existing.organizationId == id,
                try Self.membership(db, organizationId: id, userId: existing.userId) != nil
            else { throw StoreError.notFound("schedule \(scheduleId)") }
            try Self.require(caller.role.canManage, caller, "edit the members' schedules")
            var changed = schedule
            changed.organizationId = id
            changed.isDefault = existing.isDefault
            try ScheduleRules.validate(changed)
            let record = try ScheduleRecord(changed, id: scheduleId, userId: existing.userId, createdAt: existing.createdAt, updatedAt: Date())
            try record.update(db)
            try db.execute(
                sql: "UPDATE calendars SET display_name = ?, updated_at = ? WHERE schedule_id = ?",
                arguments: [changed.name, record.updatedAt, scheduleId])
            return try record.stored()
        }
    }
}
