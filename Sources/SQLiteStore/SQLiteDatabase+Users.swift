import Foundation
import GRDB
public import Store

extension SQLiteDatabase: UserStore {
    public func createUser(_ new: NewUser, passwordHash: String) async throws -> User {
        let record = UserRecord(
            id: Self.newID(), username: new.username, displayName: new.displayName, email: new.email, timeZone: new.timeZone,
            language: nil, passwordHash: passwordHash, createdAt: Date(), credentialVersion: 0)
        do {
            try await pool.write { db in try record.insert(db) }
        } catch {
            throw StoreError.from(error, conflict: "a user with username \"\(new.username)\" or e-mail \"\(new.email)\" already exists")
        }
        return record.user
    }

    public func user(id: String) async throws -> User? {
        try pointRead { db in try UserRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [id])?.user }
    }

    public func user(username: String) async throws -> User? {
        try await pool.read { db in try UserRecord.filter(UserRecord.Columns.username == username).fetchOne(db)?.user }
    }

    public func users() async throws -> [User] {
        try await pool.read { db in try UserRecord.order(UserRecord.Columns.username).fetchAll(db).map(\.user) }
    }

    public func userCount() async throws -> Int {
        try await pool.read { db in try UserRecord.fetchCount(db) }
    }

    public func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        try await pool.read { db in
            try UserRecord.filter(UserRecord.Columns.username == username).fetchOne(db).map { ($0.user, $0.passwordHash) }
        }
    }

    public func setPasswordHash(_ hash: String, username: String) async throws {
        let changed = try await pool.write { db in
            try UserRecord.filter(UserRecord.Columns.username == username).updateAll(
                db, Column("password_hash").set(to: hash), Column("credential_version").set(to: Column("credential_version") + 1))
        }
        if changed == 0 { throw StoreError.notFound("user \(username)") }
    }

    public func createToken(userId: String, name: String, tokenHash: String) async throws -> APIToken {
        let record = APITokenRecord(id: Self.newID(), userId: userId, name: name, tokenHash: tokenHash, createdAt: Date())
        do {
            try await pool.write { db in try record.insert(db) }
        } catch {
            throw StoreError.from(error, conflict: "token could not be stored")
        }
        return APIToken(id: record.id, userId: userId, name: name, createdAt: record.createdAt)
    }

    public func user(tokenHash: String) async throws -> User? {
        try await pool.read { db in
            try UserRecord.fetchOne(
                db, sql: "SELECT users.* FROM users JOIN api_tokens ON api_tokens.user_id = users.id WHERE api_tokens.token_hash = ?",
                arguments: [tokenHash])?.user
        }
    }
}
