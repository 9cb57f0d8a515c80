import Foundation
import GRDB
import Testing

@testable import SQLiteStore

/// Writes the committed upgrade fixtures (`Tests/upgrades/sqlite/<version>.sql` are dumps of
/// these files): one database stopped at each earlier schema version, holding a row in every
/// table that version has. Runs only when `HORARIO_WRITE_UPGRADE_FIXTURES` names a folder;
/// `Tests/upgrades/make_fixtures.py` sets it, then dumps each file to SQL. Fixtures of shipped
/// versions never change: add the new version's, keep the others.
struct UpgradeFixtureWriter {
    static let folder = ProcessInfo.processInfo.environment["HORARIO_WRITE_UPGRADE_FIXTURES"]

    @Test("writes a database at every earlier schema version", .enabled(if: folder != nil))
    func writeFixtures() throws {
        let folder = try #require(Self.folder)
        let names = Migrations.migrator.migrations
        for name in names.dropLast() {
            let path = "\(folder)/\(name).sqlite"
            try? FileManager.default.removeItem(atPath: path)
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: name)
            try queue.write { db in
                for statement in UpgradeFixtureRows.statements(upTo: name, in: names) { try db.execute(sql: statement) }
            }
            try queue.close()
        }
    }
}

/// The rows of the fixtures, each added at the version that made its table.
enum UpgradeFixtureRows {
    static func statements(upTo version: String, in names: [String]) -> [String] {
        let reached = names.prefix(through: names.firstIndex(of: version)!)
        return rows.filter { reached.contains($0.since) }.map(\.sql)
    }

    static let created = "'2025-01-02 03:04:05.000'"

    static let rows: [(since: String, sql: String)] = [
        (
            "v1-accounts-schedules-bookings-calendars",
            """
            INSERT INTO users (id, username, display_name, email, time_zone, password_hash, created_at)
            VALUES ('u1', 'joao', 'Dr. João', 'joao@example.org', 'America/Sao_Paulo', 'pbkdf2-sha256$1$c2FsdA$aGFzaA', \(created))
            """
        ),
        (
            "v1-accounts-schedules-bookings-calendars",
            "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ('t1', 'u1', 'laptop', 'tokenhash1', \(created))"
        ),
        (
            "v1-accounts-schedules-bookings-calendars",
            """
            INSERT INTO schedules (id, user_id, name, is_default, timezone, availability, date_overrides, location, is_active, created_at, updated_at)
            VALUES ('s1', 'u1', 'Consultório', 1, 'America/Sao_Paulo',
              '[{"day":"monday","slots":[{"endTime":"12:00","startTime":"09:00"}]}]', '[]',
              '{"address":"Av. Paulista, 1000","type":"in-person"}', 1, \(created), \(created))
            """
        ),
        (
            "v1-accounts-schedules-bookings-calendars",
            """
            INSERT INTO event_types (id, user_id, title, slug, description, schedule_id, calendar_destination, duration, created_at, updated_at)
            VALUES ('e1', 'u1', 'Consulta', 'consulta', '', 's1', '{"type":"app-only"}', 30, \(created), \(created))
            """
        ),
        (
            "v1-accounts-schedules-bookings-calendars",
            """
            INSERT INTO bookings (id, uid, user_id, event_type_id, schedule_id, start_at, end_at, status, attendee_name, attendee_email,
              attendee_time_zone, location, sequence, created_at, updated_at)
            VALUES ('b1', 'b1@horario', 'u1', 'e1', 's1', '2025-02-03 12:00:00.000', '2025-02-03 12:30:00.000', 'confirmed', 'Carla Souza',
              'carla@example.org', 'America/Sao_Paulo', 'Av. Paulista, 1000', 0, \(created), \(created))
            """
        ),
        (
            "v1-accounts-schedules-bookings-calendars",
            """
            INSERT INTO calendars (id, user_id, schedule_id, slug, display_name, sync_revision, created_at, updated_at)
            VALUES ('c1', 'u1', 's1', 'consultorio', 'Consultório', 1, \(created), \(created))
            """
        ),
        (
            "v1-accounts-schedules-bookings-calendars",
            """
            INSERT INTO calendar_objects (id, calendar_id, name, uid, component_type, ics, etag, first_start, last_end, booking_id, created_at, updated_at)
            VALUES ('o1', 'c1', 'b1@horario.ics', 'b1@horario', 'VEVENT',
              'BEGIN:VCALENDAR' || char(13, 10) || 'VERSION:2.0' || char(13, 10) || 'PRODID:-//Horario//EN' || char(13, 10) ||
              'BEGIN:VEVENT' || char(13, 10) || 'UID:b1@horario' || char(13, 10) || 'DTSTAMP:20250102T030405Z' || char(13, 10) ||
              'DTSTART:20250203T120000Z' || char(13, 10) || 'DTEND:20250203T123000Z' || char(13, 10) || 'SUMMARY:Consulta' || char(13, 10) ||
              'END:VEVENT' || char(13, 10) || 'END:VCALENDAR' || char(13, 10),
              '"1-0000000000000001"', '2025-02-03 12:00:00.000', '2025-02-03 12:30:00.000', 'b1', \(created), \(created))
            """
        ),
        (
            "v1-accounts-schedules-bookings-calendars",
            "INSERT INTO calendar_changes (calendar_id, revision, object_name, deleted, changed_at) VALUES ('c1', 1, 'b1@horario.ics', 0, \(created))"
        ),
        (
            "v2-dav-resources",
            """
            INSERT INTO dav_resources (user_id, path, is_collection, body, content_type, size, revision, etag, created_at, updated_at)
            VALUES ('u1', 'notes.txt', 0, CAST('hello' AS BLOB), 'text/plain', 5, 1, '"1-abc"', \(created), \(created))
            """
        ),
        (
            "v2-dav-resources",
            """
            INSERT INTO dead_properties (user_id, path, namespace, name, xml)
            VALUES ('u1', 'consultorio', 'http://apple.com/ns/ical/', 'calendar-color', '<calendar-color xmlns="http://apple.com/ns/ical/">#FF0000</calendar-color>')
            """
        ),
        (
            "v4-web-sessions-user-language",
            "INSERT INTO web_sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ('sess1', 'u1', 'csrf1', \(created), '2035-01-01 00:00:00.000')"
        ),
        (
            "v5-booking-history",
            """
            INSERT INTO booking_history (booking_id, action, actor, at, start_at, end_at)
            VALUES ('b1', 'created', 'booker', \(created), '2025-02-03 12:00:00.000', '2025-02-03 12:30:00.000')
            """
        ),
        (
            "v6-calendar-connections",
            """
            INSERT INTO calendar_connections (id, user_id, provider, email, server_url, credentials, key_id, created_at, updated_at)
            VALUES ('k1', 'u1', 'caldav', 'joao@example.org', 'https://dav.example.org/', 'sealed', 1, \(created), \(created))
            """
        ),
        (
            "v6-calendar-connections",
            """
            INSERT INTO connected_calendars (connection_id, external_id, position, name, is_primary, can_write, check_conflicts)
            VALUES ('k1', '/cal/office/', 0, 'Work', 1, 1, 1)
            """
        ),
        (
            "v6-calendar-connections",
            "INSERT INTO external_busy (connection_id, calendar_id, start_epoch, end_epoch, kind) VALUES ('k1', '/cal/office/', 1738591200, 1738594800, 'busy')"
        ),
        (
            "v8-booking-messages",
            """
            INSERT INTO booking_messages (booking_id, kind, recipient, sequence, start_at, end_at, state, created_at)
            VALUES ('b1', 'created', 'booker', 0, '2025-02-03 12:00:00.000', '2025-02-03 12:30:00.000', 'sent', \(created))
            """
        ),
        (
            "v9-scheduling-inbox",
            """
            INSERT INTO scheduling_inbox (id, user_id, name, uid, method, ics, etag, created_at)
            VALUES ('i1', 'u1', 'i1.ics', 'meeting@example.org', 'REQUEST', 'BEGIN:VCALENDAR', '"1-i1"', \(created))
            """
        ),
    ]
}
