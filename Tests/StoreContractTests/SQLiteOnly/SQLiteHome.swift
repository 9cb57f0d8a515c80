import GRDB
import SQLiteStore
import Store
import Testing

/// The contract suite's ``DAVHome`` on a SQLite file, with the file at hand: for the tests that
/// look at what only SQLite shows (rows the stores do not expose, query plans, triggers, a
/// second pool on the same file).
@dynamicMemberLookup
struct SQLiteHome {
    let home: DAVHome
    let store: SQLiteDatabase

    static func make() async throws -> SQLiteHome {
        let home = try await DAVHome.make(.sqlite)
        return SQLiteHome(home: home, store: try #require(home.store as? SQLiteDatabase))
    }

    subscript<Value>(dynamicMember keyPath: KeyPath<DAVHome, Value>) -> Value { home[keyPath: keyPath] }

    /// The calendar as stored now (its revision moves with every write).
    func reload(_ calendar: CalendarCollection) async throws -> CalendarCollection { try await home.reload(calendar) }

    /// Runs SQL straight on the file, to look at rows the stores do not expose.
    func sql<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) throws -> T {
        try DatabaseQueue(path: store.path).read(body)
    }
}
