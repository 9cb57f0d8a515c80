import Foundation
import PostgresStore
import SQLiteStore
import Store
import Testing

/// A store under test, seen only through the protocols the server uses.
typealias TestStore = any HorarioStore & DAVStore

/// The stores the contract suite runs against. Every test takes one as its argument
/// (`@Test(arguments: StoreKind.available)`) and opens a fresh, migrated, empty store of that
/// kind with ``open()``, so the same assertions hold both stores to one behaviour.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// Names the PostgreSQL server to test against: a base URL such as
    /// `postgres://horario@localhost/postgres?host=<socket directory>&port=5432` (what
    /// `scripts/postgres-cluster start` prints), whose user may create databases. Each test
    /// gets a database of its own on that server; the URL's database part is replaced.
    static let postgresVariable = "HORARIO_TEST_POSTGRES"

    /// SQLite always; PostgreSQL when ``postgresVariable`` is set, and under `CI=true` even
    /// when it is not, so that a CI run without PostgreSQL fails instead of passing on SQLite alone.
    static var available: [StoreKind] { resolved }

    var testDescription: String { rawValue }

    /// A fresh, migrated, empty store: a temporary SQLite file, or a new PostgreSQL database
    /// copied from a migrated template (see ``PostgresTestCluster``).
    func open() async throws -> TestStore {
        switch self {
        case .sqlite:
            return try SQLiteDatabase.temporary()
        case .postgres:
            guard let base = Self.postgresURL else { throw PostgresMissing() }
            return try await PostgresTestCluster.shared.freshDatabase(base: base)
        }
    }

    private static let postgresURL: String? = {
        guard let value = ProcessInfo.processInfo.environment[postgresVariable], !value.isEmpty else { return nil }
        return value
    }()

    private static let underCI = ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true"

    /// Decided once, so the note is printed once.
    private static let resolved: [StoreKind] = {
        guard postgresURL != nil || underCI else {
            print("note: the store contract tests run on SQLite only; set \(postgresVariable) to a postgres:// URL to run them on PostgreSQL too")
            return [.sqlite]
        }
        return [.sqlite, .postgres]
    }()

    /// Thrown by every PostgreSQL test under `CI=true` without a server to run on.
    struct PostgresMissing: Error, CustomStringConvertible {
        var description: String { "PostgreSQL is required under CI=true: \(StoreKind.postgresVariable) is not set" }
    }
}
