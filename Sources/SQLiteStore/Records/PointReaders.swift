import Dispatch
import GRDB
import Synchronization

/// Read-only connections for the key lookups that run on the calling thread
/// (``SQLiteDatabase/pointRead(_:)``), apart from the pool's readers.
///
/// They cannot be the pool's: GRDB's async `read` holds a pool reader across a suspension
/// (between taking it and running on its queue), so a Swift concurrency thread blocked
/// waiting for a pool reader can wait for a task that needs that very thread. With two
/// threads and eight concurrent PROPFINDs the server stopped for good. These connections
/// are only ever held by a thread running one statement to its end, so a wait for one ends.
final class PointReaders: Sendable {
    private let path: String
    private let configuration: Configuration
    private let available: DispatchSemaphore
    private let idle = Mutex<[DatabaseQueue]>([])

    /// At most `capacity` connections, opened when first needed.
    init(path: String, configuration: Configuration, capacity: Int) {
        var configuration = configuration
        configuration.readonly = true
        self.path = path
        self.configuration = configuration
        available = DispatchSemaphore(value: capacity)
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        available.wait()
        defer { available.signal() }
        let connection = try idle.withLock { $0.popLast() } ?? DatabaseQueue(path: path, configuration: configuration)
        defer { idle.withLock { $0.append(connection) } }
        return try connection.unsafeRead(body)
    }
}

extension SQLiteDatabase {
    /// Runs one short statement's read on the calling thread, through ``PointReaders``.
    ///
    /// GRDB's async `read` hops twice through dispatch queues (wait for a reader, then run on
    /// its queue) and back, inside a transaction; for a lookup by key those hops, their thread
    /// wake-ups and BEGIN/COMMIT cost more than the query, and every DAV request makes two or
    /// three such lookups (GET of one object: 955 → about 2,300 req/s at concurrency 1).
    /// Only for one statement bounded by a key: SQLite reads a statement from one snapshot, so
    /// it needs no transaction, and the calling Swift concurrency thread waits meanwhile.
    func pointRead<T>(_ body: (Database) throws -> T) throws -> T {
        try pointReaders.read(body)
    }
}
