import Foundation
import GRDB
import Testing

@testable import SQLiteStore

/// The `v2-dav-resources` migration on a file that already holds v1 calendar objects.
struct DAVMigrationTests {
    @Test("v2 fills the new size column of existing objects with their UTF-8 length")
    func sizeBackfill() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("horario-v2-\(UUID().uuidString).sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v1-accounts-schedules-bookings-calendars")
        let ics = "BEGIN:VCALENDAR\r\nSUMMARY:Café\r\nEND:VCALENDAR\r\n"
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO users (id, username, display_name, email, password_hash, created_at) VALUES ('u', 'u', 'U', 'u@x', 'x', '2025-01-01');
                    INSERT INTO calendars (id, user_id, slug, display_name, created_at, updated_at) VALUES ('c', 'u', 'cal', 'Cal', '2025-01-01', '2025-01-01');
                    INSERT INTO calendar_objects (id, calendar_id, name, uid, component_type, ics, etag, created_at, updated_at)
                    VALUES ('o', 'c', 'o.ics', 'o', 'VEVENT', ?, '"1"', '2025-01-01', '2025-01-01');
                    """, arguments: [ics])
        }
        try queue.close()
        let store = try SQLiteDatabase(path: path)
        let size = try DatabaseQueue(path: store.path).read { db in try Int.fetchOne(db, sql: "SELECT size FROM calendar_objects WHERE id = 'o'") }
        #expect(size == ics.utf8.count)
        #expect(size != ics.count)
    }
}
