public import Foundation
import PostgresNIO
public import Store

/// The booking messages' outbox. Rows are inserted by ``queueMessages(_:bookingId:kind:at:)`` in
/// the transaction of the change; UNIQUE (booking, kind, recipient, SEQUENCE) makes a repeated
/// queueing (a reminder tick on two instances, or after a restart) a no-op.
extension PostgresDatabase: BookingMessageStore {
    /// Claims the due messages for this instance: each gets a lease, so other instances skip it
    /// until ``recordMessage(id:state:attempts:nextAttemptAt:lastError:sentAt:)`` clears it or the
    /// lease runs out (the claiming instance died).
    public func messagesDue(at now: Date, limit: Int) async throws -> [BookingMessage] {
        try await write { tx in
            try await tx.rows(
                """
                UPDATE booking_messages SET lease_until = now() + interval '5 minutes'
                FROM bookings
                WHERE bookings.id = booking_messages.booking_id AND booking_messages.id IN (
                  SELECT id FROM booking_messages
                  WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= \(now))
                    AND (lease_until IS NULL OR lease_until < now())
                  ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING booking_messages.*, bookings.user_id AS expert_id
                """
            ).compactMap(BookingMessageRow.decode).sorted { $0.id < $1.id }
        }
    }

    /// Records an attempt and ends its claim.
    public func recordMessage(
        id: Int64, state: BookingMessage.State, attempts: Int, nextAttemptAt: Date?, lastError: String?, sentAt: Date?
    )
        async throws
    {
        try await write { tx in
            _ = try await tx.execute(
                """
                UPDATE booking_messages SET state = \(state.rawValue), attempts = \(attempts), next_attempt_at = \(nextAttemptAt),
                  last_error = \(lastError), sent_at = \(sentAt), lease_until = NULL
                WHERE id = \(id)
                """)
        }
    }

    public func messages(bookingId: String) async throws -> [BookingMessage] {
        try await pointRead { tx in
            try await tx.rows(
                """
                SELECT booking_messages.*, bookings.user_id AS expert_id FROM booking_messages
                JOIN bookings ON bookings.id = booking_messages.booking_id WHERE booking_id = \(bookingId) ORDER BY booking_messages.id
                """
            ).compactMap(BookingMessageRow.decode)
        }
    }

    /// Confirmed bookings inside their event type's reminder time with no reminder yet for their
    /// current SEQUENCE get one, in one statement: instances running this at once insert each
    /// reminder once, the unique key turning the later insert into nothing.
    public func queueReminders(at now: Date) async throws {
        try await write { tx in
            _ = try await tx.execute(
                """
                INSERT INTO booking_messages (booking_id, kind, recipient, sequence, start_at, end_at, next_attempt_at, created_at)
                SELECT bookings.id, 'reminder', recipients.recipient, bookings.sequence, bookings.start_at, bookings.end_at, \(now), \(now)
                FROM bookings
                JOIN event_types ON event_types.id = bookings.event_type_id
                CROSS JOIN (VALUES ('booker'), ('expert')) AS recipients (recipient)
                WHERE bookings.status = 'confirmed' AND event_types.reminder_minutes IS NOT NULL AND bookings.start_at > \(now)
                  AND bookings.start_at - make_interval(mins => event_types.reminder_minutes::integer) <= \(now)
                  AND NOT EXISTS (SELECT 1 FROM booking_messages WHERE booking_messages.booking_id = bookings.id
                    AND booking_messages.kind = 'reminder' AND booking_messages.sequence = bookings.sequence)
                ORDER BY bookings.id, recipients.recipient
                ON CONFLICT (booking_id, kind, recipient, sequence) DO NOTHING
                """)
        }
    }

    public func sealedManagementToken(bookingId: String) async throws -> String? {
        try await pointRead { tx in
            try await tx.row("SELECT management_token_sealed FROM bookings WHERE id = \(bookingId)")?.decode(String?.self) ?? nil
        }
    }

    // MARK: - Helpers

    /// Queues the booker's and the expert's message about a change, with the booking's SEQUENCE
    /// and times as they are after it, in the change's transaction.
    static func queueMessages(_ tx: PostgresTransaction, bookingId: String, kind: BookingMessage.Kind, at now: Date) async throws {
        guard let row = try await tx.row("SELECT sequence, start_at, end_at FROM bookings WHERE id = \(bookingId)") else { return }
        let (sequence, start, end) = try row.decode((Int, Date, Date).self)
        try await insertMessages(tx, bookingId: bookingId, kind: kind, sequence: sequence, start: start, end: end, now: now)
    }

    /// The booker's and the expert's message; one already queued for that SEQUENCE stays as it is.
    static func insertMessages(
        _ tx: PostgresTransaction, bookingId: String, kind: BookingMessage.Kind, sequence: Int, start: Date, end: Date, now: Date
    ) async throws {
        for recipient in [BookingMessage.Recipient.booker, .expert] {
            try await tx.execute(
                """
                INSERT INTO booking_messages (booking_id, kind, recipient, sequence, start_at, end_at, next_attempt_at, created_at)
                VALUES (\(bookingId), \(kind.rawValue), \(recipient.rawValue), \(sequence), \(start), \(end), \(now), \(now))
                ON CONFLICT (booking_id, kind, recipient, sequence) DO NOTHING
                """)
        }
    }
}
