import Foundation
import GRDB
import Testing

@testable import SQLiteStore

/// A database created at any earlier schema version upgrades to the current one with its
/// data intact. The loop covers every version, including those added later.
struct MigrationTests {
    @Test("a database stopped at each schema version upgrades to the current one, keeping its rows")
    func upgradeFromEveryVersion() throws {
        let migrator = Migrations.migrator
        let names = migrator.migrations
        #expect(
            names == [
                "v1-accounts-schedules-bookings-calendars", "v2-dav-resources", "v3-calendar-object-listing-index", "v4-web-sessions-user-language",
                "v5-booking-history",
                "v6-calendar-connections",
                "v7-oauth-conferences",
                "v8-booking-messages",
                "v9-scheduling-inbox",
                "v10-credential-version",
            ])
        for name in names {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("horario-migration-\(UUID().uuidString).sqlite").path
            let queue = try DatabaseQueue(path: path)
            try migrator.migrate(queue, upTo: name)
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO users (id, username, display_name, email, time_zone, password_hash, created_at)
                        VALUES ('u1', 'joao', 'Dr. João', 'joao@example.org', 'America/Sao_Paulo', 'x', '2025-01-01 00:00:00.000')
                        """)
            }
            try queue.close()
            let upgraded = try SQLiteDatabase(path: path)
            #expect(try upgraded.appliedMigrations() == names)
            let usernames = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT username FROM users") }
            #expect(usernames == ["joao"])
        }
    }

    @Test("the schema has the tables and the one-default index the design names")
    func schemaShape() throws {
        let store = try SQLiteDatabase.temporary()
        let queue = try DatabaseQueue(path: store.path)
        let tables = try queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb_%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(
            tables == [
                "api_tokens", "booking_external_writes", "booking_history", "booking_messages", "bookings", "calendar_changes",
                "calendar_connections",
                "calendar_objects",
                "calendars", "connected_calendars", "dav_resources", "dead_properties", "event_types", "external_busy", "memberships", "oauth_states",
                "organizations",
                "schedules", "scheduling_inbox", "scheduling_mail", "users", "web_sessions",
            ])
        let index = try queue.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'schedules_one_default_per_user'")
        }
        #expect(index?.contains("WHERE is_default = 1") == true)
        let journal = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }
}
