import Foundation
import PostgresNIO
public import Store

/// Dead properties (RFC 4918 §4.2) of any resource of a home, keyed by user, home-relative
/// path, namespace and name. The other DAV writes call the helpers below in their own
/// transactions, so properties are deleted, moved and copied with their resources.
extension PostgresDatabase: DeadPropertyStore {
    /// The properties of one resource, by namespace then name (by bytes, as SQLite's store).
    public func deadProperties(path: String, ownedBy userId: String) async throws -> [DeadProperty] {
        try await pointRead { tx in
            try await tx.rows(
                """
                SELECT namespace, name, xml FROM dead_properties WHERE user_id = \(userId) AND path = \(path)
                ORDER BY namespace COLLATE "C", name COLLATE "C"
                """
            ).map { row in
                let (namespace, name, xml) = try row.decode((String, String, String).self)
                return DeadProperty(namespace: namespace, name: name, xml: xml)
            }
        }
    }

    /// The properties of several resources in one statement; paths without any are absent
    /// from the result.
    public func deadProperties(paths: [String], ownedBy userId: String) async throws -> [String: [DeadProperty]] {
        if paths.isEmpty { return [:] }
        let unique = Array(Set(paths))
        return try await pointRead { tx in
            var result: [String: [DeadProperty]] = [:]
            let rows = try await tx.rows(
                """
                SELECT path, namespace, name, xml FROM dead_properties WHERE user_id = \(userId) AND path = ANY(\(unique))
                ORDER BY path, namespace COLLATE "C", name COLLATE "C"
                """)
            for row in rows {
                let (path, namespace, name, xml) = try row.decode((String, String, String, String).self)
                result[path, default: []].append(DeadProperty(namespace: namespace, name: name, xml: xml))
            }
            return result
        }
    }

    /// PROPPATCH's write, all or nothing (RFC 4918 §9.2). Removals apply first, so a name
    /// both removed and set ends up set; removing an absent property is not an error.
    public func updateDeadProperties(path: String, ownedBy userId: String, set: [DeadProperty], remove: [XMLQualifiedName]) async throws {
        try await write { tx in
            for name in remove {
                try await tx.execute(
                    """
                    DELETE FROM dead_properties
                    WHERE user_id = \(userId) AND path = \(path) AND namespace = \(name.namespace) AND name = \(name.name)
                    """)
            }
            for property in set {
                try await tx.execute(
                    """
                    INSERT INTO dead_properties (user_id, path, namespace, name, xml)
                    VALUES (\(userId), \(path), \(property.namespace), \(property.name), \(property.xml))
                    ON CONFLICT (user_id, path, namespace, name) DO UPDATE SET xml = excluded.xml
                    """)
            }
        }
    }

    // MARK: - Helpers for the other DAV writes

    /// Deletes the properties of `path` and of everything below it.
    static func deleteDeadProperties(_ tx: PostgresTransaction, userId: String, subtree path: String) async throws {
        try await tx.execute("DELETE FROM dead_properties WHERE user_id = \(userId) AND \(column: "path", inSubtree: path)")
    }

    /// Copies the properties of `from` (and, with `subtree`, of everything below it) to the
    /// same places below `to`; the caller has cleared `to` first.
    static func copyDeadProperties(_ tx: PostgresTransaction, userId: String, from: String, to: String, subtree: Bool) async throws {
        try await tx.execute(
            """
            INSERT INTO dead_properties (user_id, path, namespace, name, xml)
            SELECT user_id, \(column: "path", rebasedFrom: from, to: to), namespace, name, xml FROM dead_properties
            WHERE user_id = \(userId) AND \(column: "path", at: from, subtree: subtree)
            """)
    }

    /// Re-keys the properties of `from` and everything below it to `to`; the caller has
    /// cleared `to` first.
    static func moveDeadProperties(_ tx: PostgresTransaction, userId: String, from: String, to: String) async throws {
        try await tx.execute(
            """
            UPDATE dead_properties SET path = \(column: "path", rebasedFrom: from, to: to)
            WHERE user_id = \(userId) AND \(column: "path", inSubtree: from)
            """)
    }
}
