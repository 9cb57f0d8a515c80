import Foundation
import PostgresNIO
import Store

/// Connection queries that run inside other transactions: the booking flow's busy snapshot and
/// its queueing of external writes, and the connection methods themselves.
extension PostgresDatabase {
    /// Queues the booking's write to its event type's external calendar, in the transaction of
    /// the change: a booking with a write record gets it pending again (moved, cancelled); a
    /// new booking of an event type with an external destination gets one. A lease a worker
    /// holds stays: its result sees the newer `updated_at` and leaves the write pending.
    static func queueExternalWrite(_ tx: PostgresTransaction, bookingId: String, now: Date) async throws {
        // One round trip answers the common case (a new booking of an app-only event type).
        guard
            let row = try await tx.row(
                """
                SELECT event_types.calendar_destination::text, event_types.user_id,
                  EXISTS (SELECT 1 FROM booking_external_writes WHERE booking_id = bookings.id)
                FROM bookings JOIN event_types ON event_types.id = bookings.event_type_id WHERE bookings.id = \(bookingId)
                """)
        else { return }
        let (destinationText, userId, written) = try row.decode((String?, String, Bool).self)
        if written {
            // Written (or waiting) already: the change is written again, unless its connection is gone.
            try await tx.execute(
                """
                UPDATE booking_external_writes SET state = 'pending', attempts = 0, next_attempt_at = \(now), updated_at = \(now)
                WHERE booking_id = \(bookingId) AND state <> 'orphaned'
                """)
            return
        }
        guard let destinationText, let destination = try? JSONColumn.decode(CalendarDestination.self, destinationText),
            destination.type == .external, let connectionId = destination.connectionId, let calendarId = destination.calendarId,
            let provider = try await tx.row(
                "SELECT provider FROM calendar_connections WHERE id = \(connectionId) AND user_id = \(userId) AND is_active"
            )?.decode(String.self)
        else { return }
        try await tx.execute(
            """
            INSERT INTO booking_external_writes (booking_id, connection_id, calendar_id, provider, state, next_attempt_at, updated_at)
            VALUES (\(bookingId), \(connectionId), \(calendarId), \(provider), 'pending', \(now), \(now))
            ON CONFLICT (booking_id) DO NOTHING
            """)
    }

    static func externalBusy(_ tx: PostgresTransaction, userId: String, window: DateInterval) async throws -> [ExternalBusy] {
        let end = Int64(window.end.timeIntervalSince1970.rounded(.up))
        let start = Int64(window.start.timeIntervalSince1970.rounded(.down))
        return try await tx.rows(
            """
            SELECT external_busy.connection_id, external_busy.calendar_id, start_epoch, end_epoch, kind
            FROM calendar_connections
            JOIN external_busy ON external_busy.connection_id = calendar_connections.id
            JOIN connected_calendars ON connected_calendars.connection_id = external_busy.connection_id
              AND connected_calendars.external_id = external_busy.calendar_id
            WHERE calendar_connections.user_id = \(userId) AND calendar_connections.is_active AND connected_calendars.check_conflicts
              AND external_busy.start_epoch < \(end) AND external_busy.end_epoch > \(start)
            ORDER BY start_epoch
            """
        ).map { row in
            let (connectionId, calendarId, from, to, kind) = try row.decode((String, String, Int64, Int64, String).self)
            return ExternalBusy(
                connectionId: connectionId, calendarId: calendarId, start: Date(timeIntervalSince1970: TimeInterval(from)),
                end: Date(timeIntervalSince1970: TimeInterval(to)), kind: ExternalBusy.Kind(rawValue: kind) ?? .busy)
        }
    }

    /// Busy time for a slot listing: per connection, from the time index alone (only checked
    /// calendars keep rows), sorted and merged, with no per-row calendar id. The calendar view
    /// wants the calendar of each interval and reads ``externalBusy(_:userId:window:)`` instead.
    static func listingBusy(_ tx: PostgresTransaction, connections: [ConnectionFreshness], window: DateInterval) async throws -> [ExternalBusy] {
        let ids = connections.filter(\.checksConflicts).map(\.connectionId)
        guard !ids.isEmpty else { return [] }
        let end = Int64(window.end.timeIntervalSince1970.rounded(.up))
        let start = Int64(window.start.timeIntervalSince1970.rounded(.down))
        let rows = try await tx.rows(
            """
            SELECT connection_id, start_epoch, end_epoch FROM external_busy
            WHERE connection_id = ANY(\(ids)) AND start_epoch < \(end) AND end_epoch > \(start)
            ORDER BY connection_id, start_epoch
            """)
        var spans: [String: [(Int64, Int64)]] = [:]
        for row in rows {
            let (connectionId, from, to) = try row.decode((String, Int64, Int64).self)
            spans[connectionId, default: []].append((from, to))
        }
        var result: [ExternalBusy] = []
        for connectionId in ids {
            var merged: (Int64, Int64)?
            for (from, to) in spans[connectionId] ?? [] {
                if let current = merged, from <= current.1 {
                    merged = (current.0, max(current.1, to))
                    continue
                }
                if let current = merged { result.append(Self.busy(connectionId, current)) }
                merged = (from, to)
            }
            if let current = merged { result.append(Self.busy(connectionId, current)) }
        }
        return result
    }

    static func busy(_ connectionId: String, _ span: (Int64, Int64)) -> ExternalBusy {
        ExternalBusy(
            connectionId: connectionId, calendarId: "", start: Date(timeIntervalSince1970: TimeInterval(span.0)),
            end: Date(timeIntervalSince1970: TimeInterval(span.1)))
    }

    /// The owner's active connections that check at least one calendar, for judging their caches.
    static func connectionFreshness(_ tx: PostgresTransaction, userId: String) async throws -> [ConnectionFreshness] {
        try await tx.rows(
            """
            SELECT id, provider, email, status, last_sync_at,
              EXISTS (SELECT 1 FROM connected_calendars WHERE connection_id = calendar_connections.id AND check_conflicts)
            FROM calendar_connections WHERE user_id = \(userId) AND is_active
            """
        ).compactMap { row in
            let (id, providerText, email, statusText, lastSyncAt, checks) = try row.decode((String, String, String, String, Date?, Bool).self)
            guard let provider = CalendarProviderKind(rawValue: providerText), let status = ConnectionStatus(rawValue: statusText) else {
                return nil
            }
            return ConnectionFreshness(
                connectionId: id, provider: provider, email: email, status: status, lastSyncAt: lastSyncAt, checksConflicts: checks)
        }
    }

    /// The connections a query selecting ``CalendarConnectionRow/columns`` returns, in its
    /// order, each with its calendars (read in one more statement).
    static func connections(_ tx: PostgresTransaction, _ query: PostgresQuery) async throws -> [CalendarConnection] {
        let rows = try await tx.rows(query)
        guard !rows.isEmpty else { return [] }
        let calendars = try await Self.calendars(tx, connectionIds: try rows.map(CalendarConnectionRow.id))
        return try rows.compactMap { row in
            try CalendarConnectionRow.decode(row, calendars: calendars[try CalendarConnectionRow.id(row)] ?? [])
        }
    }

    static func connection(_ tx: PostgresTransaction, id: String) async throws -> CalendarConnection? {
        try await connections(tx, "SELECT \(unescaped: CalendarConnectionRow.columns) FROM calendar_connections WHERE id = \(id)").first
    }

    /// The id of the owner's connection to that account, its row locked for this transaction.
    static func lockConnection(
        _ tx: PostgresTransaction, userId: String, provider: CalendarProviderKind, email: String
    ) async throws -> String? {
        try await tx.row(
            """
            SELECT id FROM calendar_connections WHERE user_id = \(userId) AND provider = \(provider.rawValue) AND email = \(email)
            FOR UPDATE
            """
        )?.decode(String.self)
    }

    /// Each connection's calendars, in their listed order.
    static func calendars(_ tx: PostgresTransaction, connectionIds: [String]) async throws -> [String: [ConnectedCalendar]] {
        var calendars: [String: [ConnectedCalendar]] = [:]
        let rows = try await tx.rows(
            """
            SELECT \(unescaped: ConnectedCalendarRow.columns) FROM connected_calendars
            WHERE connection_id = ANY(\(connectionIds)) ORDER BY connection_id, position
            """)
        for row in rows {
            let (connectionId, calendar) = try ConnectedCalendarRow.decode(row)
            calendars[connectionId, default: []].append(calendar)
        }
        return calendars
    }

    /// The calendars as listed now; a calendar seen before keeps the owner's choice of conflicts.
    /// The caller holds the connection's row lock.
    static func replaceCalendars(_ tx: PostgresTransaction, connectionId: String, with calendars: [ConnectedCalendar]) async throws {
        let choices = Dictionary(
            try await tx.rows("SELECT external_id, check_conflicts FROM connected_calendars WHERE connection_id = \(connectionId)")
                .map { try $0.decode((String, Bool).self) },
            uniquingKeysWith: { first, _ in first })
        try await tx.execute(
            "DELETE FROM connected_calendars WHERE connection_id = \(connectionId) AND NOT (external_id = ANY(\(calendars.map(\.id))))")
        for (position, calendar) in calendars.enumerated() {
            try await tx.execute(
                """
                INSERT INTO connected_calendars (connection_id, external_id, position, name, is_primary, color, can_write, check_conflicts,
                  time_zone, last_sync_at, last_error, conference)
                VALUES (\(connectionId), \(calendar.id), \(position), \(calendar.name), \(calendar.isPrimary), \(calendar.color),
                  \(calendar.canWrite), \(choices[calendar.id] ?? calendar.checkForConflicts), \(calendar.timeZone), \(calendar.lastSyncAt),
                  \(calendar.error), \(calendar.conference))
                ON CONFLICT (connection_id, external_id) DO UPDATE SET position = excluded.position, name = excluded.name,
                  is_primary = excluded.is_primary, color = excluded.color, can_write = excluded.can_write, time_zone = excluded.time_zone,
                  conference = excluded.conference
                """)
        }
    }
}
