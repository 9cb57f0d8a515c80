public import Foundation
import PostgresNIO
public import Store

/// Plain WebDAV collections and files under a calendar home (RFC 4918 §9.3, §9.6, §9.7), for
/// generic WebDAV clients. Top-level names are shared with calendar slugs, so neither side
/// may take a name the other uses. MOVE and COPY live in `PostgresDatabase+DAVResourceTransfer.swift`.
///
/// Every write of the home's namespace (these, MKCALENDAR, COPY and MOVE) takes the home's
/// lock first: its checks (a parent exists, a name is free in both tables, a subtree is whole)
/// read other rows than it writes, which SQLite's one writer protected and row locks do not.
extension PostgresDatabase: DAVResourceStore {
    /// The resource at `path` with its body; nil for "" (the home is not a stored resource).
    public func davResource(path: String, ownedBy userId: String) async throws -> DAVResourceEntry? {
        try await pointRead { tx in
            try await tx.row(
                "SELECT \(unescaped: DAVResourceColumns.select(withBody: true)) FROM dav_resources WHERE user_id = \(userId) AND path = \(path)"
            ).map(DAVResourceColumns.entry)
        }
    }

    /// Members of the collection at `path`, by path; [] when it is not a collection.
    public func davResources(under path: String, ownedBy userId: String, recursive: Bool) async throws -> [DAVResourceEntry] {
        try await read { tx in
            let select = DAVResourceColumns.select(withBody: false)
            let query: PostgresQuery
            if path.isEmpty {
                query =
                    recursive
                    ? "SELECT \(unescaped: select) FROM dav_resources WHERE user_id = \(userId) ORDER BY path"
                    : "SELECT \(unescaped: select) FROM dav_resources WHERE user_id = \(userId) AND strpos(path, '/') = 0 ORDER BY path"
            } else {
                guard try await Self.davResourceIsCollection(tx, path: path, userId: userId) == true else { return [] }
                query =
                    recursive
                    ? "SELECT \(unescaped: select) FROM dav_resources WHERE user_id = \(userId) AND \(column: "path", below: path) ORDER BY path"
                    : """
                    SELECT \(unescaped: select) FROM dav_resources
                    WHERE user_id = \(userId) AND \(column: "path", below: path) AND strpos(substr(path, length(\(path)) + 2), '/') = 0
                    ORDER BY path
                    """
            }
            return try await tx.rows(query).map(DAVResourceColumns.entry)
        }
    }

    public func createDAVCollection(path: String, ownedBy userId: String) async throws {
        try HomePath.validate(path)
        try await write { tx in
            try await Self.lockHome(tx, userId: userId)
            if try await Self.davResourceExists(tx, path: path, userId: userId) { throw StoreError.conflict("\(path) already exists") }
            if HomePath.isTopLevel(path) { try await Self.checkTopLevelFree(tx, path, userId: userId) }
            try await Self.checkParentCollection(tx, of: path, userId: userId)
            let now = Date()
            try await tx.execute(
                """
                INSERT INTO dav_resources (user_id, path, is_collection, body, content_type, size, revision, etag, created_at, updated_at)
                VALUES (\(userId), \(path), true, NULL, NULL, 0, 1, \(EntityTag.make(revision: 1, content: path.utf8)), \(now), \(now))
                """)
        }
    }

    /// The parent and kind are checked before the condition: a request that would fail
    /// without its condition fails the same way with it (RFC 9110 §13.2.1).
    public func putDAVResource(
        path: String, body: Data, contentType: String?, ownedBy userId: String, condition: WriteCondition
    ) async throws -> (entry: DAVResourceEntry, created: Bool) {
        try HomePath.validate(path)
        return try await write { tx in
            try await Self.lockHome(tx, userId: userId)
            let existing = try await tx.row(
                "SELECT is_collection, etag, revision, created_at FROM dav_resources WHERE user_id = \(userId) AND path = \(path)"
            ).map { try $0.decode((Bool, String, Int, Date).self) }
            if let existing, existing.0 { throw StoreError.conflict("\(path) is a collection") }
            if existing == nil, HomePath.isTopLevel(path) { try await Self.checkTopLevelFree(tx, path, userId: userId) }
            try await Self.checkParentCollection(tx, of: path, userId: userId)
            guard EntityTag.holds(condition, current: existing?.1) else { throw DAVStoreError.preconditionFailed }
            let now = Date()
            let revision = (existing?.2 ?? 0) + 1
            let etag = EntityTag.make(revision: revision, content: body)
            // RETURNING gives exactly what a GET will (timestamps at the stored precision).
            guard
                let written = try await tx.row(
                    """
                    INSERT INTO dav_resources (user_id, path, is_collection, body, content_type, size, revision, etag, created_at, updated_at)
                    VALUES (\(userId), \(path), false, \(body), \(contentType), \(body.count), \(revision), \(etag), \(existing?.3 ?? now), \(now))
                    ON CONFLICT (user_id, path) DO UPDATE SET body = excluded.body, content_type = excluded.content_type,
                      size = excluded.size, revision = excluded.revision, etag = excluded.etag, updated_at = excluded.updated_at
                    RETURNING \(unescaped: DAVResourceColumns.select(withBody: true))
                    """)
            else { throw StoreError.notFound("resource \(path)") }
            return (try DAVResourceColumns.entry(written), existing == nil)
        }
    }

    /// Deletes `path`, everything below it, and all their dead properties; `notFound` when absent.
    public func deleteDAVResource(path: String, ownedBy userId: String) async throws {
        try HomePath.validate(path)
        try await write { tx in
            try await Self.lockHome(tx, userId: userId)
            guard try await Self.davResourceExists(tx, path: path, userId: userId) else { throw StoreError.notFound("resource \(path)") }
            try await Self.deleteDAVSubtree(tx, path: path, userId: userId)
        }
    }

    // MARK: - Helpers

    /// The lock of the user's home namespace (plain resources and calendar slugs), released at
    /// commit. Taken first by the writes that hold no other lock; never taken after the owner's
    /// lock or a calendar's, so it adds no lock-order cycle.
    static func lockHome(_ tx: PostgresTransaction, userId: String) async throws {
        try await tx.execute("SELECT pg_advisory_xact_lock(hashtextextended('dav-home:' || \(userId), 0))")
    }

    static func davResourceExists(_ tx: PostgresTransaction, path: String, userId: String) async throws -> Bool {
        try await davResourceIsCollection(tx, path: path, userId: userId) != nil
    }

    /// nil when nothing is stored at `path`.
    static func davResourceIsCollection(_ tx: PostgresTransaction, path: String, userId: String) async throws -> Bool? {
        try await tx.row("SELECT is_collection FROM dav_resources WHERE user_id = \(userId) AND path = \(path)")?.decode(Bool.self)
    }

    /// `notFound` unless the parent of `path` is the home or a stored collection.
    static func checkParentCollection(_ tx: PostgresTransaction, of path: String, userId: String) async throws {
        let parent = HomePath.parent(of: path)
        if parent.isEmpty { return }
        guard try await davResourceIsCollection(tx, path: parent, userId: userId) == true else { throw StoreError.notFound("collection \(parent)") }
    }

    /// Deletes the resources at and below `path` with their dead properties.
    static func deleteDAVSubtree(_ tx: PostgresTransaction, path: String, userId: String) async throws {
        try await tx.execute("DELETE FROM dav_resources WHERE user_id = \(userId) AND \(column: "path", inSubtree: path)")
        try await deleteDeadProperties(tx, userId: userId, subtree: path)
    }
}
