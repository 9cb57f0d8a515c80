public import Foundation
import GRDB
public import Store

/// Plain WebDAV collections and files under a calendar home (RFC 4918 §9.3, §9.6, §9.7), for
/// generic WebDAV clients. Top-level names are shared with calendar slugs, so neither side
/// may take a name the other uses. MOVE and COPY live in `SQLiteDatabase+DAVResourceTransfer.swift`.
extension SQLiteDatabase: DAVResourceStore {
    /// The resource at `path` with its body; nil for "" (the home is not a stored resource).
    public func davResource(path: String, ownedBy userId: String) async throws -> DAVResourceEntry? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(DAVResourceColumns.select(withBody: true)) FROM dav_resources WHERE user_id = ? AND path = ?",
                arguments: [userId, path]
            ).map(DAVResourceColumns.entry)
        }
    }

    /// Members of the collection at `path`, by path; [] when it is not a collection.
    public func davResources(under path: String, ownedBy userId: String, recursive: Bool) async throws -> [DAVResourceEntry] {
        try await pool.read { db in
            var sql = "SELECT \(DAVResourceColumns.select(withBody: false)) FROM dav_resources WHERE user_id = ?"
            var arguments: StatementArguments = [userId]
            if path.isEmpty {
                if !recursive { sql += " AND instr(path, '/') = 0" }
            } else {
                guard try Self.davResourceIsCollection(db, path: path, userId: userId) == true else { return [] }
                sql += " AND \(HomePath.descendantCondition("path"))"
                arguments += HomePath.descendantArguments(path)
                if !recursive {
                    sql += " AND instr(substr(path, length(?) + 2), '/') = 0"
                    arguments += [path]
                }
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY path", arguments: arguments).map(DAVResourceColumns.entry)
        }
    }

    public func createDAVCollection(path: String, ownedBy userId: String) async throws {
        try HomePath.validate(path)
        try await pool.write { db in
            if try Self.davResourceExists(db, path: path, userId: userId) { throw StoreError.conflict("\(path) already exists") }
            if HomePath.isTopLevel(path) { try Self.checkTopLevelFree(db, path, userId: userId) }
            try Self.checkParentCollection(db, of: path, userId: userId)
            let now = Date()
            try db.execute(
                sql: """
                    INSERT INTO dav_resources (user_id, path, is_collection, body, content_type, size, revision, etag, created_at, updated_at)
                    VALUES (?, ?, 1, NULL, NULL, 0, 1, ?, ?, ?)
                    """,
                arguments: [userId, path, EntityTag.make(revision: 1, content: path.utf8), now, now])
        }
    }

    /// The parent and kind are checked before the condition: a request that would fail
    /// without its condition fails the same way with it (RFC 9110 §13.2.1).
    public func putDAVResource(
        path: String, body: Data, contentType: String?, ownedBy userId: String, condition: WriteCondition
    ) async throws -> (entry: DAVResourceEntry, created: Bool) {
        try HomePath.validate(path)
        return try await pool.write { db in
            let existing = try Row.fetchOne(
                db, sql: "SELECT is_collection, etag, revision, created_at FROM dav_resources WHERE user_id = ? AND path = ?",
                arguments: [userId, path])
            if let existing, existing[0] as Bool { throw StoreError.conflict("\(path) is a collection") }
            if existing == nil, HomePath.isTopLevel(path) { try Self.checkTopLevelFree(db, path, userId: userId) }
            try Self.checkParentCollection(db, of: path, userId: userId)
            guard EntityTag.holds(condition, current: existing?[1]) else { throw DAVStoreError.preconditionFailed }
            let now = Date()
            let revision = (existing?[2] as Int? ?? 0) + 1
            let entry = DAVResourceEntry(
                path: path, isCollection: false, contentType: contentType, size: body.count, etag: EntityTag.make(revision: revision, content: body),
                body: body, createdAt: existing?[3] ?? now, updatedAt: now)
            try db.execute(
                sql: """
                    INSERT INTO dav_resources (user_id, path, is_collection, body, content_type, size, revision, etag, created_at, updated_at)
                    VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (user_id, path) DO UPDATE SET body = excluded.body, content_type = excluded.content_type,
                      size = excluded.size, revision = excluded.revision, etag = excluded.etag, updated_at = excluded.updated_at
                    """,
                arguments: [userId, path, body, contentType, entry.size, revision, entry.etag, entry.createdAt, now])
            // Read back, so the caller gets exactly what a GET will (timestamps at the stored precision).
            let written = try Row.fetchOne(
                db, sql: "SELECT \(DAVResourceColumns.select(withBody: true)) FROM dav_resources WHERE user_id = ? AND path = ?",
                arguments: [userId, path]
            ).map(DAVResourceColumns.entry)
            return (written ?? entry, existing == nil)
        }
    }

    /// Deletes `path`, everything below it, and all their dead properties; `notFound` when absent.
    public func deleteDAVResource(path: String, ownedBy userId: String) async throws {
        try HomePath.validate(path)
        try await pool.write { db in
            guard try Self.davResourceExists(db, path: path, userId: userId) else { throw StoreError.notFound("resource \(path)") }
            try Self.deleteDAVSubtree(db, path: path, userId: userId)
        }
    }

    // MARK: - Helpers

    static func davResourceExists(_ db: Database, path: String, userId: String) throws -> Bool {
        try davResourceIsCollection(db, path: path, userId: userId) != nil
    }

    /// nil when nothing is stored at `path`.
    static func davResourceIsCollection(_ db: Database, path: String, userId: String) throws -> Bool? {
        try Bool.fetchOne(db, sql: "SELECT is_collection FROM dav_resources WHERE user_id = ? AND path = ?", arguments: [userId, path])
    }

    /// `notFound` unless the parent of `path` is the home or a stored collection.
    static func checkParentCollection(_ db: Database, of path: String, userId: String) throws {
        let parent = HomePath.parent(of: path)
        if parent.isEmpty { return }
        guard try davResourceIsCollection(db, path: parent, userId: userId) == true else { throw StoreError.notFound("collection \(parent)") }
    }

    /// Deletes the resources at and below `path` with their dead properties.
    static func deleteDAVSubtree(_ db: Database, path: String, userId: String) throws {
        try db.execute(
            sql: "DELETE FROM dav_resources WHERE user_id = ? AND \(HomePath.subtreeCondition("path"))",
            arguments: [userId] + HomePath.subtreeArguments(path))
        try deleteDeadProperties(db, userId: userId, subtree: path)
    }
}
