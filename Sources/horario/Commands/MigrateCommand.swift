import ArgumentParser
import Foundation
import PostgresStore
import SQLiteStore

/// `horario migrate`: applies pending migrations and exits, for operators who migrate once
/// before starting (or rolling) several instances. `serve` migrates too, under the same lock,
/// so skipping this is safe.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations, then exit.")

    @OptionGroup var data: DataOptions

    func run() async throws {
        if let url = data.postgresURL {
            let database = try await PostgresDatabase(url: url, maximumConnections: 1)
            defer { database.close() }
            print("PostgreSQL schema at \(try await database.appliedMigrations().last ?? "none")")
        } else {
            let database = try SQLiteDatabase(path: data.sqlitePath)
            print("\(data.sqlitePath): schema at \(try database.appliedMigrations().last ?? "none")")
        }
    }
}
