import Availability
import Foundation
import GRDB
import SQLiteStore
import Store
import Testing

/// Schedules on a real SQLite file: the default rule is the database's, not only the code's.
struct ScheduleStoreTests {
    static func schedule(_ name: String, isDefault: Bool = false) -> Schedule {
        Schedule(
            name: name, isDefault: isDefault, timezone: "America/Sao_Paulo",
            availability: [WeeklyHours(day: "monday", slots: [TimeSlot(startTime: "09:00", endTime: "17:00")])])
    }

    static func store() async throws -> (SQLiteDatabase, String) {
        let store = try SQLiteDatabase.temporary()
        let user = try await store.createUser(NewUser(username: "joao", email: "joao@example.org"), passwordHash: "x")
        return (store, user.id)
    }

    @Test("a fresh file is migrated to the current schema, and opening it again is a no-op")
    func migrations() async throws {
        let store = try SQLiteDatabase.temporary()
        let all = [
            "v1-accounts-schedules-bookings-calendars", "v2-dav-resources", "v3-calendar-object-listing-index", "v4-web-sessions-user-language",
            "v5-booking-history",
            "v6-calendar-connections",
            "v7-oauth-conferences",
            "v8-booking-messages",
            "v9-scheduling-inbox",
        ]
        #expect(try store.appliedMigrations() == all)
        let reopened = try SQLiteDatabase(path: store.path)
        #expect(try reopened.appliedMigrations() == all)
    }

    @Test("the database itself refuses a second default schedule for a user (partial unique index)")
    func databaseEnforcesOneDefault() async throws {
        let (store, userId) = try await Self.store()
        _ = try await store.createSchedule(Self.schedule("A"), ownedBy: userId)
        let queue = try DatabaseQueue(path: store.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO schedules (id, user_id, name, is_default, timezone, availability, location, created_at, updated_at)
                        VALUES ('x', ?, 'B', 1, 'UTC', '[]', '{"type":"remote"}', '2025-01-01', '2025-01-01')
                        """, arguments: [userId])
            }
        }
    }

    @Test("each schedule gets a calendar with a unique URL segment; its name follows renames")
    func calendarPerSchedule() async throws {
        let (store, userId) = try await Self.store()
        let first = try await store.createSchedule(Self.schedule("Clínica São Paulo"), ownedBy: userId)
        _ = try await store.createSchedule(Self.schedule("Clinica Sao Paulo"), ownedBy: userId)
        let queue = try DatabaseQueue(path: store.path)
        let slugs = try await queue.read { db in try String.fetchAll(db, sql: "SELECT slug FROM calendars ORDER BY created_at, slug") }
        #expect(Set(slugs) == ["clinica-sao-paulo", "clinica-sao-paulo-2"])
        var renamed = first.schedule
        renamed.name = "Clinic A"
        _ = try await store.updateSchedule(renamed, ownedBy: userId)
        let names = try await queue.read { db in
            try String.fetchAll(db, sql: "SELECT display_name FROM calendars WHERE schedule_id = ?", arguments: [first.id])
        }
        #expect(names == ["Clinic A"])
    }

    @Test("invalid schedules are refused with every issue and nothing is stored")
    func invalidIsRefused() async throws {
        let (store, userId) = try await Self.store()
        var bad = Self.schedule("")
        bad.timezone = "Nowhere/City"
        await #expect(
            throws: StoreError.invalid([
                .init(path: "name", message: "is required"),
                .init(path: "timezone", message: "\"Nowhere/City\" is not an IANA time zone (e.g. America/Sao_Paulo)"),
            ])
        ) {
            try await store.createSchedule(bad, ownedBy: userId)
        }
        #expect(try await store.schedules(ownedBy: userId).isEmpty)
    }

    @Test("another user's schedule is not found for any operation")
    func ownership() async throws {
        let (store, userId) = try await Self.store()
        let other = try await store.createUser(NewUser(username: "maria", email: "maria@example.org"), passwordHash: "x")
        let stored = try await store.createSchedule(Self.schedule("A"), ownedBy: userId)
        #expect(try await store.schedule(id: stored.id, ownedBy: other.id) == nil)
        await #expect(throws: StoreError.notFound("schedule \(stored.id)")) { try await store.setDefaultSchedule(id: stored.id, ownedBy: other.id) }
        await #expect(throws: StoreError.notFound("schedule \(stored.id)")) {
            try await store.deleteSchedule(id: stored.id, ownedBy: other.id, reassignTo: nil)
        }
        await #expect(throws: StoreError.notFound("schedule")) {
            var foreign = stored.schedule
            foreign.id = nil
            return try await store.updateSchedule(foreign, ownedBy: other.id)
        }
    }
}
