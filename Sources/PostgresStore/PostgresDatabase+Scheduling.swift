public import Foundation
import PostgresNIO
public import Store

/// Scheduling inboxes and deliveries (RFC 6638): an iTIP message and the recipient's copy of
/// the event are written in one transaction, so an inbox never announces an event the
/// recipient's calendar does not show.
extension PostgresDatabase: SchedulingStore {
    public func inboxMessages(ownedBy userId: String, withData: Bool) async throws -> [InboxMessage] {
        try await read { tx in
            try await tx.rows(
                """
                SELECT \(unescaped: InboxMessageRow.columns(withData: withData))
                FROM scheduling_inbox WHERE user_id = \(userId) ORDER BY created_at, name COLLATE "C"
                """
            ).map(InboxMessageRow.decode)
        }
    }

    public func inboxMessage(named name: String, ownedBy userId: String) async throws -> InboxMessage? {
        try await read { tx in
            try await tx.row(
                "SELECT \(unescaped: InboxMessageRow.columns(withData: true)) FROM scheduling_inbox WHERE user_id = \(userId) AND name = \(name)"
            ).map(InboxMessageRow.decode)
        }
    }

    public func deleteInboxMessage(named name: String, ownedBy userId: String) async throws {
        try await write { tx in
            let deleted = try await tx.execute("DELETE FROM scheduling_inbox WHERE user_id = \(userId) AND name = \(name)")
            guard deleted > 0 else { throw StoreError.notFound("inbox message \(name)") }
        }
    }

    public func calendarObjects(uid: String, ownedBy userId: String) async throws -> [CalendarObject] {
        try await read { tx in try await Self.objects(tx, uid: uid, userId: userId) }
    }

    public func defaultCalendar(ownedBy userId: String) async throws -> CalendarCollection? {
        try await read { tx in try await Self.defaultCalendar(tx, userId: userId) }
    }

    public func deliver(_ delivery: SchedulingDelivery) async throws {
        try await write { tx in try await Self.deliver(tx, delivery, now: Date()) }
    }

    public func queueSchedulingMail(senderId: String, recipients: [String], method: String, uid: String, ics: String) async throws {
        try await write { tx in
            let now = Date()
            for recipient in recipients {
                try await tx.execute(
                    """
                    INSERT INTO scheduling_mail (sender_id, recipient, method, uid, ics, next_attempt_at, created_at)
                    VALUES (\(senderId), \(recipient), \(method), \(uid), \(ics), \(now), \(now))
                    """)
            }
        }
    }

    /// Claims the due e-mails for this instance: another instance skips them until the lease
    /// runs out, so each is sent by one relay worker at a time.
    public func schedulingMailDue(at now: Date, limit: Int) async throws -> [SchedulingMail] {
        try await write { tx in
            try await tx.rows(
                """
                WITH claimed AS (
                  UPDATE scheduling_mail SET lease_until = now() + interval '5 minutes'
                  WHERE id IN (
                    SELECT id FROM scheduling_mail
                    WHERE state = 'pending' AND next_attempt_at <= \(now) AND (lease_until IS NULL OR lease_until < now())
                    ORDER BY next_attempt_at, id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED)
                  RETURNING \(unescaped: SchedulingMailRow.columns))
                SELECT * FROM claimed ORDER BY next_attempt_at, id
                """
            ).map(SchedulingMailRow.decode)
        }
    }

    public func recordSchedulingMail(id: Int64, state: BookingMessage.State, attempts: Int, nextAttemptAt: Date?, lastError: String?) async throws {
        try await write { tx in
            _ = try await tx.execute(
                """
                UPDATE scheduling_mail SET state = \(state.rawValue), attempts = \(attempts), next_attempt_at = \(nextAttemptAt),
                  last_error = \(lastError), lease_until = NULL
                WHERE id = \(id)
                """)
        }
    }
}
