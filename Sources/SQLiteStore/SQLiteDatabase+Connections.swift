import Availability
public import Foundation
import GRDB
public import Store

/// External calendar connections. Secrets arrive sealed and leave sealed; the cached busy time
/// of a calendar is replaced in one transaction, so a slot listing never sees half a refresh.
extension SQLiteDatabase: ConnectionStore {
    public func connections(ownedBy userId: String) async throws -> [CalendarConnection] {
        try await pool.read { db in
            try Self.connections(db, sql: "SELECT * FROM calendar_connections WHERE user_id = ? ORDER BY created_at, id", arguments: [userId])
        }
    }

    public func connection(id: String, ownedBy userId: String) async throws -> CalendarConnection? {
        try await pool.read { db in
            try Self.connections(db, sql: "SELECT * FROM calendar_connections WHERE id = ? AND user_id = ?", arguments: [id, userId]).first
        }
    }

    public func connection(ownedBy userId: String, provider: CalendarProviderKind, email: String) async throws -> CalendarConnection? {
        try await pool.read { db in
            try Self.connections(
                db, sql: "SELECT * FROM calendar_connections WHERE user_id = ? AND provider = ? AND email = ?",
                arguments: [userId, provider.rawValue, email]
            ).first
        }
    }

    public func connection(id: String) async throws -> CalendarConnection? {
        try await pool.read { db in try Self.connections(db, sql: "SELECT * FROM calendar_connections WHERE id = ?", arguments: [id]).first }
    }

    public func saveConnection(_ connection: CalendarConnection, credentials: SealedCredentials) async throws -> CalendarConnection {
        try await pool.write { db in
            let existing = try String.fetchOne(
                db, sql: "SELECT id FROM calendar_connections WHERE user_id = ? AND provider = ? AND email = ?",
                arguments: [connection.userId, connection.provider.rawValue, connection.email])
            if let existing, existing != connection.id {
                throw StoreError.conflict("the account \(connection.email) is already connected as \(existing)")
            }
            if existing == nil {
                try db.execute(
                    sql: """
                        INSERT INTO calendar_connections (id, user_id, provider, email, server_url, credentials, key_id, is_active, status,
                          next_attempt_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        connection.id, connection.userId, connection.provider.rawValue, connection.email, connection.serverURL,
                        credentials.ciphertext, credentials.keyId, connection.isActive, connection.status.rawValue, connection.nextAttemptAt,
                        connection.createdAt, connection.updatedAt,
                    ])
            } else {
                // A reconnect: new secrets, and a fresh start for the refresher.
                try db.execute(
                    sql: """
                        UPDATE calendar_connections SET server_url = ?, credentials = ?, key_id = ?, status = ?, next_attempt_at = ?,
                          consecutive_failures = 0, last_error_code = NULL, last_error_message = NULL, last_error_at = NULL, updated_at = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        connection.serverURL, credentials.ciphertext, credentials.keyId, connection.status.rawValue, connection.nextAttemptAt,
                        connection.updatedAt, connection.id,
                    ])
            }
            try Self.replaceCalendars(db, connectionId: connection.id, with: connection.calendars)
            guard let stored = try Self.connections(db, sql: "SELECT * FROM calendar_connections WHERE id = ?", arguments: [connection.id]).first
            else { throw StoreError.notFound("calendar connection \(connection.id)") }
            return stored
        }
    }

    public func credentials(connectionId: String) async throws -> SealedCredentials? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT credentials, key_id FROM calendar_connections WHERE id = ?", arguments: [connectionId]).map {
                SealedCredentials(ciphertext: $0[0], keyId: $0[1])
            }
        }
    }

    public func replaceCredentials(connectionId: String, with credentials: SealedCredentials) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE calendar_connections SET credentials = ?, key_id = ? WHERE id = ?",
                arguments: [credentials.ciphertext, credentials.keyId, connectionId])
        }
    }

    public func sealedConnectionKeys() async throws -> [(connectionId: String, keyId: Int)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, key_id FROM calendar_connections ORDER BY id").map { ($0[0], $0[1]) }
        }
    }

    public func updateConnection(
        id: String, ownedBy userId: String, isActive: Bool?, checkForConflicts: [String: Bool], now: Date
    ) async throws
        -> CalendarConnection
    {
        try await pool.write { db in
            guard
                var connection = try Self.connections(
                    db, sql: "SELECT * FROM calendar_connections WHERE id = ? AND user_id = ?", arguments: [id, userId]
                ).first
            else { throw StoreError.notFound("calendar connection \(id)") }
            let unknown = checkForConflicts.keys.filter { connection.calendar(id: $0) == nil }.sorted()
            if !unknown.isEmpty {
                throw StoreError.invalid(
                    unknown.map { ValidationIssue(path: "calendars", message: "\"\($0)\" is not a calendar of this connection") })
            }
            for (calendarId, checks) in checkForConflicts where connection.calendar(id: calendarId)?.checkForConflicts != checks {
                try db.execute(
                    sql: "UPDATE connected_calendars SET check_conflicts = ? WHERE connection_id = ? AND external_id = ?",
                    arguments: [checks, id, calendarId])
                if checks {
                    // Newly checked: read it at the next tick (the booking's live check reads it meanwhile).
                    try db.execute(sql: "UPDATE calendar_connections SET next_attempt_at = ? WHERE id = ?", arguments: [now, id])
                } else {
                    // Only checked calendars keep busy rows: slot listings need no join to know.
                    try db.execute(sql: "DELETE FROM external_busy WHERE connection_id = ? AND calendar_id = ?", arguments: [id, calendarId])
                }
            }
            if let isActive {
                // Turned back on: read it again now rather than trusting what was cached before.
                try db.execute(
                    sql: "UPDATE calendar_connections SET is_active = ?, next_attempt_at = CASE WHEN ? THEN ? ELSE next_attempt_at END WHERE id = ?",
                    arguments: [isActive, isActive && !connection.isActive, now, id])
            }
            try db.execute(sql: "UPDATE calendar_connections SET updated_at = ? WHERE id = ?", arguments: [now, id])
            connection = try Self.connections(db, sql: "SELECT * FROM calendar_connections WHERE id = ?", arguments: [id]).first ?? connection
            return connection
        }
    }

    public func deleteConnection(id: String, ownedBy userId: String) async throws {
        try await pool.write { db in
            guard try String.fetchOne(db, sql: "SELECT id FROM calendar_connections WHERE id = ? AND user_id = ?", arguments: [id, userId]) != nil
            else { throw StoreError.notFound("calendar connection \(id)") }
            try db.execute(
                sql: "UPDATE booking_external_writes SET state = 'orphaned', next_attempt_at = NULL WHERE connection_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM calendar_connections WHERE id = ?", arguments: [id])
        }
    }

    public func connectionsDue(at now: Date, limit: Int) async throws -> [CalendarConnection] {
        try await pool.read { db in
            try Self.connections(
                db,
                sql: """
                    SELECT * FROM calendar_connections
                    WHERE is_active AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY next_attempt_at LIMIT ?
                    """,
                arguments: [now, limit])
        }
    }

    public func recordSync(
        connectionId: String, calendars: [ConnectedCalendar]?, busy: [String: [ExternalBusy]], window: DateInterval, now: Date, next: Date
    ) async throws {
        try await pool.write { db in
            guard try String.fetchOne(db, sql: "SELECT id FROM calendar_connections WHERE id = ?", arguments: [connectionId]) != nil
            else { return }  // disconnected while it was being read
            if let calendars { try Self.replaceCalendars(db, connectionId: connectionId, with: calendars) }
            let start = Int64(window.start.timeIntervalSince1970.rounded(.down))
            let end = Int64(window.end.timeIntervalSince1970.rounded(.up))
            for (calendarId, intervals) in busy {
                try db.execute(
                    sql: "DELETE FROM external_busy WHERE connection_id = ? AND calendar_id = ? AND start_epoch < ? AND end_epoch > ?",
                    arguments: [connectionId, calendarId, end, start])
                let insert = try db.cachedStatement(
                    sql: "INSERT INTO external_busy (connection_id, calendar_id, start_epoch, end_epoch, kind) VALUES (?, ?, ?, ?, ?)")
                for interval in intervals {
                    try insert.execute(arguments: [
                        connectionId, calendarId, Int64(interval.start.timeIntervalSince1970.rounded(.down)),
                        Int64(interval.end.timeIntervalSince1970.rounded(.up)), interval.kind.rawValue,
                    ])
                }
                try db.execute(
                    sql: "UPDATE connected_calendars SET last_sync_at = ?, last_error = NULL WHERE connection_id = ? AND external_id = ?",
                    arguments: [now, connectionId, calendarId])
            }
            // Busy time of calendars no longer listed, or no longer read, goes.
            try db.execute(
                sql: """
                    DELETE FROM external_busy WHERE connection_id = ? AND calendar_id NOT IN
                      (SELECT external_id FROM connected_calendars WHERE connection_id = ? AND check_conflicts)
                    """,
                arguments: [connectionId, connectionId])
            try db.execute(
                sql: """
                    UPDATE calendar_connections SET status = 'ok', last_sync_at = ?, last_attempt_at = ?, next_attempt_at = ?,
                      consecutive_failures = 0, last_error_code = NULL, last_error_message = NULL, last_error_at = NULL
                    WHERE id = ?
                    """,
                arguments: [now, now, next, connectionId])
        }
    }

    public func recordFailure(connectionId: String, problem: ConnectionProblem, status: ConnectionStatus, next: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE calendar_connections SET status = ?, last_attempt_at = ?, next_attempt_at = ?,
                      consecutive_failures = consecutive_failures + 1, last_error_code = ?, last_error_message = ?, last_error_at = ?
                    WHERE id = ?
                    """,
                arguments: [status.rawValue, problem.at, next, problem.code, problem.message, problem.at, connectionId])
        }
    }

    public func externalBusy(ownedBy userId: String, window: DateInterval) async throws -> [ExternalBusy] {
        try await pool.read { db in try Self.externalBusy(db, userId: userId, window: window) }
    }

    // MARK: - Writes to external calendars

    public func externalWrites(bookingIds: [String]) async throws -> [String: ExternalWrite] {
        guard !bookingIds.isEmpty else { return [:] }
        return try await pool.read { db in
            let marks = Array(repeating: "?", count: bookingIds.count).joined(separator: ", ")
            let writes = try Row.fetchAll(
                db, sql: "SELECT * FROM booking_external_writes WHERE booking_id IN (\(marks))", arguments: StatementArguments(bookingIds)
            ).compactMap(Self.externalWrite)
            return Dictionary(writes.map { ($0.bookingId, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func externalWritesDue(at now: Date, limit: Int) async throws -> [ExternalWrite] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM booking_external_writes
                    WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY next_attempt_at LIMIT ?
                    """,
                arguments: [now, limit]
            ).compactMap(Self.externalWrite)
        }
    }

    public func recordExternalWrite(_ write: ExternalWrite) async throws {
        try await pool.write { db in
            // A change made while the worker was writing set the row back to pending with a
            // newer time; the worker's older result must not hide it.
            try db.execute(
                sql: """
                    UPDATE booking_external_writes SET href = ?, etag = ?, state = CASE WHEN updated_at > ? THEN 'pending' ELSE ? END,
                      attempts = ?, last_error = ?, next_attempt_at = CASE WHEN updated_at > ? THEN next_attempt_at ELSE ? END,
                      conference_url = ?
                    WHERE booking_id = ? AND state != 'orphaned'
                    """,
                arguments: [
                    write.href, write.etag, write.updatedAt, write.state.rawValue, write.attempts, write.lastError, write.updatedAt,
                    write.nextAttemptAt, write.conferenceURL, write.bookingId,
                ])
            // The video link the provider made is where the booking happens: its location, so
            // the pages, the API and its CalDAV object (LOCATION) all carry it.
            if let link = write.conferenceURL {
                try db.execute(sql: "UPDATE bookings SET location = ? WHERE id = ? AND location != ?", arguments: [link, write.bookingId, link])
                if db.changesCount > 0 { try Self.refreshBookingObject(db, bookingId: write.bookingId, now: Date(), readBack: false) }
            }
        }
    }

    // MARK: - OAuth requests in flight

    public func saveOAuthState(
        stateHash: String, userId: String, provider: CalendarProviderKind, sealedVerifier: String, now: Date, ttl: TimeInterval
    ) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM oauth_states WHERE created_at < ?", arguments: [now.addingTimeInterval(-ttl)])
            try db.execute(
                sql: "INSERT INTO oauth_states (state_hash, user_id, provider, verifier, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [stateHash, userId, provider.rawValue, sealedVerifier, now])
        }
    }

    public func takeOAuthState(
        stateHash: String, now: Date, ttl: TimeInterval
    ) async throws
        -> (userId: String, provider: CalendarProviderKind, sealedVerifier: String)?
    {
        try await pool.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT user_id, provider, verifier, created_at FROM oauth_states WHERE state_hash = ?", arguments: [stateHash])
            else { return nil }
            // Single use: gone before anything is done with it.
            try db.execute(sql: "DELETE FROM oauth_states WHERE state_hash = ?", arguments: [stateHash])
            let created: Date = row[3]
            guard now.timeIntervalSince(created) <= ttl, let provider = CalendarProviderKind(rawValue: row[1]) else { return nil }
            return (row[0], provider, row[2])
        }
    }

    // MARK: - Helpers

    /// Queues the booking's write to its event type's external calendar, in the transaction of
    /// the change: a booking with a write record gets it pending again (moved, cancelled); a
    /// new booking of an event type with an external destination gets one.
    static func queueExternalWrite(_ db: Database, bookingId: String, now: Date) throws {
        try db.execute(
            sql: """
                UPDATE booking_external_writes SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
                WHERE booking_id = ? AND state != 'orphaned'
                """,
            arguments: [now, now, bookingId])
        guard db.changesCount == 0,
            try Int.fetchOne(db, sql: "SELECT 1 FROM booking_external_writes WHERE booking_id = ?", arguments: [bookingId]) == nil,
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT event_types.calendar_destination, event_types.user_id FROM bookings
                    JOIN event_types ON event_types.id = bookings.event_type_id WHERE bookings.id = ?
                    """,
                arguments: [bookingId]),
            let destination = try? JSONColumn.decode(CalendarDestination.self, row[0] as String), destination.type == .external,
            let connectionId = destination.connectionId, let calendarId = destination.calendarId,
            let provider = try String.fetchOne(
                db, sql: "SELECT provider FROM calendar_connections WHERE id = ? AND user_id = ? AND is_active",
                arguments: [connectionId, row[1] as String])
        else { return }
        try db.execute(
            sql: """
                INSERT INTO booking_external_writes (booking_id, connection_id, calendar_id, provider, state, next_attempt_at, updated_at)
                VALUES (?, ?, ?, ?, 'pending', ?, ?)
                """,
            arguments: [bookingId, connectionId, calendarId, provider, now, now])
    }

    static func externalWrite(_ row: Row) -> ExternalWrite? {
        guard let provider = CalendarProviderKind(rawValue: row["provider"]), let state = ExternalWrite.State(rawValue: row["state"]) else {
            return nil
        }
        return ExternalWrite(
            bookingId: row["booking_id"], connectionId: row["connection_id"], calendarId: row["calendar_id"], provider: provider,
            href: row["href"], etag: row["etag"], state: state, attempts: row["attempts"], lastError: row["last_error"],
            nextAttemptAt: row["next_attempt_at"], updatedAt: row["updated_at"], conferenceURL: row["conference_url"])
    }

    static func externalBusy(_ db: Database, userId: String, window: DateInterval) throws -> [ExternalBusy] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT external_busy.connection_id, external_busy.calendar_id, start_epoch, end_epoch, kind
                    FROM calendar_connections
                    JOIN external_busy ON external_busy.connection_id = calendar_connections.id
                    JOIN connected_calendars ON connected_calendars.connection_id = external_busy.connection_id
                      AND connected_calendars.external_id = external_busy.calendar_id
                    WHERE calendar_connections.user_id = ? AND calendar_connections.is_active AND connected_calendars.check_conflicts
                      AND external_busy.start_epoch < ? AND external_busy.end_epoch > ?
                    ORDER BY start_epoch
                    """),
            arguments: [userId, Int64(window.end.timeIntervalSince1970.rounded(.up)), Int64(window.start.timeIntervalSince1970.rounded(.down))]
        ).map { row in
            ExternalBusy(
                connectionId: row[0], calendarId: row[1], start: Date(timeIntervalSince1970: TimeInterval(row[2] as Int64)),
                end: Date(timeIntervalSince1970: TimeInterval(row[3] as Int64)), kind: ExternalBusy.Kind(rawValue: row[4]) ?? .busy)
        }
    }

    /// Busy time for a slot listing: per connection, from the covering index alone (only checked
    /// calendars keep rows), sorted and merged, with no per-row calendar id. The calendar view
    /// wants the calendar of each interval and reads ``externalBusy(_:userId:window:)`` instead.
    static func listingBusy(_ db: Database, connections: [ConnectionFreshness], window: DateInterval) throws -> [ExternalBusy] {
        var result: [ExternalBusy] = []
        let statement = try db.cachedStatement(
            sql: """
                SELECT start_epoch, end_epoch FROM external_busy INDEXED BY external_busy_time
                WHERE connection_id = ? AND start_epoch < ? AND end_epoch > ? ORDER BY start_epoch
                """)
        let end = Int64(window.end.timeIntervalSince1970.rounded(.up))
        let start = Int64(window.start.timeIntervalSince1970.rounded(.down))
        for connection in connections where connection.checksConflicts {
            var merged: (Int64, Int64)?
            let rows = try Row.fetchCursor(statement, arguments: [connection.connectionId, end, start])
            while let row = try rows.next() {
                let from: Int64 = row[0]
                let to: Int64 = row[1]
                if let current = merged, from <= current.1 {
                    merged = (current.0, max(current.1, to))
                    continue
                }
                if let current = merged { result.append(Self.busy(connection.connectionId, current)) }
                merged = (from, to)
            }
            if let current = merged { result.append(Self.busy(connection.connectionId, current)) }
        }
        return result
    }

    static func busy(_ connectionId: String, _ span: (Int64, Int64)) -> ExternalBusy {
        ExternalBusy(
            connectionId: connectionId, calendarId: "", start: Date(timeIntervalSince1970: TimeInterval(span.0)),
            end: Date(timeIntervalSince1970: TimeInterval(span.1)))
    }

    /// The owner's active connections that check at least one calendar, for judging their caches.
    static func connectionFreshness(_ db: Database, userId: String) throws -> [ConnectionFreshness] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, provider, email, status, last_sync_at,
                      EXISTS (SELECT 1 FROM connected_calendars WHERE connection_id = calendar_connections.id AND check_conflicts)
                    FROM calendar_connections WHERE user_id = ? AND is_active
                    """),
            arguments: [userId]
        ).compactMap { row in
            guard let provider = CalendarProviderKind(rawValue: row[1]), let status = ConnectionStatus(rawValue: row[3]) else { return nil }
            return ConnectionFreshness(
                connectionId: row[0], provider: provider, email: row[2], status: status, lastSyncAt: row[4], checksConflicts: row[5])
        }
    }

    static func connections(_ db: Database, sql: String, arguments: StatementArguments) throws -> [CalendarConnection] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        return try rows.compactMap { row in
            guard let provider = CalendarProviderKind(rawValue: row["provider"]), let status = ConnectionStatus(rawValue: row["status"]) else {
                return nil
            }
            let id: String = row["id"]
            var problem: ConnectionProblem?
            if let code: String = row["last_error_code"] {
                problem = ConnectionProblem(code: code, message: row["last_error_message"] ?? "", at: row["last_error_at"] ?? Date())
            }
            return CalendarConnection(
                id: id, userId: row["user_id"], provider: provider, email: row["email"], serverURL: row["server_url"],
                calendars: try calendars(db, connectionId: id), isActive: row["is_active"], status: status, lastSyncAt: row["last_sync_at"],
                lastAttemptAt: row["last_attempt_at"], nextAttemptAt: row["next_attempt_at"], consecutiveFailures: row["consecutive_failures"],
                lastError: problem, createdAt: row["created_at"], updatedAt: row["updated_at"])
        }
    }

    static func calendars(_ db: Database, connectionId: String) throws -> [ConnectedCalendar] {
        try Row.fetchAll(db, sql: "SELECT * FROM connected_calendars WHERE connection_id = ? ORDER BY position", arguments: [connectionId]).map {
            ConnectedCalendar(
                id: $0["external_id"], name: $0["name"], isPrimary: $0["is_primary"], color: $0["color"], canWrite: $0["can_write"],
                checkForConflicts: $0["check_conflicts"], timeZone: $0["time_zone"], lastSyncAt: $0["last_sync_at"], error: $0["last_error"],
                conference: $0["conference"])
        }
    }

    /// The calendars as listed now; a calendar seen before keeps the owner's choice of conflicts.
    static func replaceCalendars(_ db: Database, connectionId: String, with calendars: [ConnectedCalendar]) throws {
        let choices = Dictionary(
            try Row.fetchAll(
                db, sql: "SELECT external_id, check_conflicts FROM connected_calendars WHERE connection_id = ?", arguments: [connectionId]
            )
            .map { ($0[0] as String, $0[1] as Bool) }, uniquingKeysWith: { first, _ in first })
        try db.execute(
            sql: "DELETE FROM connected_calendars WHERE connection_id = ? AND external_id NOT IN (SELECT value FROM json_each(?))",
            arguments: [connectionId, String(decoding: try JSONEncoder().encode(calendars.map(\.id)), as: UTF8.self)])
        for (position, calendar) in calendars.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO connected_calendars (connection_id, external_id, position, name, is_primary, color, can_write, check_conflicts,
                      time_zone, last_sync_at, last_error, conference)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (connection_id, external_id) DO UPDATE SET position = excluded.position, name = excluded.name,
                      is_primary = excluded.is_primary, color = excluded.color, can_write = excluded.can_write, time_zone = excluded.time_zone,
                      conference = excluded.conference
                    """,
                arguments: [
                    connectionId, calendar.id, position, calendar.name, calendar.isPrimary, calendar.color, calendar.canWrite,
                    choices[calendar.id] ?? calendar.checkForConflicts, calendar.timeZone, calendar.lastSyncAt, calendar.error, calendar.conference,
                ])
        }
    }
}
