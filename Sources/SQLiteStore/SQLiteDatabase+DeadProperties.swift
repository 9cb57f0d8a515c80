import Foundation
import GRDB
public import Store

/// Dead properties (RFC 4918 §4.2) of any resource of a home, keyed by user, home-relative
/// path, namespace and name. The other DAV writes call the helpers below in their own
/// transactions, so properties are deleted, moved and copied with their resources.
extension SQLiteDatabase: DeadPropertyStore {
    /// The properties of one resource, by namespace then name.
    public func deadProperties(path: String, ownedBy userId: String) async throws -> [DeadProperty] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT namespace, name, xml FROM dead_properties WHERE user_id = ? AND path = ? ORDER BY namespace, name",
                arguments: [userId, path]
            ).map { DeadProperty(namespace: $0[0], name: $0[1], xml: $0[2]) }
        }
    }

    /// The properties of several resources in a few statements; paths without any are absent
    /// from the result.
    public func deadProperties(paths: [String], ownedBy userId: String) async throws -> [String: [DeadProperty]] {
        try await pool.read { db in
            var result: [String: [DeadProperty]] = [:]
            let unique = Array(Set(paths))
            for start in stride(from: 0, to: unique.count, by: 500) {
                let chunk = Array(unique[start..<min(start + 500, unique.count)])
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT path, namespace, name, xml FROM dead_properties
                        WHERE user_id = ? AND path IN (\(databaseQuestionMarks(count: chunk.count))) ORDER BY path, namespace, name
                        """,
                    arguments: [userId] + StatementArguments(chunk))
                for row in rows { result[row[0], default: []].append(DeadProperty(namespace: row[1], name: row[2], xml: row[3])) }
            }
            return result
        }
    }

    /// PROPPATCH's write, all or nothing (RFC 4918 §9.2). Removals apply first, so a name
    /// both removed and set ends up set; removing an absent property is not an error.
    public func updateDeadProperties(path: String, ownedBy userId: String, set: [DeadProperty], remove: [XMLQualifiedName]) async throws {
        try await pool.write { db in
            for name in remove {
                try db.execute(
                    sql: "DELETE FROM dead_properties WHERE user_id = ? AND path = ? AND namespace = ? AND name = ?",
                    arguments: [userId, path, name.namespace, name.name])
            }
            for property in set {
                try db.execute(
                    sql: """
                        INSERT INTO dead_properties (user_id, path, namespace, name, xml) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (user_id, path, namespace, name) DO UPDATE SET xml = excluded.xml
                        """,
                    arguments: [userId, path, property.namespace, property.name, property.xml])
            }
        }
    }

    // MARK: - Helpers for the other DAV writes

    /// Deletes the properties of `path` and of everything below it.
    static func deleteDeadProperties(_ db: Database, userId: String, subtree path: String) throws {
        try db.execute(
            sql: "DELETE FROM dead_properties WHERE user_id = ? AND \(HomePath.subtreeCondition("path"))",
            arguments: [userId] + HomePath.subtreeArguments(path))
    }

    /// Copies the properties of `from` (and, with `subtree`, of everything below it) to the
    /// same places below `to`; the caller has cleared `to` first.
    static func copyDeadProperties(_ db: Database, userId: String, from: String, to: String, subtree: Bool) throws {
        let condition = subtree ? HomePath.subtreeCondition("path") : "path = ?"
        let arguments = subtree ? HomePath.subtreeArguments(from) : [from]
        try db.execute(
            sql: """
                INSERT INTO dead_properties (user_id, path, namespace, name, xml)
                SELECT user_id, \(HomePath.rebaseExpression("path")), namespace, name, xml FROM dead_properties
                WHERE user_id = ? AND \(condition)
                """,
            arguments: HomePath.rebaseArguments(from: from, to: to) + [userId] + arguments)
    }

    /// Re-keys the properties of `from` and everything below it to `to`; the caller has
    /// cleared `to` first.
    static func moveDeadProperties(_ db: Database, userId: String, from: String, to: String) throws {
        try db.execute(
            sql: "UPDATE dead_properties SET path = \(HomePath.rebaseExpression("path")) WHERE user_id = ? AND \(HomePath.subtreeCondition("path"))",
            arguments: HomePath.rebaseArguments(from: from, to: to) + [userId] + HomePath.subtreeArguments(from))
    }
}
