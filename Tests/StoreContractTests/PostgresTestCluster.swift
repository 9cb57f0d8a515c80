import Foundation
import PostgresNIO

@testable import PostgresStore

/// The PostgreSQL side of the contract suite: a template database migrated once per run, then a
/// copy of it for every test (`CREATE DATABASE … TEMPLATE`), so tests running in parallel never
/// see each other's rows. Nothing is dropped: the cluster is thrown away after the run.
actor PostgresTestCluster {
    static let shared = PostgresTestCluster()

    static let template = "horario_template"

    /// The connection to the base URL's own database, which creates the others.
    private var admin: PostgresClient?
    private var adminRunner: Task<Void, Never>?
    /// Creating and migrating the template: the first test starts it, the others wait for it.
    private var templateReady: Task<Void, any Error>?

    /// A new database copied from the migrated template, opened as the server opens its store.
    func freshDatabase(base: String) async throws -> PostgresStore.PostgresDatabase {
        let admin = try adminClient(base)
        if templateReady == nil {
            templateReady = Task { try await Self.prepareTemplate(base: base, admin: admin) }
        }
        try await templateReady?.value
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await Self.createDatabase(name, admin: admin)
        return try await PostgresStore.PostgresDatabase(url: Self.url(base, database: name), maximumConnections: 4)
    }

    private func adminClient(_ base: String) throws -> PostgresClient {
        if let admin { return admin }
        var configuration = try PostgresURL.configuration(base)
        configuration.options.maximumConnections = 2
        let client = PostgresClient(configuration: configuration)
        adminRunner = Task { await client.run() }
        admin = client
        return client
    }

    /// Creates the template (or keeps one an earlier run against the same cluster left) and
    /// opens the store on it once, which applies the migrations; then closes it, because
    /// PostgreSQL copies a template only while nobody is connected to it.
    private static func prepareTemplate(base: String, admin: PostgresClient) async throws {
        do {
            try await run("CREATE DATABASE \(template)", on: admin)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == PostgresError.Code.duplicateDatabase.raw {
            // Migrating it below brings it up to date.
        }
        let store = try await PostgresStore.PostgresDatabase(url: url(base, database: template), maximumConnections: 2)
        store.close()
    }

    /// `CREATE DATABASE name TEMPLATE horario_template`, retried while the template's last
    /// connections are still closing (55006: "source database is being accessed by other users").
    private static func createDatabase(_ name: String, admin: PostgresClient) async throws {
        var attempts = 0
        while true {
            do {
                try await run("CREATE DATABASE \"\(name)\" TEMPLATE \(template)", on: admin)
                return
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == PostgresError.Code.objectInUse.raw && attempts < 50 {
                attempts += 1
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Runs a statement that binds nothing (database names cannot be bound) to its end.
    private static func run(_ sql: String, on client: PostgresClient) async throws {
        _ = try await client.query(PostgresQuery(unsafeSQL: sql)).collect()
    }

    /// `base` with its database part replaced by `database`.
    static func url(_ base: String, database: String) throws -> String {
        guard var components = URLComponents(string: base) else {
            throw InvalidURL(value: base)
        }
        components.path = "/" + database
        guard let url = components.string else { throw InvalidURL(value: base) }
        return url
    }

    struct InvalidURL: Error, CustomStringConvertible {
        let value: String
        var description: String { "\(StoreKind.postgresVariable) is not a URL: \(value)" }
    }
}
