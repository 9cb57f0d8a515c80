import PostgresNIO
import Store

/// A row of `booking_messages` joined with its booking's expert (`expert_id`).
enum BookingMessageRow {
    /// A row with an unknown kind, recipient or state is skipped, as SQLite's store does.
    static func decode(_ row: PostgresRow) throws -> BookingMessage? {
        let row = row.makeRandomAccess()
        guard let kind = BookingMessage.Kind(rawValue: try row.column("kind")),
            let recipient = BookingMessage.Recipient(rawValue: try row.column("recipient")),
            let state = BookingMessage.State(rawValue: try row.column("state"))
        else { return nil }
        return BookingMessage(
            id: try row.column("id"), bookingId: try row.column("booking_id"), expertId: try row.column("expert_id"), kind: kind,
            recipient: recipient, sequence: try row.column("sequence"), start: try row.column("start_at"), end: try row.column("end_at"),
            state: state, attempts: try row.column("attempts"), nextAttemptAt: try row.column("next_attempt_at"),
            lastError: try row.column("last_error"), createdAt: try row.column("created_at"), sentAt: try row.column("sent_at"))
    }
}
