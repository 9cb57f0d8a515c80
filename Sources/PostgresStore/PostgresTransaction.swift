import Foundation
import Logging
import NIOCore
import PostgresNIO
import Store

/// One connection inside a transaction, with the few ways the store runs statements. Every
/// interpolated value in a `PostgresQuery` is bound as a parameter (`$n`), never spliced.
struct PostgresTransaction {
    let connection: PostgresConnection
    let logger: Logger

    /// All rows of a statement.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    /// The first row, or nil.
    func row(_ query: PostgresQuery) async throws -> PostgresRow? {
        try await rows(query).first
    }

    /// Runs a statement for its effect; returns the rows it changed (from the command tag).
    @discardableResult
    func execute(_ query: PostgresQuery) async throws -> Int {
        let result: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
        return try await result.get().metadata.rows ?? 0
    }

    /// The expert's transaction lock: every writer of an expert's busy time (bookings,
    /// reschedules, cancellations, objects in their calendars) takes it first, so the re-check
    /// of busy time and the insert happen as one step across instances. Released at commit or
    /// rollback. A hash collision between two experts only serializes them.
    func lockExpert(_ userId: String) async throws {
        try await execute("SELECT pg_advisory_xact_lock(hashtextextended(\(userId), 0))")
    }

    /// The calendar row's lock, taken before any object of it is compared (If-Match) or written,
    /// so revisions advance one writer at a time. Returns the current sync revision, or nil
    /// when the calendar does not exist.
    func lockCalendar(_ calendarId: String) async throws -> Int? {
        try await row("SELECT sync_revision FROM calendars WHERE id = \(calendarId) FOR UPDATE")?.decode(Int.self)
    }
}

extension PostgresRow {
    /// The named column, decoded (`Optional` for nullable columns).
    func column<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try makeRandomAccess()[name].decode(T.self, context: .default)
    }
}

extension PostgresRandomAccessRow {
    /// The named column, decoded (`Optional` for nullable columns).
    func column<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name].decode(T.self, context: .default)
    }
}

extension PostgresDatabase {
    /// A write transaction at READ COMMITTED (the store's explicit locks do the rest). A lock
    /// held longer than 5 s gives up instead of hanging the request. Serialization failures
    /// and deadlocks are retried (at most 10 tries, 50–300 ms apart), so `body` must do nothing
    /// but database work.
    func write<T: Sendable>(_ body: (PostgresTransaction) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    let tx = PostgresTransaction(connection: connection, logger: logger)
                    try await tx.execute("SET LOCAL lock_timeout = '5s'")
                    return try await body(tx)
                }
            } catch let error where PostgresFailure.isTransient(error) && attempt < 9 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 50...300)))
            } catch {
                throw PostgresFailure.storeError(error)
            }
        }
    }

    /// A read-only transaction in one snapshot (`REPEATABLE READ`): a listing and its
    /// revision, or a change log and its token, come from the same commit.
    func read<T: Sendable>(_ body: (PostgresTransaction) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                let tx = PostgresTransaction(connection: connection, logger: logger)
                try await tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                return try await body(tx)
            }
        } catch {
            throw PostgresFailure.storeError(error)
        }
    }
}

/// SQLSTATEs the store reacts to (PostgreSQL's appendix A, "Error Codes").
enum PostgresFailure {
    /// The error itself, without postgres-nio's transaction wrapper: what the closure threw,
    /// or what BEGIN or COMMIT met.
    static func unwrapped(_ error: any Error) -> any Error {
        guard let wrapped = error as? PostgresTransactionError else { return error }
        return wrapped.closureError ?? wrapped.commitError ?? wrapped.beginError ?? error
    }

    static func sqlState(_ error: any Error) -> String? {
        (unwrapped(error) as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// The constraint a violation names, when the server said.
    static func constraint(_ error: any Error) -> String? {
        (unwrapped(error) as? PSQLError)?.serverInfo?[.constraintName]
    }

    /// 40001 serialization failure, 40P01 deadlock: the transaction may simply be run again.
    static func isTransient(_ error: any Error) -> Bool {
        ["40001", "40P01"].contains(sqlState(error))
    }

    static func isUniqueViolation(_ error: any Error) -> Bool { sqlState(error) == "23505" }

    /// What a caller sees of a database refusal that no statement handled itself: an overlap
    /// the lock should have prevented is the same 409 as a refused slot; a lock not granted in
    /// time is `busy` (503, send again); anything else is an error of the server.
    static func storeError(_ error: any Error) -> any Error {
        switch sqlState(error) {
        case "23P01": return StoreError.conflict("the time overlaps another booking")
        case "23505": return StoreError.conflict("that already exists (\(constraint(error) ?? "unique constraint"))")
        case "23503": return StoreError.notFound("a referenced record")
        case "55P03": return StoreError.busy("the record is busy with another write; try again")
        default: return unwrapped(error)
        }
    }
}
