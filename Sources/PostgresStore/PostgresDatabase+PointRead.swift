import Foundation
import PostgresNIO
import Store

extension PostgresDatabase {
    /// One statement on a pooled connection, outside any transaction: a statement reads one
    /// snapshot by itself, and BEGIN, SET TRANSACTION and COMMIT would triple the round trips
    /// of the lookups every request makes (its user, its session). Only for a single statement.
    func pointRead<T: Sendable>(_ body: (PostgresTransaction) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await body(PostgresTransaction(connection: connection, logger: logger))
            }
        } catch {
            throw PostgresFailure.storeError(error)
        }
    }
}
