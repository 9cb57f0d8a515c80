import Foundation
import PostgresNIO
import Store

/// The columns of a ``SchedulingMail`` (an iMIP e-mail in the outbox).
enum SchedulingMailRow {
    static let columns = "id, sender_id, recipient, method, uid, ics, state, attempts, next_attempt_at, last_error, created_at"

    static func decode(_ row: PostgresRow) throws -> SchedulingMail {
        let row = row.makeRandomAccess()
        return SchedulingMail(
            id: try row.column("id"), senderId: try row.column("sender_id"), recipient: try row.column("recipient"),
            method: try row.column("method"), uid: try row.column("uid"), ics: try row.column("ics"),
            state: BookingMessage.State(rawValue: try row.column("state")) ?? .pending, attempts: try row.column("attempts"),
            nextAttemptAt: try row.column("next_attempt_at"), lastError: try row.column("last_error"), createdAt: try row.column("created_at"))
    }
}
