import Foundation
import GRDB
import Store

/// Horario's storage on one SQLite file: WAL mode through a `DatabasePool` (concurrent readers,
/// one writer), foreign keys on, a busy timeout, migrated on open.
///
/// Every public write is one transaction that keeps its invariants (one default schedule per
/// user, a calendar per schedule), so a failed request changes nothing.
///
/// ## Topics
/// - Users: `SQLiteDatabase+Users.swift`
/// - Schedules: `SQLiteDatabase+Schedules.swift`
public final class SQLiteDatabase: Sendable {
    let pool: DatabasePool
    public let path: String
    /// Calendar listings at the revision they were read (PROPFIND Depth 1, first syncs).
    let listings = ListingCache()
    /// Connections for the key lookups of ``pointRead(_:)``.
    let pointReaders: PointReaders

    /// Opens (creating if needed) and migrates the database at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "horario"
        // No `PRAGMA mmap_size`: each connection maps the file anew and every mapping's pages
        // count in the process's resident memory (eight connections, eight times the file; the
        // CalDAV benchmark's peak RSS fell from 186 to 108 MiB without it, at the same speed),
        // and an I/O error on a mapped page is a SIGBUS, not an error code.
        pool = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try Migrations.migrator.migrate(pool)
        // One per thread of Swift concurrency's pool (one per core) that may look up at once.
        pointReaders = PointReaders(path: path, configuration: configuration, capacity: max(2, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// A database in a fresh temporary file, for tests and tools.
    public static func temporary() throws -> SQLiteDatabase {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("horario-\(UUID().uuidString).sqlite").path
        return try SQLiteDatabase(path: path)
    }

    /// The applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    static func newID() -> String { UUID().uuidString.lowercased() }
}

extension StoreError {
    /// Maps SQLite constraint failures that can reach the caller to conflicts.
    static func from(_ error: any Error, conflict: String) -> any Error {
        if let databaseError = error as? DatabaseError, databaseError.resultCode == .SQLITE_CONSTRAINT {
            return StoreError.conflict(conflict)
        }
        return error
    }
}
