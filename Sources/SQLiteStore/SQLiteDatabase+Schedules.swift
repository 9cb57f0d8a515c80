public import Availability
import Foundation
import GRDB
public import Store

extension SQLiteDatabase: ScheduleStore {
    public func schedules(ownedBy userId: String) async throws -> [StoredSchedule] {
        try await pool.read { db in
            try ScheduleRecord.filter(ScheduleRecord.Columns.userId == userId).order(ScheduleRecord.Columns.createdAt, ScheduleRecord.Columns.id)
                .fetchAll(db).map { try $0.stored() }
        }
    }

    public func schedule(id: String, ownedBy userId: String) async throws -> StoredSchedule? {
        try await pool.read { db in try Self.scheduleRecord(db, id: id, userId: userId)?.stored() }
    }

    public func createSchedule(_ schedule: Schedule, ownedBy userId: String) async throws -> StoredSchedule {
        try ScheduleRules.validate(schedule)
        return try await pool.write { db in
            let now = Date()
            var schedule = schedule
            try Self.checkOrganization(db, schedule.organizationId, userId: userId)
            let count = try ScheduleRecord.filter(ScheduleRecord.Columns.userId == userId).fetchCount(db)
            // The first schedule is the default; a new default takes the flag from the old one.
            if count == 0 { schedule.isDefault = true }
            if schedule.isDefault { try Self.clearDefault(db, userId: userId) }
            let record = try ScheduleRecord(schedule, id: Self.newID(), userId: userId, createdAt: now, updatedAt: now)
            try record.insert(db)
            try Self.createCalendar(db, for: record)
            return try record.stored()
        }
    }

    public func updateSchedule(_ schedule: Schedule, ownedBy userId: String) async throws -> StoredSchedule {
        try ScheduleRules.validate(schedule)
        guard let id = schedule.id else { throw StoreError.notFound("schedule") }
        return try await pool.write { db in
            guard let existing = try Self.scheduleRecord(db, id: id, userId: userId) else { throw StoreError.notFound("schedule \(id)") }
            if schedule.organizationId != existing.organizationId { try Self.checkOrganization(db, schedule.organizationId, userId: userId) }
            if existing.isDefault, !schedule.isDefault {
                throw StoreError.conflict("schedule \(id) is the default; make another schedule the default instead of clearing the flag")
            }
            if schedule.isDefault, !existing.isDefault { try Self.clearDefault(db, userId: userId) }
            let record = try ScheduleRecord(schedule, id: id, userId: userId, createdAt: existing.createdAt, updatedAt: Date())
            try record.update(db)
            try db.execute(
                sql: "UPDATE calendars SET display_name = ?, updated_at = ? WHERE schedule_id = ?", arguments: [schedule.name, record.updatedAt, id])
            return try record.stored()
        }
    }

    public func deleteSchedule(id: String, ownedBy userId: String, reassignTo: String?) async throws {
        try await pool.write { db in
            guard let existing = try Self.scheduleRecord(db, id: id, userId: userId) else { throw StoreError.notFound("schedule \(id)") }
            if existing.isDefault {
                throw StoreError.conflict("schedule \(id) is the default schedule; make another schedule the default before deleting it")
            }
            let users = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event_types WHERE schedule_id = ?", arguments: [id]) ?? 0
            if users > 0 {
                guard let target = reassignTo else {
                    throw StoreError.conflict("schedule \(id) is used by \(users) event type(s); pass reassignTo to move them to another schedule")
                }
                guard target != id, try Self.scheduleRecord(db, id: target, userId: userId) != nil else {
                    throw StoreError.notFound("schedule \(target) (reassignTo)")
                }
                try db.execute(sql: "UPDATE event_types SET schedule_id = ?, updated_at = ? WHERE schedule_id = ?", arguments: [target, Date(), id])
            }
            let bookings = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bookings WHERE schedule_id = ?", arguments: [id]) ?? 0
            if bookings > 0 {
                throw StoreError.conflict("schedule \(id) has \(bookings) booking(s); bookings keep their history, so the schedule stays")
            }
            try db.execute(sql: "DELETE FROM schedules WHERE id = ?", arguments: [id])
        }
    }

    public func setDefaultSchedule(id: String, ownedBy userId: String) async throws -> StoredSchedule {
        try await pool.write { db in
            guard var record = try Self.scheduleRecord(db, id: id, userId: userId) else { throw StoreError.notFound("schedule \(id)") }
            if !record.isDefault {
                try Self.clearDefault(db, userId: userId)
                record.isDefault = true
                record.updatedAt = Date()
                try record.update(db)
            }
            return try record.stored()
        }
    }

    static func scheduleRecord(_ db: Database, id: String, userId: String) throws -> ScheduleRecord? {
        try ScheduleRecord.filter(ScheduleRecord.Columns.id == id && ScheduleRecord.Columns.userId == userId).fetchOne(db)
    }

    /// A schedule may belong only to an organization its owner is a member of; any other id,
    /// existing or not, is "not found" (never revealing which organizations exist).
    static func checkOrganization(_ db: Database, _ organizationId: String?, userId: String) throws {
        guard let organizationId else { return }
        guard try membership(db, organizationId: organizationId, userId: userId) != nil else {
            throw StoreError.notFound("organization \(organizationId)")
        }
    }

    static func clearDefault(_ db: Database, userId: String) throws {
        try db.execute(sql: "UPDATE schedules SET is_default = 0 WHERE user_id = ? AND is_default = 1", arguments: [userId])
    }

    /// Every schedule is a CalDAV calendar of its bookings; its URL segment is unique per user.
    /// Its `calendar-timezone` is left nil: the CalDAV layer derives it from the schedule's zone,
    /// so it follows the schedule when that changes.
    static func createCalendar(_ db: Database, for schedule: ScheduleRecord) throws {
        let base = CalendarNaming.slug(for: schedule.name)
        var slug = base
        var suffix = 2
        // `inbox` and `outbox` are the scheduling collections of the home (RFC 6638).
        func taken(_ slug: String) throws -> Bool {
            if ["inbox", "outbox"].contains(slug) { return true }
            let count = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM calendars WHERE user_id = ? AND slug = ?", arguments: [schedule.userId, slug])
            return (count ?? 0) > 0
        }
        while try taken(slug) {
            slug = "\(base)-\(suffix)"
            suffix += 1
        }
        let record = CalendarRecord(
            id: newID(), userId: schedule.userId, scheduleId: schedule.id, slug: slug, displayName: schedule.name, description: "", color: nil,
            calendarOrder: 0, timezone: nil, components: "VEVENT", syncRevision: 0, createdAt: schedule.createdAt,
            updatedAt: schedule.createdAt)
        try record.insert(db)
    }
}
