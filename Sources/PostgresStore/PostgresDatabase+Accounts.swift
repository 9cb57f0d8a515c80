public import Availability
public import Foundation
import PostgresNIO
public import Store

extension PostgresDatabase: AccountStore {
    public func updateProfile(_ changes: ProfileChanges, userId: String) async throws -> User {
        let user = try await write { tx in
            try await tx.row(
                """
                UPDATE users SET display_name = \(changes.displayName), language = \(changes.language), time_zone = \(changes.timeZone)
                WHERE id = \(userId)
                RETURNING \(unescaped: UserRow.columns)
                """
            ).map(UserRow.decode)
        }
        guard let user else { throw StoreError.notFound("user \(userId)") }
        return user
    }

    public func defaultLimits(userId: String) async throws -> EventTypeLimits? {
        let json: String? = try await pointRead { tx in
            try await tx.row("SELECT default_limits::text FROM users WHERE id = \(userId)")?.decode(String?.self) ?? nil
        }
        return try json.map { try JSONColumn.decode(EventTypeLimits.self, $0) }
    }

    public func setDefaultLimits(_ limits: EventTypeLimits, userId: String) async throws {
        let json = try JSONColumn.encode(limits)
        try await write { tx in
            _ = try await tx.execute("UPDATE users SET default_limits = \(json)::jsonb WHERE id = \(userId)")
        }
    }

    public func tokens(ownedBy userId: String) async throws -> [APIToken] {
        try await pointRead { tx in
            try await tx.rows(
                "SELECT \(unescaped: APITokenRow.columns) FROM api_tokens WHERE user_id = \(userId) ORDER BY created_at DESC, name COLLATE \"C\""
            )
            .map(APITokenRow.decode)
        }
    }

    /// A revoked token moves its owner's credential version, so no instance keeps trusting a
    /// cached verification of it.
    public func deleteToken(id: String, ownedBy userId: String) async throws {
        let deleted = try await write { tx in
            let deleted = try await tx.execute("DELETE FROM api_tokens WHERE id = \(id) AND user_id = \(userId)")
            if deleted > 0 { try await Self.bumpCredentialVersion(tx, userId: userId) }
            return deleted
        }
        if deleted == 0 { throw StoreError.notFound("token \(id)") }
    }

    public func createSession(_ session: WebSession) async throws {
        try await write { tx in
            _ = try await tx.execute(
                """
                INSERT INTO web_sessions (id_hash, user_id, csrf_token, created_at, expires_at)
                VALUES (\(session.idHash), \(session.userId), \(session.csrfToken), \(session.createdAt), \(session.expiresAt))
                """)
        }
    }

    public func session(idHash: String, now: Date) async throws -> (session: WebSession, user: User)? {
        let found = try await pointRead { tx -> Found? in
            guard
                let row = try await tx.row(
                    """
                    SELECT web_sessions.id_hash AS session_id_hash, web_sessions.csrf_token AS session_csrf_token,
                      web_sessions.created_at AS session_created_at, web_sessions.expires_at AS session_expires_at, \(unescaped: UserRow.columns)
                    FROM web_sessions JOIN users ON users.id = web_sessions.user_id
                    WHERE web_sessions.id_hash = \(idHash) AND web_sessions.expires_at > \(now)
                    """)
            else { return nil }
            let cells = row.makeRandomAccess()
            let user = try UserRow.decode(cells)
            let session = WebSession(
                idHash: try cells.column("session_id_hash"), userId: user.id, csrfToken: try cells.column("session_csrf_token"),
                createdAt: try cells.column("session_created_at"), expiresAt: try cells.column("session_expires_at"))
            return Found(session: session, user: user)
        }
        return found.map { ($0.session, $0.user) }
    }

    /// A session with its user, as one value that may cross the connection's task.
    private struct Found: Sendable {
        var session: WebSession
        var user: User
    }

    public func touchSession(idHash: String, expiresAt: Date) async throws {
        try await write { tx in
            _ = try await tx.execute("UPDATE web_sessions SET expires_at = \(expiresAt) WHERE id_hash = \(idHash)")
        }
    }

    public func deleteSession(idHash: String) async throws {
        try await write { tx in _ = try await tx.execute("DELETE FROM web_sessions WHERE id_hash = \(idHash)") }
    }

    public func deleteSessions(ofUser userId: String, except idHash: String?) async throws {
        try await write { tx in
            _ = try await tx.execute("DELETE FROM web_sessions WHERE user_id = \(userId) AND id_hash IS DISTINCT FROM \(idHash)")
        }
    }

    @discardableResult public func deleteExpiredSessions(before date: Date) async throws -> Int {
        try await write { tx in try await tx.execute("DELETE FROM web_sessions WHERE expires_at <= \(date)") }
    }
}
