import GRDB

extension SQLiteDatabase {
    /// Runs one short statement's read on the calling thread.
    ///
    /// GRDB's async `read` hops twice through dispatch queues (wait for a reader, then run on
    /// its queue) and back, inside a transaction; for a lookup by key those hops, their thread
    /// wake-ups and BEGIN/COMMIT cost more than the query, and every DAV request makes two or
    /// three such lookups (measured: GET of one object 955 → 1,550 req/s at concurrency 1).
    ///
    /// Only for one statement bounded by a key (SQLite reads a statement from one snapshot,
    /// so it needs no transaction) and quick to run: the calling thread is a Swift concurrency
    /// worker, blocked meanwhile. It reads through ``PointReaders``, never the pool (see
    /// there why).
    func pointRead<T>(_ body: (Database) throws -> T) throws -> T {
        try pointReaders.read(body)
    }
}
