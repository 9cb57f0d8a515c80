import Availability
import Foundation
import GRDB
import SQLiteStore
import Store
import Testing

/// Schedules on the SQLite file: its migrations, and the default rule kept by the database
/// itself, not only by the code. The rest is in StoreContractTests (ScheduleStoreTests).
struct ScheduleStoreSQLiteTests {
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
            "v10-credential-version",
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
}
