import ArgumentParser
import Foundation
import PostgresStore
import SQLiteStore
import Store

/// Which database a command works on: `--database URL` (or `HORARIO_DATABASE_URL`) for
/// PostgreSQL, else the SQLite file of `--data PATH` (or a `--database` that is a path).
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("SQLite database file.", valueName: "path"))
    var path = "./horario.sqlite"

    @Option(
        name: .customLong("database"),
        help: ArgumentHelp("A postgres:// URL (HORARIO_DATABASE_URL), or a SQLite file; wins over --data.", valueName: "url"))
    var url: String?

    /// `--database` or `HORARIO_DATABASE_URL`, if given.
    private var given: String? {
        url ?? ProcessInfo.processInfo.environment["HORARIO_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The PostgreSQL URL given, if any.
    var postgresURL: String? {
        given.flatMap { PostgresDatabase.isURL($0) ? $0 : nil }
    }

    /// The SQLite file: `--data`, or a `--database` that is not a URL.
    var sqlitePath: String {
        given.flatMap { PostgresDatabase.isURL($0) ? nil : $0 } ?? path
    }

    /// Opens and migrates the database. Unless `creating`, a missing SQLite file is an error
    /// rather than a new empty database, so a mistyped path does not look like a database
    /// without users.
    func open(creating: Bool = false) async throws -> any HorarioStore & DAVStore {
        if let postgresURL { return try await PostgresDatabase(url: postgresURL, maximumConnections: 2) }
        let path = sqlitePath
        if !creating, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("no database at \(path) (create one with `horario user add` or `horario serve`)")
        }
        return try SQLiteDatabase(path: path)
    }
}
