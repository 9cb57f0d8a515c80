import Availability
import Foundation
import PostgresNIO
import Store

/// Reads the database URL operators give (`--database`, `HORARIO_DATABASE_URL`), in libpq's
/// form: `postgres://user:password@host:port/database?sslmode=…`. A `host` query parameter
/// that is a directory means the server's Unix socket there (`DIR/.s.PGSQL.PORT`), as libpq
/// reads it.
enum PostgresURL {
    /// Whether `value` names a PostgreSQL database rather than a SQLite file.
    static func isPostgres(_ value: String) -> Bool {
        value.hasPrefix("postgres://") || value.hasPrefix("postgresql://")
    }

    static func configuration(_ value: String) throws -> PostgresClient.Configuration {
        guard isPostgres(value), let components = URLComponents(string: value) else {
            throw StoreError.invalid([.init(path: "database", message: "\"\(value)\" is not a postgres:// URL")])
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? "postgres"
        let password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding } ?? query["password"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? (query["dbname"] ?? username) : (path.removingPercentEncoding ?? path)
        let port = components.port ?? query["port"].flatMap(Int.init) ?? 5432
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            return .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password, database: database)
        }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError.invalid([.init(path: "database", message: "the database URL names no host")])
        }
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? "prefer" {
        case "disable": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        return .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
    }
}
