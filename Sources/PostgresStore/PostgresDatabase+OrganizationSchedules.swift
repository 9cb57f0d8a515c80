public import Availability
import Foundation
import PostgresNIO
public import Store

/// A clinic's owners and admins manage the schedules their members keep in the clinic.
extension PostgresDatabase {
    public func schedules(ofOrganization id: String, by userId: String) async throws -> [OrganizationSchedule] {
        try await read { tx in
            let caller = try await Self.requireMembership(tx, organizationId: id, userId: userId).role
            try Self.require(caller.canManage, caller, "see the members' schedules")
            return try await tx.rows(
                """
                SELECT \(unescaped: ScheduleRow.columns), users.username AS owner_username, users.display_name AS owner_name FROM schedules
                JOIN users ON users.id = schedules.user_id
                JOIN memberships ON memberships.user_id = schedules.user_id AND memberships.organization_id = schedules.organization_id
                WHERE schedules.organization_id = \(id)
                ORDER BY users.username COLLATE "C", schedules.name COLLATE "C"
                """
            ).map { row in
                let cells = row.makeRandomAccess()
                return OrganizationSchedule(
                    ownerUsername: try cells.column("owner_username"), ownerName: try cells.column("owner_name"),
                    schedule: try ScheduleRow.decode(cells))
            }
        }
    }

    /// Writes every field but the owner, the organization and the default flag, which the
    /// owner's own writes (under their user lock, not taken here) may be moving meanwhile.
    public func updateSchedule(_ schedule: Schedule, ofOrganization id: String, by userId: String) async throws -> StoredSchedule {
        guard let scheduleId = schedule.id else { throw StoreError.notFound("schedule") }
        return try await write { tx in
            try await Self.lockOrganization(tx, id)
            let caller = try await Self.requireMembership(tx, organizationId: id, userId: userId).role
            // Locked, so the owner cannot move it out of the organization between this check and the write.
            guard
                let existing = try await tx.row(
                    "SELECT \(unescaped: ScheduleRow.columns) FROM schedules WHERE id = \(scheduleId) FOR NO KEY UPDATE"
                ).map(ScheduleRow.decode),
                existing.schedule.organizationId == id, let ownerId = existing.schedule.userId,
                try await Self.membership(tx, organizationId: id, userId: ownerId) != nil
            else { throw StoreError.notFound("schedule \(scheduleId)") }
            try Self.require(caller.canManage, caller, "edit the members' schedules")
            var changed = schedule
            changed.organizationId = id
            changed.isDefault = existing.schedule.isDefault
            try ScheduleRules.validate(changed)
            let json = try ScheduleRow.json(changed)
            let now = Date()
            guard
                let row = try await tx.row(
                    """
                    UPDATE schedules SET name = \(changed.name), timezone = \(changed.timezone), availability = \(json.availability)::jsonb,
                      date_overrides = \(json.dateOverrides)::jsonb, location = \(json.location)::jsonb, is_active = \(changed.isActive),
                      updated_at = \(now)
                    WHERE id = \(scheduleId)
                    RETURNING \(unescaped: ScheduleRow.columns)
                    """)
            else { throw StoreError.notFound("schedule \(scheduleId)") }
            try await tx.execute("UPDATE calendars SET display_name = \(changed.name), updated_at = \(now) WHERE schedule_id = \(scheduleId)")
            return try ScheduleRow.decode(row)
        }
    }
}
