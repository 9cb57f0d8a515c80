import Foundation
import Logging
import PostgresNIO

/// Applies the frozen migrations, in order, in one transaction that first takes the migration
/// lock: instances starting together wait for the first, then find nothing left to do.
/// PostgreSQL's DDL is transactional, so a failed migration leaves the schema as it was.
enum PostgresMigrations {
    /// `pg_advisory_xact_lock` key of migrations and the first-start bootstrap ("HORARIO1").
    static let lockKey: Int64 = 0x484F_5241_5249_4F31

    /// Every migration, oldest first: an identifier and its statements. Never edit a shipped
    /// one; append.
    static let all: [(identifier: String, statements: [String])] = [
        (PostgresSchemaV1.identifier, PostgresSchemaV1.statements)
    ]

    static func migrate(_ database: PostgresDatabase) async throws {
        try await database.write { tx in
            try await tx.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
            try await tx.execute(
                "CREATE TABLE IF NOT EXISTS horario_migrations (identifier text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            let applied = Set(try await tx.rows("SELECT identifier FROM horario_migrations").map { try $0.decode(String.self) })
            for migration in all where !applied.contains(migration.identifier) {
                for statement in migration.statements {
                    try await tx.execute(PostgresQuery(unsafeSQL: statement))
                }
                try await tx.execute("INSERT INTO horario_migrations (identifier) VALUES (\(migration.identifier))")
            }
        }
    }
}
