import Foundation
import GRDB
public import Store

/// The per-calendar change log behind sync tokens (RFC 6578) and ctags: every write of an
/// object bumps `calendars.sync_revision` and logs one `calendar_changes` row per affected
/// name at the new revision, in the write's own transaction.
extension SQLiteDatabase {
    /// The latest change of each name after `revision`, oldest first. With `limit`, at most
    /// that many names, and `revision` is then the last one reported, so the next sync
    /// continues where this one stopped (RFC 6578 §3.6).
    public func changes(in calendarId: String, since revision: Int, limit: Int?) async throws -> CalendarChangeSet {
        try await pool.read { db in
            guard let current = try Int.fetchOne(db, sql: "SELECT sync_revision FROM calendars WHERE id = ?", arguments: [calendarId]) else {
                throw StoreError.notFound("calendar \(calendarId)")
            }
            guard revision >= 0, revision <= current else { throw DAVStoreError.invalidSyncToken }
            // SQLite takes the bare column `deleted` from the row that holds MAX(revision).
            var sql = """
                SELECT object_name, deleted, MAX(revision) AS latest FROM calendar_changes
                WHERE calendar_id = ? AND revision > ? GROUP BY object_name ORDER BY latest
                """
            var arguments: StatementArguments = [calendarId, revision]
            if let limit {
                sql += " LIMIT ?"
                arguments += [max(limit, 0) + 1]
            }
            var changes = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                CalendarChange(name: row[0], deleted: row[1], revision: row[2])
            }
            if let limit, changes.count > max(limit, 0) {
                changes.removeLast(changes.count - max(limit, 0))
                return CalendarChangeSet(changes: changes, revision: changes.last?.revision ?? revision, truncated: true)
            }
            return CalendarChangeSet(changes: changes, revision: current, truncated: false)
        }
    }

    /// Moves the calendar `steps` revisions on (one per change row the write logs) and stamps
    /// `updated_at`; returns the first new revision.
    static func advanceRevision(_ db: Database, _ calendar: inout CalendarRecord, steps: Int = 1, now: Date) throws -> Int {
        let first = calendar.syncRevision + 1
        calendar.syncRevision += steps
        calendar.updatedAt = now
        try db.cachedStatement(sql: "UPDATE calendars SET sync_revision = ?, updated_at = ? WHERE id = ?")
            .execute(arguments: [calendar.syncRevision, now, calendar.id])
        return first
    }

    static func logChange(_ db: Database, calendarId: String, revision: Int, name: String, deleted: Bool, now: Date) throws {
        try db.cachedStatement(sql: "INSERT INTO calendar_changes (calendar_id, revision, object_name, deleted, changed_at) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [calendarId, revision, name, deleted, now])
    }
}
