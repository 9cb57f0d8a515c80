public import Foundation
import GRDB
public import Store

/// The booking messages' outbox. Rows are inserted by ``queueMessages(_:bookingId:kind:)`` in
/// the transaction of the change; UNIQUE (booking, kind, recipient, SEQUENCE) makes a repeated
/// queueing (a reminder tick after a restart) a no-op.
extension SQLiteDatabase: BookingMessageStore {
    public func messagesDue(at now: Date, limit: Int) async throws -> [BookingMessage] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT booking_messages.*, bookings.user_id AS expert_id FROM booking_messages
                    JOIN bookings ON bookings.id = booking_messages.booking_id
                    WHERE booking_messages.state = 'pending' AND (booking_messages.next_attempt_at IS NULL OR booking_messages.next_attempt_at <= ?)
                    ORDER BY booking_messages.id LIMIT ?
                    """,
                arguments: [now, limit]
            ).compactMap(Self.message)
        }
    }

    public func recordMessage(
        id: Int64, state: BookingMessage.State, attempts: Int, nextAttemptAt: Date?, lastError: String?, sentAt: Date?
    )
        async throws
    {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE booking_messages SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, sent_at = ? WHERE id = ?",
                arguments: [state.rawValue, attempts, nextAttemptAt, lastError, sentAt, id])
        }
    }

    public func messages(bookingId: String) async throws -> [BookingMessage] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT booking_messages.*, bookings.user_id AS expert_id FROM booking_messages
                    JOIN bookings ON bookings.id = booking_messages.booking_id WHERE booking_id = ? ORDER BY booking_messages.id
                    """, arguments: [bookingId]
            )
            .compactMap(Self.message)
        }
    }

    public func queueReminders(at now: Date) async throws {
        // Read first: most ticks find nothing, and a write transaction every tick would
        // contend with bookings for SQLite's one writer.
        let anyDue = try await pool.read { db in try !Self.remindersDue(db, now: now).isEmpty }
        guard anyDue else { return }
        try await pool.write { db in
            for row in try Self.remindersDue(db, now: now) {
                try Self.insertMessages(db, bookingId: row[0], kind: .reminder, sequence: row[1], start: row[2], end: row[3], now: now)
            }
        }
    }

    /// Confirmed bookings inside their event type's reminder time that have no reminder yet
    /// for their current SEQUENCE.
    static func remindersDue(_ db: Database, now: Date) throws -> [Row] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT bookings.id, bookings.sequence, bookings.start_at, bookings.end_at FROM bookings
                JOIN event_types ON event_types.id = bookings.event_type_id
                WHERE bookings.status = 'confirmed' AND event_types.reminder_minutes IS NOT NULL AND bookings.start_at > ?
                  AND datetime(bookings.start_at, '-' || event_types.reminder_minutes || ' minutes') <= datetime(?)
                  AND NOT EXISTS (SELECT 1 FROM booking_messages WHERE booking_messages.booking_id = bookings.id
                    AND booking_messages.kind = 'reminder' AND booking_messages.sequence = bookings.sequence)
                """,
            arguments: [now, now])
    }

    public func sealedManagementToken(bookingId: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT management_token_sealed FROM bookings WHERE id = ?", arguments: [bookingId])
        }
    }

    /// Queues the booker's and the expert's message about a change, with the booking's SEQUENCE
    /// and times as they are after it, in the change's transaction.
    static func queueMessages(_ db: Database, bookingId: String, kind: BookingMessage.Kind, at now: Date) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT sequence, start_at, end_at FROM bookings WHERE id = ?", arguments: [bookingId]) else {
            return
        }
        try insertMessages(db, bookingId: bookingId, kind: kind, sequence: row[0], start: row[1], end: row[2], now: now)
    }

    /// The booker's and the expert's message; one already queued for that SEQUENCE stays as it is.
    static func insertMessages(
        _ db: Database, bookingId: String, kind: BookingMessage.Kind, sequence: Int, start: Date, end: Date, now: Date
    ) throws {
        for recipient in [BookingMessage.Recipient.booker, .expert] {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO booking_messages (booking_id, kind, recipient, sequence, start_at, end_at, next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [bookingId, kind.rawValue, recipient.rawValue, sequence, start, end, now, now])
        }
    }

    static func message(_ row: Row) -> BookingMessage? {
        guard let kind = BookingMessage.Kind(rawValue: row["kind"]), let recipient = BookingMessage.Recipient(rawValue: row["recipient"]),
            let state = BookingMessage.State(rawValue: row["state"])
        else { return nil }
        return BookingMessage(
            id: row["id"], bookingId: row["booking_id"], expertId: row["expert_id"], kind: kind, recipient: recipient, sequence: row["sequence"],
            start: row["start_at"],
            end: row["end_at"], state: state, attempts: row["attempts"], nextAttemptAt: row["next_attempt_at"], lastError: row["last_error"],
            createdAt: row["created_at"], sentAt: row["sent_at"])
    }
}
