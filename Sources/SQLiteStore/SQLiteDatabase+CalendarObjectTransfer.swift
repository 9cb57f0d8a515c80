import Foundation
import GRDB
import Store

/// MOVE and COPY of calendar objects (RFC 4918 §9.8, §9.9; RFC 4791 §5.3.2.1 keeps UIDs unique
/// per calendar) between calendars of one user, or a rename inside one.
extension SQLiteDatabase {
    /// Moves or copies one object, logging the change in both calendars (a deletion in the
    /// source for a move) and carrying its dead properties along. Errors: `notFound` (a
    /// missing calendar or object, or a calendar of another user), `conflict` (a booking's
    /// object leaving its calendar or being overwritten, source = target),
    /// ``DAVStoreError/preconditionFailed`` (the target exists and `overwrite` is false),
    /// ``DAVStoreError/uidConflict(existingName:)``.
    public func transferCalendarObject(
        named name: String, from calendarId: String, to targetCalendarId: String, newName: String, overwrite: Bool, keepSource: Bool
    ) async throws -> Bool {
        try await pool.write { db in
            guard var source = try Self.calendarRecord(db, id: calendarId) else { throw StoreError.notFound("calendar \(calendarId)") }
            let sameCalendar = calendarId == targetCalendarId
            guard var target = sameCalendar ? source : try Self.calendarRecord(db, id: targetCalendarId), target.userId == source.userId else {
                throw StoreError.notFound("calendar \(targetCalendarId)")
            }
            guard let object = try Self.calendarObject(db, named: name, in: calendarId, withData: true) else {
                throw StoreError.notFound("calendar object \(name)")
            }
            if sameCalendar, name == newName { throw StoreError.conflict("source and destination are the same resource") }
            if object.bookingId != nil, !sameCalendar {
                throw StoreError.conflict("\(name) shows a booking and stays in calendar \(source.slug)")
            }
            let replaced = try Self.calendarObject(db, named: newName, in: target.id, withData: false)
            if let replaced {
                guard overwrite else { throw DAVStoreError.preconditionFailed }
                if replaced.bookingId != nil { throw StoreError.conflict("\(newName) shows a booking; delete it to cancel the booking first") }
            }
            // The UID may stay only with the object being replaced, or with the source itself when it moves away.
            let leaving = sameCalendar && !keepSource ? name : newName
            if let other = try String.fetchOne(
                db, sql: "SELECT name FROM calendar_objects WHERE calendar_id = ? AND uid = ? AND name <> ? AND name <> ?",
                arguments: [target.id, object.uid, newName, leaving])
            {
                throw DAVStoreError.uidConflict(existingName: other)
            }

            let now = Date()
            let sourcePath = source.slug + "/" + name
            let targetPath = target.slug + "/" + newName
            if let replaced {
                try db.execute(sql: "DELETE FROM calendar_objects WHERE id = ?", arguments: [replaced.id])
                try Self.deleteDeadProperties(db, userId: target.userId, subtree: targetPath)
            }
            let revision: Int
            if sameCalendar, !keepSource {
                let first = try Self.advanceRevision(db, &target, steps: 2, now: now)
                try Self.logChange(db, calendarId: target.id, revision: first, name: name, deleted: true, now: now)
                revision = first + 1
            } else {
                revision = try Self.advanceRevision(db, &target, now: now)
                if !keepSource {
                    let sourceRevision = try Self.advanceRevision(db, &source, now: now)
                    try Self.logChange(db, calendarId: source.id, revision: sourceRevision, name: name, deleted: true, now: now)
                }
            }
            let etag = EntityTag.make(revision: revision, content: object.ics.utf8)
            if keepSource {
                let copy = object.copied(id: Self.newID(), to: target.id, name: newName, etag: etag, now: now)
                try Self.insertObject(db, copy)
                try Self.copyDeadProperties(db, userId: target.userId, from: sourcePath, to: targetPath, subtree: false)
            } else {
                try db.execute(
                    sql: "UPDATE calendar_objects SET calendar_id = ?, name = ?, etag = ?, updated_at = ? WHERE id = ?",
                    arguments: [target.id, newName, etag, now, object.id])
                try Self.moveDeadProperties(db, userId: target.userId, from: sourcePath, to: targetPath)
            }
            try Self.logChange(db, calendarId: target.id, revision: revision, name: newName, deleted: false, now: now)
            return replaced == nil
        }
    }
}
