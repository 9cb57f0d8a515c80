import Foundation
import PostgresNIO
import Store

/// MOVE and COPY of calendar objects (RFC 4918 §9.8, §9.9; RFC 4791 §5.3.2.1 keeps UIDs unique
/// per calendar) between calendars of one user, or a rename inside one.
extension PostgresDatabase {
    /// Moves or copies one object, logging the change in both calendars (a deletion in the
    /// source for a move) and carrying its dead properties along. Errors: `notFound` (a
    /// missing calendar or object, or a calendar of another user), `conflict` (a booking's
    /// object leaving its calendar or being overwritten, source = target),
    /// ``DAVStoreError/preconditionFailed`` (the target exists and `overwrite` is false),
    /// ``DAVStoreError/uidConflict(existingName:)``.
    ///
    /// Locks: the owner's, then both calendars' rows in order of id, so two transfers in
    /// opposite directions never wait on each other.
    public func transferCalendarObject(
        named name: String, from calendarId: String, to targetCalendarId: String, newName: String, overwrite: Bool, keepSource: Bool
    ) async throws -> Bool {
        try await write { tx in
            guard var source = try await Self.calendarRecord(tx, id: calendarId) else { throw StoreError.notFound("calendar \(calendarId)") }
            let sameCalendar = calendarId == targetCalendarId
            guard var target = sameCalendar ? source : try await Self.calendarRecord(tx, id: targetCalendarId), target.userId == source.userId else {
                throw StoreError.notFound("calendar \(targetCalendarId)")
            }
            try await tx.lockExpert(source.userId)
            for id in Set([calendarId, targetCalendarId]).sorted() {
                guard try await tx.lockCalendar(id) != nil else { throw StoreError.notFound("calendar \(id)") }
            }
            guard let object = try await Self.calendarObject(tx, named: name, in: calendarId, withData: true) else {
                throw StoreError.notFound("calendar object \(name)")
            }
            if sameCalendar, name == newName { throw StoreError.conflict("source and destination are the same resource") }
            if object.bookingId != nil, !sameCalendar {
                throw StoreError.conflict("\(name) shows a booking and stays in calendar \(source.slug)")
            }
            let replaced = try await Self.calendarObject(tx, named: newName, in: target.id, withData: false)
            if let replaced {
                guard overwrite else { throw DAVStoreError.preconditionFailed }
                if replaced.bookingId != nil { throw StoreError.conflict("\(newName) shows a booking; delete it to cancel the booking first") }
            }
            // The UID may stay only with the object being replaced, or with the source itself when it moves away.
            let leaving = sameCalendar && !keepSource ? name : newName
            if let other = try await tx.row(
                """
                SELECT name FROM calendar_objects
                WHERE calendar_id = \(target.id) AND uid = \(object.uid) AND name <> \(newName) AND name <> \(leaving) LIMIT 1
                """
            )?.decode(String.self) {
                throw DAVStoreError.uidConflict(existingName: other)
            }

            let now = Date()
            let sourcePath = source.slug + "/" + name
            let targetPath = target.slug + "/" + newName
            if let replaced {
                try await tx.execute("DELETE FROM calendar_objects WHERE id = \(replaced.id)")
                try await Self.deleteDeadProperties(tx, userId: target.userId, subtree: targetPath)
            }
            let revision: Int
            if sameCalendar, !keepSource {
                let first = try await Self.advanceRevision(tx, &target, steps: 2, now: now)
                try await Self.logChange(tx, calendarId: target.id, revision: first, name: name, deleted: true, now: now)
                revision = first + 1
            } else {
                revision = try await Self.advanceRevision(tx, &target, now: now)
                if !keepSource {
                    let sourceRevision = try await Self.advanceRevision(tx, &source, now: now)
                    try await Self.logChange(tx, calendarId: source.id, revision: sourceRevision, name: name, deleted: true, now: now)
                }
            }
            let etag = EntityTag.make(revision: revision, content: object.ics.utf8)
            if keepSource {
                let copy = object.copied(id: Self.newID(), to: target.id, name: newName, etag: etag, now: now)
                try await Self.insertObject(tx, copy)
                try await Self.copyDeadProperties(tx, userId: target.userId, from: sourcePath, to: targetPath, subtree: false)
            } else {
                try await tx.execute(
                    """
                    UPDATE calendar_objects SET calendar_id = \(target.id), name = \(newName), etag = \(etag), updated_at = \(now)
                    WHERE id = \(object.id)
                    """)
                try await Self.moveDeadProperties(tx, userId: target.userId, from: sourcePath, to: targetPath)
            }
            try await Self.logChange(tx, calendarId: target.id, revision: revision, name: newName, deleted: false, now: now)
            return replaced == nil
        }
    }
}
