import Auth
import Foundation
import Hummingbird
import SQLiteStore
import Store

/// A request context for the middleware tests: Hummingbird's core storage plus an identity.
struct TestContext: AuthenticatedRequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: User?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }
}

/// The real SQLite store, counting how often passwords were looked up for verification: a
/// wrapper that lets a test see the credential cache at work, not a stand-in for the store.
struct CountingUserStore: UserStore {
    actor Counter {
        private(set) var value = 0
        func increment() { value += 1 }
    }

    let base: SQLiteDatabase
    let credentialLookups = Counter()

    func createUser(_ user: NewUser, passwordHash: String) async throws -> User {
        try await base.createUser(user, passwordHash: passwordHash)
    }
    func user(id: String) async throws -> User? { try await base.user(id: id) }
    func user(username: String) async throws -> User? { try await base.user(username: username) }
    func users() async throws -> [User] { try await base.users() }
    func userCount() async throws -> Int { try await base.userCount() }
    func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        await credentialLookups.increment()
        return try await base.credentials(username: username)
    }
    func setPasswordHash(_ hash: String, username: String) async throws {
        try await base.setPasswordHash(hash, username: username)
    }
    func createToken(userId: String, name: String, tokenHash: String) async throws -> APIToken {
        try await base.createToken(userId: userId, name: name, tokenHash: tokenHash)
    }
    func user(tokenHash: String) async throws -> User? { try await base.user(tokenHash: tokenHash) }
}

/// Runs `body` with a fresh SQLite file and removes the file afterwards.
func withTemporaryDatabase<Value>(_ body: (SQLiteDatabase) async throws -> Value) async throws -> Value {
    let database = try SQLiteDatabase.temporary()
    defer {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
    }
    return try await body(database)
}
