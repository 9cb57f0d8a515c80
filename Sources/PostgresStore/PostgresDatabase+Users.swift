import Foundation
import PostgresNIO
public import Store

extension PostgresDatabase: UserStore {
    public func createUser(_ new: NewUser, passwordHash: String) async throws -> User {
        // A taken username or e-mail (any case) inserts nothing rather than aborting the transaction.
        let row = try await write { tx in
            try await tx.row(
                """
                INSERT INTO users (id, username, display_name, email, time_zone, password_hash, created_at)
                VALUES (\(Self.newID()), \(new.username), \(new.displayName), \(new.email), \(new.timeZone), \(passwordHash), \(Date()))
                ON CONFLICT DO NOTHING
                RETURNING \(unescaped: UserRow.columns)
                """
            ).map(UserRow.decode)
        }
        guard let row else { throw StoreError.conflict("a user with username \"\(new.username)\" or e-mail \"\(new.email)\" already exists") }
        return row
    }

    public func user(id: String) async throws -> User? {
        try await pointRead { tx in try await Self.user(tx, id: id) }
    }

    public func user(username: String) async throws -> User? {
        try await pointRead { tx in try await Self.user(tx, username: username) }
    }

    public func users() async throws -> [User] {
        try await pointRead { tx in
            try await tx.rows("SELECT \(unescaped: UserRow.columns) FROM users ORDER BY username COLLATE \"C\"").map(UserRow.decode)
        }
    }

    public func userCount() async throws -> Int {
        try await pointRead { tx in try await tx.row("SELECT count(*) FROM users")?.decode(Int.self) ?? 0 }
    }

    public func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        let found = try await pointRead { tx in
            try await tx.row("SELECT \(unescaped: UserRow.credentialColumns) FROM users WHERE username = \(username)").map(UserRow.decodeCredentials)
        }
        return found.map { ($0.user, $0.passwordHash) }
    }

    /// Also moves the credential version, so every instance's cached verification of the old
    /// password stops counting at its next request.
    public func setPasswordHash(_ hash: String, username: String) async throws {
        let changed = try await write { tx in
            try await tx.execute(
                "UPDATE users SET password_hash = \(hash), credential_version = credential_version + 1 WHERE username = \(username)")
        }
        if changed == 0 { throw StoreError.notFound("user \(username)") }
    }

    public func createToken(userId: String, name: String, tokenHash: String) async throws -> APIToken {
        // SQLite refuses a missing user or a hash stored twice alike, as a constraint: so does this.
        let token = try await write { tx in
            try await tx.row(
                """
                INSERT INTO api_tokens (id, user_id, name, token_hash, created_at)
                SELECT \(Self.newID()), id, \(name), \(tokenHash), \(Date()) FROM users WHERE id = \(userId)
                ON CONFLICT DO NOTHING
                RETURNING \(unescaped: APITokenRow.columns)
                """
            ).map(APITokenRow.decode)
        }
        guard let token else { throw StoreError.conflict("token could not be stored") }
        return token
    }

    public func user(tokenHash: String) async throws -> User? {
        try await pointRead { tx in
            try await tx.row(
                """
                SELECT \(unescaped: UserRow.columns) FROM users JOIN api_tokens ON api_tokens.user_id = users.id
                WHERE api_tokens.token_hash = \(tokenHash)
                """
            ).map(UserRow.decode)
        }
    }

    /// The user's credential version, nil for a user that does not exist: what a credential
    /// cached on this instance is compared with before it is trusted again.
    public func credentialVersion(userId: String) async throws -> Int? {
        try await pointRead { tx in try await tx.row("SELECT credential_version FROM users WHERE id = \(userId)")?.decode(Int.self) }
    }

    // MARK: - Helpers

    static func user(_ tx: PostgresTransaction, id: String) async throws -> User? {
        try await tx.row("SELECT \(unescaped: UserRow.columns) FROM users WHERE id = \(id)").map(UserRow.decode)
    }

    static func user(_ tx: PostgresTransaction, username: String) async throws -> User? {
        try await tx.row("SELECT \(unescaped: UserRow.columns) FROM users WHERE username = \(username)").map(UserRow.decode)
    }

    /// The user's credential version; `notFound` for a user that does not exist.
    static func credentialVersion(_ tx: PostgresTransaction, userId: String) async throws -> Int {
        guard let version = try await tx.row("SELECT credential_version FROM users WHERE id = \(userId)")?.decode(Int.self) else {
            throw StoreError.notFound("user \(userId)")
        }
        return version
    }

    /// Moves the user's credential version: a password or token they had stops counting on
    /// every instance at its next request.
    static func bumpCredentialVersion(_ tx: PostgresTransaction, userId: String) async throws {
        try await tx.execute("UPDATE users SET credential_version = credential_version + 1 WHERE id = \(userId)")
    }

    /// The user's row lock (`FOR NO KEY UPDATE`): writers of a user's schedules and event types
    /// take it first, so "one default schedule", slug checks and in-use checks see one writer at
    /// a time across instances. Inserts that only reference the user are not blocked. Returns
    /// false when the user does not exist.
    @discardableResult
    static func lockUser(_ tx: PostgresTransaction, _ userId: String) async throws -> Bool {
        try await tx.row("SELECT 1 FROM users WHERE id = \(userId) FOR NO KEY UPDATE") != nil
    }
}
