public import Availability
import Foundation
import PostgresNIO
public import Store

/// Schedules by owner. Every write takes the owner's row lock first, so "exactly one default
/// schedule per user" holds across instances: PostgreSQL checks the partial unique index
/// `schedules_one_default_per_user` row by row (it cannot be deferred), so the old default is
/// cleared before the new one is set, in the same transaction.
extension PostgresDatabase: ScheduleStore {
    public func schedules(ownedBy userId: String) async throws -> [StoredSchedule] {
        try await pointRead { tx in
            try await tx.rows(
                "SELECT \(unescaped: ScheduleRow.columns) FROM schedules WHERE user_id = \(userId) ORDER BY created_at, id COLLATE \"C\""
            )
            .map(ScheduleRow.decode)
        }
    }

    public func schedule(id: String, ownedBy userId: String) async throws -> StoredSchedule? {
        try await pointRead { tx in try await Self.scheduleRecord(tx, id: id, userId: userId) }
    }

    public func createSchedule(_ schedule: Schedule, ownedBy userId: String) async throws -> StoredSchedule {
        try ScheduleRules.validate(schedule)
        return try await write { tx in
            guard try await Self.lockUser(tx, userId) else { throw StoreError.notFound("user \(userId)") }
            var schedule = schedule
            try await Self.checkOrganization(tx, schedule.organizationId, userId: userId)
            let count = try await tx.row("SELECT count(*) FROM schedules WHERE user_id = \(userId)")?.decode(Int.self) ?? 0
            // The first schedule is the default; a new default takes the flag from the old one.
            if count == 0 { schedule.isDefault = true }
            if schedule.isDefault { try await Self.clearDefault(tx, userId: userId) }
            let json = try ScheduleRow.json(schedule)
            let now = Date()
            guard
                let row = try await tx.row(
                    """
                    INSERT INTO schedules (id, user_id, organization_id, name, is_default, timezone, availability, date_overrides, location,
                      is_active, created_at, updated_at)
                    VALUES (\(Self.newID()), \(userId), \(schedule.organizationId), \(schedule.name), \(schedule.isDefault), \(schedule.timezone),
                      \(json.availability)::jsonb, \(json.dateOverrides)::jsonb, \(json.location)::jsonb, \(schedule.isActive), \(now), \(now))
                    RETURNING \(unescaped: ScheduleRow.columns)
                    """)
            else { throw StoreError.notFound("user \(userId)") }
            let stored = try ScheduleRow.decode(row)
            // Every schedule is a CalDAV calendar of its bookings.
            try await Self.createCalendar(tx, scheduleId: stored.id, userId: userId, name: stored.schedule.name, createdAt: stored.createdAt)
            return stored
        }
    }

    public func updateSchedule(_ schedule: Schedule, ownedBy userId: String) async throws -> StoredSchedule {
        try ScheduleRules.validate(schedule)
        guard let id = schedule.id else { throw StoreError.notFound("schedule") }
        return try await write { tx in
            try await Self.lockUser(tx, userId)
            guard let existing = try await Self.lockSchedule(tx, id: id, userId: userId)?.schedule else {
                throw StoreError.notFound("schedule \(id)")
            }
            if schedule.organizationId != existing.organizationId { try await Self.checkOrganization(tx, schedule.organizationId, userId: userId) }
            if existing.isDefault, !schedule.isDefault {
                throw StoreError.conflict("schedule \(id) is the default; make another schedule the default instead of clearing the flag")
            }
            if schedule.isDefault, !existing.isDefault { try await Self.clearDefault(tx, userId: userId) }
            let json = try ScheduleRow.json(schedule)
            let now = Date()
            guard
                let row = try await tx.row(
                    """
                    UPDATE schedules SET organization_id = \(schedule.organizationId), name = \(schedule.name), is_default = \(schedule.isDefault),
                      timezone = \(schedule.timezone), availability = \(json.availability)::jsonb, date_overrides = \(json.dateOverrides)::jsonb,
                      location = \(json.location)::jsonb, is_active = \(schedule.isActive), updated_at = \(now)
                    WHERE id = \(id) AND user_id = \(userId)
                    RETURNING \(unescaped: ScheduleRow.columns)
                    """)
            else { throw StoreError.notFound("schedule \(id)") }
            try await tx.execute("UPDATE calendars SET display_name = \(schedule.name), updated_at = \(now) WHERE schedule_id = \(id)")
            return try ScheduleRow.decode(row)
        }
    }

    public func deleteSchedule(id: String, ownedBy userId: String, reassignTo: String?) async throws {
        try await write { tx in
            // Bookings are written under the expert's lock: none lands on this schedule between the count and the delete.
            try await tx.lockExpert(userId)
            try await Self.lockUser(tx, userId)
            guard let existing = try await Self.lockSchedule(tx, id: id, userId: userId) else { throw StoreError.notFound("schedule \(id)") }
            if existing.schedule.isDefault {
                throw StoreError.conflict("schedule \(id) is the default schedule; make another schedule the default before deleting it")
            }
            let users = try await tx.row("SELECT count(*) FROM event_types WHERE schedule_id = \(id)")?.decode(Int.self) ?? 0
            if users > 0 {
                guard let target = reassignTo else {
                    throw StoreError.conflict("schedule \(id) is used by \(users) event type(s); pass reassignTo to move them to another schedule")
                }
                guard target != id, try await Self.scheduleRecord(tx, id: target, userId: userId) != nil else {
                    throw StoreError.notFound("schedule \(target) (reassignTo)")
                }
                try await tx.execute("UPDATE event_types SET schedule_id = \(target), updated_at = \(Date()) WHERE schedule_id = \(id)")
            }
            let bookings = try await tx.row("SELECT count(*) FROM bookings WHERE schedule_id = \(id)")?.decode(Int.self) ?? 0
            if bookings > 0 {
                throw StoreError.conflict("schedule \(id) has \(bookings) booking(s); bookings keep their history, so the schedule stays")
            }
            try await tx.execute("DELETE FROM schedules WHERE id = \(id)")
        }
    }

    public func setDefaultSchedule(id: String, ownedBy userId: String) async throws -> StoredSchedule {
        try await write { tx in
            try await Self.lockUser(tx, userId)
            guard let existing = try await Self.lockSchedule(tx, id: id, userId: userId) else { throw StoreError.notFound("schedule \(id)") }
            if existing.schedule.isDefault { return existing }
            try await Self.clearDefault(tx, userId: userId)
            guard
                let row = try await tx.row(
                    """
                    UPDATE schedules SET is_default = true, updated_at = \(Date()) WHERE id = \(id)
                    RETURNING \(unescaped: ScheduleRow.columns)
                    """)
            else { throw StoreError.notFound("schedule \(id)") }
            return try ScheduleRow.decode(row)
        }
    }

    // MARK: - Helpers

    static func scheduleRecord(_ tx: PostgresTransaction, id: String, userId: String) async throws -> StoredSchedule? {
        try await tx.row("SELECT \(unescaped: ScheduleRow.columns) FROM schedules WHERE id = \(id) AND user_id = \(userId)")
            .map(ScheduleRow.decode)
    }

    /// ``scheduleRecord(_:id:userId:)`` with the row locked for this transaction, so a member's
    /// removal from its organization (which detaches the schedule) waits for the write instead
    /// of being overwritten by it.
    static func lockSchedule(_ tx: PostgresTransaction, id: String, userId: String) async throws -> StoredSchedule? {
        try await tx.row("SELECT \(unescaped: ScheduleRow.columns) FROM schedules WHERE id = \(id) AND user_id = \(userId) FOR NO KEY UPDATE")
            .map(ScheduleRow.decode)
    }

    /// A schedule may belong only to an organization its owner is a member of; any other id,
    /// existing or not, is "not found" (never revealing which organizations exist). The
    /// membership and organization rows stay key-share locked to commit: removing the member or
    /// deleting the organization waits, then detaches this schedule too.
    static func checkOrganization(_ tx: PostgresTransaction, _ organizationId: String?, userId: String) async throws {
        guard let organizationId else { return }
        let member = try await tx.row(
            """
            SELECT 1 FROM memberships JOIN organizations ON organizations.id = memberships.organization_id
            WHERE memberships.organization_id = \(organizationId) AND memberships.user_id = \(userId)
            FOR KEY SHARE
            """)
        if member == nil { throw StoreError.notFound("organization \(organizationId)") }
    }

    /// The caller holds the user's lock and sets the new default in the same transaction.
    static func clearDefault(_ tx: PostgresTransaction, userId: String) async throws {
        try await tx.execute("UPDATE schedules SET is_default = false WHERE user_id = \(userId) AND is_default")
    }

}
