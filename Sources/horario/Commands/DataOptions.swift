import ArgumentParser
import Foundation
import SQLiteStore

/// `--data PATH`: the SQLite file every command that touches accounts or schedules works on.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("SQLite database file.", valueName: "path"))
    var path = "./horario.sqlite"

    /// Opens and migrates the database. Unless `creating`, a missing file is an error rather than a
    /// new empty database, so a mistyped path does not look like a database without users.
    func open(creating: Bool = false) throws -> SQLiteDatabase {
        if !creating, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("no database at \(path) (create one with `horario user add` or `horario serve`)")
        }
        return try SQLiteDatabase(path: path)
    }
}
