import AdminAPI
public import Auth
import Connections
import Foundation
import Hummingbird
public import Logging
import Mail
import Metrics
import PostgresStore
import SQLiteStore
public import Store
import WebUI

extension HorarioApplication {
    /// Opens and migrates the database (SQLite, or PostgreSQL for a `postgres://` URL), creates
    /// `admin` on an empty one, runs `prepare` (the demo data, say), then serves until SIGINT or
    /// SIGTERM; requests in flight finish.
    public static func run(
        _ configuration: AppConfiguration, logger: Logger,
        prepare: (any HorarioStore & DAVStore, PasswordHasher) async throws -> Void = { _, _ in }
    ) async throws {
        let environment = ProcessInfo.processInfo.environment
        if PostgresDatabase.isURL(configuration.database) {
            let store = try await PostgresDatabase(url: configuration.database, logger: logger)
            defer { store.close() }
            // Every instance must open the secrets the others sealed: one key, given to all.
            let keys = try SecretKeyRing.load(environment: environment, defaultFile: "horario.key", create: false)
            try await serve(store, configuration: configuration, keys: keys, logger: logger, prepare: prepare)
        } else {
            let store = try SQLiteDatabase(path: configuration.database)
            let keys = try SecretKeyRing.load(
                environment: environment, defaultFile: SecretKeyRing.defaultFile(forDatabase: configuration.database), create: true)
            if keys.created {
                logger.notice(
                    "created \(keys.source) (mode 0600) for the secrets of calendar connections; back it up with the database, or set HORARIO_SECRET_KEY_FILE"
                )
            }
            try await serve(store, configuration: configuration, keys: keys, logger: logger, prepare: prepare)
        }
    }

    /// The server on an open store.
    static func serve(
        _ store: some HorarioStore & DAVStore, configuration: AppConfiguration, keys: SecretKeyRing.Loaded, logger: Logger,
        prepare: (any HorarioStore & DAVStore, PasswordHasher) async throws -> Void
    ) async throws {
        let hasher = PasswordHasher()
        try await createAdminIfEmpty(store: store, hasher: hasher, logger: logger)
        try await prepare(store, hasher)
        let metrics = ServerMetrics()
        MetricsSystem.bootstrap(metrics.factory)
        let web = WebSettings(
            publicURL: configuration.publicURL, trustProxy: configuration.trustProxy,
            listensOnLoopback: WebSettings.isLoopback(configuration.host))
        if !web.listensOnLoopback, configuration.publicURL?.scheme != "https", !configuration.trustProxy {
            logger.warning(
                "the web UI is served over plain HTTP on \(configuration.host): its cookies cannot be Secure; put it behind HTTPS and set --public-url"
            )
        }
        let oauth = OAuthSettings.fromEnvironment(configuration.oauthEnvironment, publicURL: configuration.publicURL ?? listeningURL(configuration))
        if !oauth.configuredProviders.isEmpty, configuration.publicURL == nil {
            logger.warning("OAuth calendar providers are configured without --public-url: their redirect URI is \(listeningURL(configuration))")
        }
        let connections = ConnectionEngine(
            store: store, vault: CredentialVault(box: keys.box), addresses: .fromEnvironment(), settings: .fromEnvironment(), oauth: oauth,
            logger: logger)
        let mail: BookingMessenger.Settings
        do {
            mail = try BookingMessenger.Settings.fromEnvironment(
                configuration.oauthEnvironment, publicURL: configuration.publicURL ?? listeningURL(configuration))
        } catch {
            throw AppConfigurationError(description: "\(error)")
        }
        let messenger = BookingMessenger(store: store, settings: mail, tokenBox: keys.box, logger: logger)
        let router = router(store: store, hasher: hasher, cache: CredentialCache(), metrics: metrics, web: web, connections: connections)
        let app = Application(
            router: router, server: HTTPLimits.http1(idleTimeout: .seconds(Int64(max(1, configuration.idleTimeout)))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Horario"),
            services: [ConnectionWorkers(engine: connections), MessageWorker(messenger: messenger)], logger: logger)
        let address = configuration.publicURL?.absoluteString ?? "http://\(configuration.host):\(configuration.port)/"
        let database = PostgresDatabase.isURL(configuration.database) ? "PostgreSQL" : configuration.database
        logger.info("Horario serving \(database) on \(address) (web UI: \(address))")
        try await app.runService()
    }

    /// The address the server listens on, as a URL (the redirect URI's base without `--public-url`).
    static func listeningURL(_ configuration: AppConfiguration) -> URL {
        URL(string: "http://\(configuration.host):\(configuration.port)/")!
    }

    /// First run: the user `admin`, with the password from `HORARIO_ADMIN_PASSWORD` or a
    /// generated one printed once.
    ///
    /// Instances starting together on one PostgreSQL database may all find it empty: the
    /// unique username lets one of them create `admin`, and the others take the conflict as
    /// "already done".
    static func createAdminIfEmpty(store: some UserStore, hasher: PasswordHasher, logger: Logger) async throws {
        guard try await store.userCount() == 0 else { return }
        let given = ProcessInfo.processInfo.environment["HORARIO_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let password = given ?? SecureRandom.password()
        do {
            _ = try await store.createUser(
                NewUser(username: "admin", displayName: "Administrator", email: "admin@localhost"), passwordHash: hasher.hash(password))
        } catch StoreError.conflict {
            logger.info("admin was created by another instance")
            return
        }
        if given == nil {
            print("Created user admin with password: \(password)")
            print("(shown once; change it with: horario user passwd admin)")
        } else {
            logger.info("Created user admin with the password from HORARIO_ADMIN_PASSWORD")
        }
    }
}
