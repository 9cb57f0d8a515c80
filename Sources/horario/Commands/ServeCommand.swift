import AdminAPI
import ArgumentParser
import Auth
import CalDAV
import Foundation
import Hummingbird
import Logging
import Metrics
import SQLiteStore
import Store

/// `horario serve`: the server on an embedded SQLite file, migrated on start. On an empty
/// database it creates `admin` and prints its password once, so one command gives a working
/// server. SIGINT/SIGTERM shut it down gracefully (requests in flight finish).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Horario server.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: "SQLite database file (created and migrated if needed).")
    var data = "./horario.sqlite"

    @Flag(help: "Fill an empty database with the spec's use cases (Dr. João, Dr. Maria, Dr. Ana) first.")
    var demo = false

    @Option(help: "Seconds a connection may stay without a complete request head (idle, or reading one slowly) before it is closed.")
    var idleTimeout = 30

    mutating func run() async throws {
        MallocArenas.limitToCores()
        var logger = Logger(label: "horario")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let store = try SQLiteDatabase(path: data)
        let hasher = PasswordHasher()
        try await Bootstrap.createAdminIfEmpty(store: store, hasher: hasher, logger: logger)
        if demo {
            if try await store.user(username: "joao") == nil {
                for line in try await DemoData.seed(store, hasher: hasher) { print("demo user \(line)") }
            } else {
                logger.info("demo data already present")
            }
        }
        let metrics = ServerMetrics()
        MetricsSystem.bootstrap(metrics.factory)
        let cache = CredentialCache()
        let router = AdminAPI.buildRouter(store: store, hasher: hasher, cache: cache, metrics: metrics)
        CalDAVServer(store: store).addRoutes(to: router, hasher: hasher, cache: cache)
        let app = Application(
            router: router, server: HTTPLimits.http1(idleTimeout: .seconds(Int64(max(1, idleTimeout)))),
            configuration: .init(address: .hostname(host, port: port), serverName: "Horario"), logger: logger)
        logger.info("Horario serving \(data) on http://\(host):\(port)/")
        try await app.runService()
    }
}

/// First-run set-up.
enum Bootstrap {
    /// On an empty database: the user `admin`, with the password from `HORARIO_ADMIN_PASSWORD`
    /// or a generated one printed once.
    static func createAdminIfEmpty(store: SQLiteDatabase, hasher: PasswordHasher, logger: Logger) async throws {
        guard try await store.userCount() == 0 else { return }
        let given = ProcessInfo.processInfo.environment["HORARIO_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let password = given ?? SecureRandom.password()
        _ = try await store.createUser(
            NewUser(username: "admin", displayName: "Administrator", email: "admin@localhost"), passwordHash: hasher.hash(password))
        if given == nil {
            print("Created user admin with password: \(password)")
            print("(shown once; change it with: horario user passwd admin)")
        } else {
            logger.info("Created user admin with the password from HORARIO_ADMIN_PASSWORD")
        }
    }
}
