import Foundation
import PostgresNIO
import Store

/// COPY and MOVE of plain resources (RFC 4918 §9.8, §9.9), in one transaction each, under the
/// home's lock (see `PostgresDatabase+DAVResources.swift`).
extension PostgresDatabase {
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
        return try await write { tx in
            try await Self.lockHome(tx, userId: userId)
            guard let sourceIsCollection = try await Self.davResourceIsCollection(tx, path: from, userId: userId) else {
                throw StoreError.notFound("resource \(from)")
            }
            if from == to { throw StoreError.conflict("source and destination are the same resource") }
            if HomePath.isDescendant(to, of: from) { throw StoreError.conflict("\(to) lies inside \(from)") }
            if HomePath.isDescendant(from, of: to) { throw StoreError.conflict("\(from) lies inside \(to)") }
            if HomePath.isTopLevel(to),
                try await tx.row("SELECT 1 FROM calendars WHERE user_id = \(userId) AND slug = \(to)") != nil
            {
                throw StoreError.conflict("a calendar named \(to) already exists in the calendar home")
            }
            try await Self.checkParentCollection(tx, of: to, userId: userId)
            let targetExisted = try await Self.davResourceExists(tx, path: to, userId: userId)
            if targetExisted {
                guard overwrite else { throw DAVStoreError.preconditionFailed }
                try await Self.deleteDAVSubtree(tx, path: to, userId: userId)
            }
            let now = Date()
            if keepSource {
                let deep = sourceIsCollection && !shallow
                try await tx.execute(
                    """
                    INSERT INTO dav_resources (user_id, path, is_collection, body, content_type, size, revision, etag, created_at, updated_at)
                    SELECT user_id, \(column: "path", rebasedFrom: from, to: to), is_collection, body, content_type, size, revision, etag, \(now), \(now)
                    FROM dav_resources WHERE user_id = \(userId) AND \(column: "path", at: from, subtree: deep)
                    """)
                try await Self.copyDeadProperties(tx, userId: userId, from: from, to: to, subtree: deep)
            } else {
                try await tx.execute(
                    """
                    UPDATE dav_resources SET path = \(column: "path", rebasedFrom: from, to: to)
                    WHERE user_id = \(userId) AND \(column: "path", inSubtree: from)
                    """)
                try await tx.execute("UPDATE dav_resources SET updated_at = \(now) WHERE user_id = \(userId) AND path = \(to)")
                try await Self.moveDeadProperties(tx, userId: userId, from: from, to: to)
            }
            return !targetExisted
        }
    }
}
