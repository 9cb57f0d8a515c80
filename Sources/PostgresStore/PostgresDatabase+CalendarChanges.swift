import Foundation
import PostgresNIO
public import Store

/// The per-calendar change log behind sync tokens (RFC 6578) and ctags: every write of an
/// object bumps `calendars.sync_revision` and logs one `calendar_changes` row per affected
/// name at the new revision, in the write's own transaction, under the calendar's row lock.
extension PostgresDatabase {
    /// The latest change of each name after `revision`, oldest first. With `limit`, at most
    /// that many names, and `revision` is then the last one reported, so the next sync
    /// continues where this one stopped (RFC 6578 §3.6). The revision and the log are read in
    /// one snapshot, so the token never claims a change the list lacks.
    public func changes(in calendarId: String, since revision: Int, limit: Int?) async throws -> CalendarChangeSet {
        try await read { tx in
            guard let current = try await tx.row("SELECT sync_revision FROM calendars WHERE id = \(calendarId)")?.decode(Int.self) else {
                throw StoreError.notFound("calendar \(calendarId)")
            }
            guard revision >= 0, revision <= current else { throw DAVStoreError.invalidSyncToken }
            // LIMIT NULL is no limit.
            let fetch: Int? = limit.map { max($0, 0) + 1 }
            var changes = try await tx.rows(
                """
                SELECT object_name, deleted, revision FROM (
                  SELECT DISTINCT ON (object_name) object_name, deleted, revision FROM calendar_changes
                  WHERE calendar_id = \(calendarId) AND revision > \(revision) ORDER BY object_name, revision DESC
                ) AS latest ORDER BY revision LIMIT \(fetch)
                """
            ).map { row in
                let (name, deleted, revision) = try row.decode((String, Bool, Int).self)
                return CalendarChange(name: name, deleted: deleted, revision: revision)
            }
            if let limit, changes.count > max(limit, 0) {
                changes.removeLast(changes.count - max(limit, 0))
                return CalendarChangeSet(changes: changes, revision: changes.last?.revision ?? revision, truncated: true)
            }
            return CalendarChangeSet(changes: changes, revision: current, truncated: false)
        }
    }

    /// Moves the calendar `steps` revisions on (one per change row the write logs) and stamps
    /// `updated_at`; returns the first new revision. The increment happens in the UPDATE, so
    /// revisions never repeat; the caller holds the calendar's lock (``lockedCalendar(_:id:)``)
    /// for its condition checks.
    static func advanceRevision(_ tx: PostgresTransaction, calendarId: String, steps: Int = 1, now: Date) async throws -> Int {
        guard
            let last = try await tx.row(
                "UPDATE calendars SET sync_revision = sync_revision + \(steps), updated_at = \(now) WHERE id = \(calendarId) RETURNING sync_revision"
            )?.decode(Int.self)
        else { throw StoreError.notFound("calendar \(calendarId)") }
        return last - steps + 1
    }

    /// ``advanceRevision(_:calendarId:steps:now:)`` that also keeps `calendar` in step.
    static func advanceRevision(_ tx: PostgresTransaction, _ calendar: inout CalendarRecord, steps: Int = 1, now: Date) async throws -> Int {
        let first = try await advanceRevision(tx, calendarId: calendar.id, steps: steps, now: now)
        calendar.syncRevision = first + steps - 1
        calendar.updatedAt = now
        return first
    }

    static func logChange(_ tx: PostgresTransaction, calendarId: String, revision: Int, name: String, deleted: Bool, now: Date) async throws {
        try await tx.execute(
            """
            INSERT INTO calendar_changes (calendar_id, revision, object_name, deleted, changed_at)
            VALUES (\(calendarId), \(revision), \(name), \(deleted), \(now))
            """)
    }
}
