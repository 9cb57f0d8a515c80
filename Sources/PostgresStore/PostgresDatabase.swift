import Foundation
public import Logging
import PostgresNIO
import Store

/// Horario's storage on PostgreSQL, for several instances sharing one database. Implements the
/// same store protocols as `SQLiteDatabase`, with the same SQL shapes where the dialects agree.
///
/// SQLite serialized every write of a process; PostgreSQL runs writers in parallel, so each
/// read-check-write here names its lock (SCALE-OUT.md §6):
/// - booking writes take the expert's transaction lock first (``PostgresTransaction/lockExpert(_:)``),
///   then re-check and insert; the `bookings_no_overlap` constraint backs them up;
/// - object writes lock their calendar's row before the If-Match check and the revision bump;
/// - multi-statement reads run in one `REPEATABLE READ` snapshot (``read(_:)``);
/// - background work is claimed with leases and `FOR UPDATE SKIP LOCKED`.
public final class PostgresDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// Calendar listings at the revision they were read (the revision is read from the database
    /// on every request, so another instance's writes never leave this wrong).
    let listings = ListingCache()
    private let runner: Task<Void, Never>

    /// Connects to `url` (see ``PostgresURL``) and applies pending migrations under the
    /// migration lock, so instances starting together migrate once.
    public init(url: String, maximumConnections: Int = 20, logger: Logger = Logger(label: "horario.postgres")) async throws {
        var configuration = try PostgresURL.configuration(url)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectionIdleTimeout = .seconds(30)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        // Lease requests made before `run()` starts wait anyway, but warn: start it first.
        let (started, signal) = AsyncStream<Void>.makeStream()
        runner = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        do {
            try await PostgresMigrations.migrate(self)
        } catch {
            runner.cancel()
            throw error
        }
    }

    deinit { runner.cancel() }

    /// Closes the pool's connections.
    public func close() { runner.cancel() }

    /// The applied migrations, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await read { tx in
            try await tx.rows("SELECT identifier FROM horario_migrations ORDER BY applied_at, identifier").map { try $0.decode(String.self) }
        }
    }

    /// Whether `value` is a PostgreSQL URL (`postgres://`, `postgresql://`) rather than a SQLite file.
    public static func isURL(_ value: String) -> Bool { PostgresURL.isPostgres(value) }

    static func newID() -> String { UUID().uuidString.lowercased() }
}
