import Availability
public import Foundation
import PostgresNIO
public import Store

/// External calendar connections. Secrets arrive sealed and leave sealed; the cached busy time
/// of a calendar is replaced in one transaction, so a slot listing never sees half a refresh.
///
/// Writers of one connection's rows lock its `calendar_connections` row first; the refresher
/// and the external-write worker claim their rows with a lease, so each job runs on one
/// instance and is taken over when that instance stops renewing it.
extension PostgresDatabase: ConnectionStore {
    public func connections(ownedBy userId: String) async throws -> [CalendarConnection] {
        try await read { tx in
            try await Self.connections(
                tx, "SELECT \(unescaped: CalendarConnectionRow.columns) FROM calendar_connections WHERE user_id = \(userId) ORDER BY created_at, id")
        }
    }

    public func connection(id: String, ownedBy userId: String) async throws -> CalendarConnection? {
        try await read { tx in
            try await Self.connections(
                tx, "SELECT \(unescaped: CalendarConnectionRow.columns) FROM calendar_connections WHERE id = \(id) AND user_id = \(userId)"
            ).first
        }
    }

    public func connection(ownedBy userId: String, provider: CalendarProviderKind, email: String) async throws -> CalendarConnection? {
        try await read { tx in
            try await Self.connections(
                tx,
                """
                SELECT \(unescaped: CalendarConnectionRow.columns) FROM calendar_connections
                WHERE user_id = \(userId) AND provider = \(provider.rawValue) AND email = \(email)
                """
            ).first
        }
    }

    public func connection(id: String) async throws -> CalendarConnection? {
        try await read { tx in try await Self.connection(tx, id: id) }
    }

    public func saveConnection(_ connection: CalendarConnection, credentials: SealedCredentials) async throws -> CalendarConnection {
        try await write { tx in
            var existing = try await Self.lockConnection(tx, userId: connection.userId, provider: connection.provider, email: connection.email)
            if existing == nil {
                // Two instances saving the same account at once: one inserts, the other finds it.
                let inserted = try await tx.execute(
                    """
                    INSERT INTO calendar_connections (id, user_id, provider, email, server_url, credentials, key_id, is_active, status,
                      next_attempt_at, created_at, updated_at)
                    VALUES (\(connection.id), \(connection.userId), \(connection.provider.rawValue), \(connection.email), \(connection.serverURL),
                      \(credentials.ciphertext), \(credentials.keyId), \(connection.isActive), \(connection.status.rawValue),
                      \(connection.nextAttemptAt), \(connection.createdAt), \(connection.updatedAt))
                    ON CONFLICT DO NOTHING
                    """)
                if inserted == 0 {
                    existing = try await Self.lockConnection(tx, userId: connection.userId, provider: connection.provider, email: connection.email)
                    if existing == nil { throw StoreError.conflict("calendar connection \(connection.id) already exists") }
                }
            }
            if let existing, existing != connection.id {
                throw StoreError.conflict("the account \(connection.email) is already connected as \(existing)")
            }
            if existing != nil {
                // A reconnect: new secrets, and a fresh start for the refresher.
                try await tx.execute(
                    """
                    UPDATE calendar_connections SET server_url = \(connection.serverURL), credentials = \(credentials.ciphertext),
                      key_id = \(credentials.keyId), status = \(connection.status.rawValue), next_attempt_at = \(connection.nextAttemptAt),
                      consecutive_failures = 0, last_error_code = NULL, last_error_message = NULL, last_error_at = NULL,
                      updated_at = \(connection.updatedAt)
                    WHERE id = \(connection.id)
                    """)
            }
            try await Self.replaceCalendars(tx, connectionId: connection.id, with: connection.calendars)
            guard let stored = try await Self.connection(tx, id: connection.id) else {
                throw StoreError.notFound("calendar connection \(connection.id)")
            }
            return stored
        }
    }

    public func credentials(connectionId: String) async throws -> SealedCredentials? {
        try await read { tx in
            try await tx.row("SELECT credentials, key_id FROM calendar_connections WHERE id = \(connectionId)").map {
                let (ciphertext, keyId) = try $0.decode((String, Int).self)
                return SealedCredentials(ciphertext: ciphertext, keyId: keyId)
            }
        }
    }

    public func replaceCredentials(connectionId: String, with credentials: SealedCredentials) async throws {
        try await write { tx in
            _ = try await tx.execute(
                "UPDATE calendar_connections SET credentials = \(credentials.ciphertext), key_id = \(credentials.keyId) WHERE id = \(connectionId)")
        }
    }

    public func sealedConnectionKeys() async throws -> [(connectionId: String, keyId: Int)] {
        try await read { tx in
            try await tx.rows("SELECT id, key_id FROM calendar_connections ORDER BY id").map { row in
                let (id, keyId) = try row.decode((String, Int).self)
                return (connectionId: id, keyId: keyId)
            }
        }
    }

    public func updateConnection(
        id: String, ownedBy userId: String, isActive: Bool?, checkForConflicts: [String: Bool], now: Date
    ) async throws
        -> CalendarConnection
    {
        try await write { tx in
            guard
                try await tx.row("SELECT id FROM calendar_connections WHERE id = \(id) AND user_id = \(userId) FOR UPDATE") != nil,
                var connection = try await Self.connection(tx, id: id)
            else { throw StoreError.notFound("calendar connection \(id)") }
            let unknown = checkForConflicts.keys.filter { connection.calendar(id: $0) == nil }.sorted()
            if !unknown.isEmpty {
                throw StoreError.invalid(
                    unknown.map { ValidationIssue(path: "calendars", message: "\"\($0)\" is not a calendar of this connection") })
            }
            for (calendarId, checks) in checkForConflicts.sorted(by: { $0.key < $1.key })
            where connection.calendar(id: calendarId)?.checkForConflicts != checks {
                try await tx.execute(
                    "UPDATE connected_calendars SET check_conflicts = \(checks) WHERE connection_id = \(id) AND external_id = \(calendarId)")
                if checks {
                    // Newly checked: read it at the next tick (the booking's live check reads it meanwhile).
                    try await tx.execute("UPDATE calendar_connections SET next_attempt_at = \(now) WHERE id = \(id)")
                } else {
                    // Only checked calendars keep busy rows: slot listings need no join to know.
                    try await tx.execute("DELETE FROM external_busy WHERE connection_id = \(id) AND calendar_id = \(calendarId)")
                }
            }
            if let isActive {
                // Turned back on: read it again now rather than trusting what was cached before.
                let reread = isActive && !connection.isActive
                try await tx.execute(
                    """
                    UPDATE calendar_connections SET is_active = \(isActive),
                      next_attempt_at = CASE WHEN \(reread) THEN \(now) ELSE next_attempt_at END
                    WHERE id = \(id)
                    """)
            }
            try await tx.execute("UPDATE calendar_connections SET updated_at = \(now) WHERE id = \(id)")
            connection = try await Self.connection(tx, id: id) ?? connection
            return connection
        }
    }

    public func deleteConnection(id: String, ownedBy userId: String) async throws {
        try await write { tx in
            guard try await tx.row("SELECT id FROM calendar_connections WHERE id = \(id) AND user_id = \(userId) FOR UPDATE") != nil
            else { throw StoreError.notFound("calendar connection \(id)") }
            try await tx.execute(
                "UPDATE booking_external_writes SET state = 'orphaned', next_attempt_at = NULL, lease_until = NULL WHERE connection_id = \(id)")
            try await tx.execute("DELETE FROM calendar_connections WHERE id = \(id)")
        }
    }

    /// Claims the due connections for this instance: another instance skips them until the
    /// lease runs out, so a crashed refresher's connections are taken over, and none is read by two at once.
    public func connectionsDue(at now: Date, limit: Int) async throws -> [CalendarConnection] {
        try await write { tx in
            try await Self.connections(
                tx,
                """
                WITH claimed AS (
                  UPDATE calendar_connections SET lease_until = now() + \(unescaped: lease)
                  WHERE id IN (
                    SELECT id FROM calendar_connections
                    WHERE is_active AND (next_attempt_at IS NULL OR next_attempt_at <= \(now))
                      AND (lease_until IS NULL OR lease_until < now())
                    ORDER BY next_attempt_at NULLS FIRST, id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED)
                  RETURNING \(unescaped: CalendarConnectionRow.columns))
                SELECT * FROM claimed ORDER BY next_attempt_at NULLS FIRST, id
                """)
        }
    }

    public func recordSync(
        connectionId: String, calendars: [ConnectedCalendar]?, busy: [String: [ExternalBusy]], window: DateInterval, now: Date, next: Date
    ) async throws {
        try await write { tx in
            guard try await tx.row("SELECT id FROM calendar_connections WHERE id = \(connectionId) FOR UPDATE") != nil
            else { return }  // disconnected while it was being read
            if let calendars { try await Self.replaceCalendars(tx, connectionId: connectionId, with: calendars) }
            let start = Int64(window.start.timeIntervalSince1970.rounded(.down))
            let end = Int64(window.end.timeIntervalSince1970.rounded(.up))
            for (calendarId, intervals) in busy.sorted(by: { $0.key < $1.key }) {
                try await tx.execute(
                    """
                    DELETE FROM external_busy
                    WHERE connection_id = \(connectionId) AND calendar_id = \(calendarId) AND start_epoch < \(end) AND end_epoch > \(start)
                    """)
                if !intervals.isEmpty {
                    // One statement for the calendar's whole window, however many intervals.
                    let starts = intervals.map { Int64($0.start.timeIntervalSince1970.rounded(.down)) }
                    let ends = intervals.map { Int64($0.end.timeIntervalSince1970.rounded(.up)) }
                    let kinds = intervals.map(\.kind.rawValue)
                    try await tx.execute(
                        """
                        INSERT INTO external_busy (connection_id, calendar_id, start_epoch, end_epoch, kind)
                        SELECT \(connectionId), \(calendarId), s, e, k
                        FROM unnest(\(starts)::bigint[], \(ends)::bigint[], \(kinds)::text[]) AS u(s, e, k)
                        """)
                }
                try await tx.execute(
                    """
                    UPDATE connected_calendars SET last_sync_at = \(now), last_error = NULL
                    WHERE connection_id = \(connectionId) AND external_id = \(calendarId)
                    """)
            }
            // Busy time of calendars no longer listed, or no longer read, goes.
            try await tx.execute(
                """
                DELETE FROM external_busy WHERE connection_id = \(connectionId) AND calendar_id NOT IN
                  (SELECT external_id FROM connected_calendars WHERE connection_id = \(connectionId) AND check_conflicts)
                """)
            try await tx.execute(
                """
                UPDATE calendar_connections SET status = 'ok', last_sync_at = \(now), last_attempt_at = \(now), next_attempt_at = \(next),
                  lease_until = NULL, consecutive_failures = 0, last_error_code = NULL, last_error_message = NULL, last_error_at = NULL
                WHERE id = \(connectionId)
                """)
        }
    }

    public func recordFailure(connectionId: String, problem: ConnectionProblem, status: ConnectionStatus, next: Date) async throws {
        try await write { tx in
            _ = try await tx.execute(
                """
                UPDATE calendar_connections SET status = \(status.rawValue), last_attempt_at = \(problem.at), next_attempt_at = \(next),
                  lease_until = NULL, consecutive_failures = consecutive_failures + 1, last_error_code = \(problem.code),
                  last_error_message = \(problem.message), last_error_at = \(problem.at)
                WHERE id = \(connectionId)
                """)
        }
    }

    public func externalBusy(ownedBy userId: String, window: DateInterval) async throws -> [ExternalBusy] {
        try await read { tx in try await Self.externalBusy(tx, userId: userId, window: window) }
    }

    // MARK: - Writes to external calendars

    public func externalWrites(bookingIds: [String]) async throws -> [String: ExternalWrite] {
        guard !bookingIds.isEmpty else { return [:] }
        return try await read { tx in
            let writes = try await tx.rows(
                "SELECT \(unescaped: ExternalWriteRow.columns) FROM booking_external_writes WHERE booking_id = ANY(\(bookingIds))"
            ).compactMap(ExternalWriteRow.decode)
            return Dictionary(writes.map { ($0.bookingId, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Claims the due writes for this instance, as ``connectionsDue(at:limit:)`` does: a
    /// booking's event is written by one worker at a time.
    public func externalWritesDue(at now: Date, limit: Int) async throws -> [ExternalWrite] {
        try await write { tx in
            try await tx.rows(
                """
                WITH claimed AS (
                  UPDATE booking_external_writes SET lease_until = now() + \(unescaped: lease)
                  WHERE booking_id IN (
                    SELECT booking_id FROM booking_external_writes
                    WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= \(now))
                      AND (lease_until IS NULL OR lease_until < now())
                    ORDER BY next_attempt_at NULLS FIRST, booking_id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED)
                  RETURNING \(unescaped: ExternalWriteRow.columns))
                SELECT * FROM claimed ORDER BY next_attempt_at NULLS FIRST, booking_id
                """
            ).compactMap(ExternalWriteRow.decode)
        }
    }

    public func recordExternalWrite(_ write: ExternalWrite) async throws {
        try await self.write { tx in
            // The booking's object changes with its location below: the expert's lock comes
            // before any row of the booking is touched (lock order: expert, then calendar).
            if write.conferenceURL != nil,
                let expert = try await tx.row("SELECT user_id FROM bookings WHERE id = \(write.bookingId)")?.decode(String.self)
            {
                try await tx.lockExpert(expert)
            }
            // A change made while the worker was writing set the row back to pending with a
            // newer time; the worker's older result must not hide it. The worker's copy of
            // `updated_at` went through a Double, so "newer" allows a millisecond of rounding.
            let seen = write.updatedAt.addingTimeInterval(0.001)
            try await tx.execute(
                """
                UPDATE booking_external_writes SET href = \(write.href), etag = \(write.etag),
                  state = CASE WHEN updated_at > \(seen) THEN 'pending' ELSE \(write.state.rawValue) END,
                  attempts = \(write.attempts), last_error = \(write.lastError),
                  next_attempt_at = CASE WHEN updated_at > \(seen) THEN next_attempt_at ELSE \(write.nextAttemptAt)::timestamptz END,
                  conference_url = \(write.conferenceURL), lease_until = NULL
                WHERE booking_id = \(write.bookingId) AND state <> 'orphaned'
                """)
            // The video link the provider made is where the booking happens: its location, so
            // the pages, the API and its CalDAV object (LOCATION) all carry it.
            if let link = write.conferenceURL {
                let changed = try await tx.execute(
                    "UPDATE bookings SET location = \(link) WHERE id = \(write.bookingId) AND location <> \(link)")
                if changed > 0 { _ = try await Self.refreshBookingObject(tx, bookingId: write.bookingId, now: Date(), readBack: false) }
            }
        }
    }

    // MARK: - OAuth requests in flight

    public func saveOAuthState(
        stateHash: String, userId: String, provider: CalendarProviderKind, sealedVerifier: String, now: Date, ttl: TimeInterval
    ) async throws {
        try await write { tx in
            try await tx.execute("DELETE FROM oauth_states WHERE created_at < \(now.addingTimeInterval(-ttl))")
            try await tx.execute(
                """
                INSERT INTO oauth_states (state_hash, user_id, provider, verifier, created_at)
                VALUES (\(stateHash), \(userId), \(provider.rawValue), \(sealedVerifier), \(now))
                """)
        }
    }

    /// Single use across instances: the DELETE that reads it is the only one that gets it.
    public func takeOAuthState(
        stateHash: String, now: Date, ttl: TimeInterval
    ) async throws
        -> (userId: String, provider: CalendarProviderKind, sealedVerifier: String)?
    {
        try await write { tx in
            guard
                let row = try await tx.row(
                    "DELETE FROM oauth_states WHERE state_hash = \(stateHash) RETURNING user_id, provider, verifier, created_at")
            else { return nil }
            let (userId, provider, verifier, created) = try row.decode((String, String, String, Date).self)
            guard now.timeIntervalSince(created) <= ttl, let provider = CalendarProviderKind(rawValue: provider) else { return nil }
            return (userId, provider, verifier)
        }
    }
}

/// How long a claimed job stays with the instance that claimed it before another may take it over.
private let lease = "interval '5 minutes'"
