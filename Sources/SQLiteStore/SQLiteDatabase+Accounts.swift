public import Availability
public import Foundation
import GRDB
public import Store

extension SQLiteDatabase: AccountStore {
    public func updateProfile(_ changes: ProfileChanges, userId: String) async throws -> User {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE users SET display_name = ?, language = ?, time_zone = ? WHERE id = ?",
                arguments: [changes.displayName, changes.language, changes.timeZone, userId])
            guard db.changesCount == 1, let record = try UserRecord.fetchOne(db, key: userId) else { throw StoreError.notFound("user \(userId)") }
            return record.user
        }
    }

    public func defaultLimits(userId: String) async throws -> EventTypeLimits? {
        let json = try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT default_limits FROM users WHERE id = ?", arguments: [userId])
        }
        return try json.map { try JSONDecoder().decode(EventTypeLimits.self, from: Data($0.utf8)) }
    }

    public func setDefaultLimits(_ limits: EventTypeLimits, userId: String) async throws {
        let json = String(decoding: try JSONEncoder().encode(limits), as: UTF8.self)
        try await pool.write { db in
            try db.execute(sql: "UPDATE users SET default_limits = ? WHERE id = ?", arguments: [json, userId])
        }
    }

    public func tokens(ownedBy userId: String) async throws -> [APIToken] {
        try await pool.read { db in
            try APITokenRecord.fetchAll(db, sql: "SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, name", arguments: [userId])
                .map { APIToken(id: $0.id, userId: $0.userId, name: $0.name, createdAt: $0.createdAt) }
        }
    }

    public func deleteToken(id: String, ownedBy userId: String) async throws {
        let deleted = try await pool.write { db in
            try db.execute(sql: "DELETE FROM api_tokens WHERE id = ? AND user_id = ?", arguments: [id, userId])
            return db.changesCount
        }
        if deleted == 0 { throw StoreError.notFound("token \(id)") }
    }

    public func createSession(_ session: WebSession) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO web_sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [session.idHash, session.userId, session.csrfToken, session.createdAt, session.expiresAt])
        }
    }

    public func session(idHash: String, now: Date) async throws -> (session: WebSession, user: User)? {
        try pointRead { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM web_sessions WHERE id_hash = ? AND expires_at > ?"), arguments: [idHash, now]),
                let user = try UserRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [row["user_id"]])
            else { return nil }
            let session = WebSession(
                idHash: row["id_hash"], userId: row["user_id"], csrfToken: row["csrf_token"], createdAt: row["created_at"],
                expiresAt: row["expires_at"])
            return (session, user.user)
        }
    }

    public func touchSession(idHash: String, expiresAt: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE web_sessions SET expires_at = ? WHERE id_hash = ?", arguments: [expiresAt, idHash])
        }
    }

    public func deleteSession(idHash: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM web_sessions WHERE id_hash = ?", arguments: [idHash]) }
    }

    public func deleteSessions(ofUser userId: String, except idHash: String?) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM web_sessions WHERE user_id = ? AND id_hash IS NOT ?", arguments: [userId, idHash])
        }
    }

    @discardableResult public func deleteExpiredSessions(before date: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM web_sessions WHERE expires_at <= ?", arguments: [date])
            return db.changesCount
        }
    }
}
