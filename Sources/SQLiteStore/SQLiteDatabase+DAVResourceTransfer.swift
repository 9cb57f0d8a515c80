import Foundation
import GRDB
import Store

/// COPY and MOVE of plain resources (RFC 4918 §9.8, §9.9), in one transaction each.
extension SQLiteDatabase {
    /// A copy keeps each resource's entity tag (same bytes, same tag) and takes dead
    /// properties along; a move re-keys resources and properties. MOVE always takes the whole
    /// subtree (RFC 4918 §9.9.2), so `shallow` applies to COPY only. Errors: `notFound` (no
    /// source, or no collection at the target's parent), `conflict` (source and target are the
    /// same, one lies inside the other, or the target names a calendar),
    /// ``DAVStoreError/preconditionFailed`` (the target exists and `overwrite` is false).
    public func transferDAVResource(
        from: String, to: String, ownedBy userId: String, overwrite: Bool, shallow: Bool, keepSource: Bool
    ) async throws -> Bool {
        try HomePath.validate(from)
        try HomePath.validate(to, field: "destination")
        return try await pool.write { db in
            guard let sourceIsCollection = try Self.davResourceIsCollection(db, path: from, userId: userId) else {
                throw StoreError.notFound("resource \(from)")
            }
            if from == to { throw StoreError.conflict("source and destination are the same resource") }
            if HomePath.isDescendant(to, of: from) { throw StoreError.conflict("\(to) lies inside \(from)") }
            if HomePath.isDescendant(from, of: to) { throw StoreError.conflict("\(from) lies inside \(to)") }
            if HomePath.isTopLevel(to),
                try CalendarRecord.filter(CalendarRecord.Columns.userId == userId && CalendarRecord.Columns.slug == to).fetchCount(db) > 0
            {
                throw StoreError.conflict("a calendar named \(to) already exists in the calendar home")
            }
            try Self.checkParentCollection(db, of: to, userId: userId)
            let targetExisted = try Self.davResourceExists(db, path: to, userId: userId)
            if targetExisted {
                guard overwrite else { throw DAVStoreError.preconditionFailed }
                try Self.deleteDAVSubtree(db, path: to, userId: userId)
            }
            let now = Date()
            if keepSource {
                let deep = sourceIsCollection && !shallow
                try db.execute(
                    sql: """
                        INSERT INTO dav_resources (user_id, path, is_collection, body, content_type, size, revision, etag, created_at, updated_at)
                        SELECT user_id, \(HomePath.rebaseExpression("path")), is_collection, body, content_type, size, revision, etag, ?, ?
                        FROM dav_resources WHERE user_id = ? AND \(deep ? HomePath.subtreeCondition("path") : "path = ?")
                        """,
                    arguments: HomePath.rebaseArguments(from: from, to: to) + [now, now, userId]
                        + (deep ? HomePath.subtreeArguments(from) : [from]))
                try Self.copyDeadProperties(db, userId: userId, from: from, to: to, subtree: deep)
            } else {
                try db.execute(
                    sql: """
                        UPDATE dav_resources SET path = \(HomePath.rebaseExpression("path"))
                        WHERE user_id = ? AND \(HomePath.subtreeCondition("path"))
                        """,
                    arguments: HomePath.rebaseArguments(from: from, to: to) + [userId] + HomePath.subtreeArguments(from))
                try db.execute(sql: "UPDATE dav_resources SET updated_at = ? WHERE user_id = ? AND path = ?", arguments: [now, userId, to])
                try Self.moveDeadProperties(db, userId: userId, from: from, to: to)
            }
            return !targetExisted
        }
    }
}
