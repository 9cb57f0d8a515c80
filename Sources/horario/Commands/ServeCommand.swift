import ArgumentParser
import Foundation
import HorarioApp
import Logging
import PostgresStore
import SQLiteStore
import Store

/// `horario serve`: reads the configuration and runs the application (`HorarioApplication`) on
/// an embedded SQLite file, migrated on start. On an empty database it creates `admin` and
/// prints its password once, so one command gives a working server. SIGINT/SIGTERM shut it
/// down gracefully (requests in flight finish).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Horario server.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(
        help: ArgumentHelp(
            "SQLite database file (created and migrated if needed).", discussion: "Ignored when --database or HORARIO_DATABASE_URL is given."))
    var data = "./horario.sqlite"

    @Option(
        help: ArgumentHelp(
            "A postgres:// URL: run on PostgreSQL, shared by every instance given the same URL (HORARIO_DATABASE_URL); a path is a SQLite file.",
            discussion: "postgres://user:password@host:5432/horario?sslmode=require; ?host=/run/postgresql for a Unix socket."))
    var database: String?

    @Flag(help: "Fill an empty database with the spec's use cases (Dr. João, Dr. Maria, Dr. Ana) first.")
    var demo = false

    @Option(help: "Seconds a connection may stay without a complete request head (idle, or reading one slowly) before it is closed.")
    var idleTimeout = 30

    @Option(
        help: ArgumentHelp(
            "The address users open, e.g. https://horario.example.org, when a proxy stands in front.",
            discussion: "Defaults to HORARIO_PUBLIC_URL. Decides the web UI's cookies (Secure over HTTPS) and its same-origin check."))
    var publicURL: String?

    @Flag(help: "Trust X-Forwarded-For and X-Forwarded-Proto from the proxy in front (HORARIO_TRUST_PROXY=1).")
    var trustProxy = false

    @Option(help: "Google OAuth client id for Google Calendar connections (HORARIO_GOOGLE_CLIENT_ID).")
    var googleClientId: String?

    @Option(help: "Google OAuth client secret (HORARIO_GOOGLE_CLIENT_SECRET).")
    var googleClientSecret: String?

    @Option(help: "Microsoft OAuth client id for Outlook.com and Microsoft 365 connections (HORARIO_MICROSOFT_CLIENT_ID).")
    var microsoftClientId: String?

    @Option(help: "Microsoft OAuth client secret (HORARIO_MICROSOFT_CLIENT_SECRET).")
    var microsoftClientSecret: String?

    @Option(
        help: "The relay booking messages go through: smtp://user:password@host:587 (STARTTLS), smtps://…:465, smtp://host:25 (HORARIO_SMTP_URL).")
    var smtpURL: String?

    @Option(help: "The sender address of booking messages (HORARIO_MAIL_FROM).")
    var mailFrom: String?

    mutating func run() async throws {
        MallocArenas.limitToCores()
        var logger = Logger(label: "horario")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let environment = ProcessInfo.processInfo.environment
        let publicText = publicURL ?? environment["HORARIO_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
        var publicAddress: URL?
        if let publicText {
            guard let url = URL(string: publicText), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw ValidationError("--public-url \"\(publicText)\" is not an http:// or https:// URL")
            }
            publicAddress = url
        }
        // Flags win over the environment; both end up as the OAuth and mail settings' source.
        var oauthEnvironment = environment
        for (flag, name) in [
            (googleClientId, "HORARIO_GOOGLE_CLIENT_ID"), (googleClientSecret, "HORARIO_GOOGLE_CLIENT_SECRET"),
            (microsoftClientId, "HORARIO_MICROSOFT_CLIENT_ID"), (microsoftClientSecret, "HORARIO_MICROSOFT_CLIENT_SECRET"),
            (smtpURL, "HORARIO_SMTP_URL"), (mailFrom, "HORARIO_MAIL_FROM"),
        ] {
            if let flag { oauthEnvironment[name] = flag }
        }
        var configuration = AppConfiguration(
            host: host, port: port, database: Self.database(flag: database, data: data, environment: environment), idleTimeout: idleTimeout,
            publicURL: publicAddress,
            trustProxy: trustProxy || ["1", "true", "yes"].contains(environment["HORARIO_TRUST_PROXY"]?.lowercased() ?? ""))
        configuration.oauthEnvironment = oauthEnvironment
        let demo = self.demo
        try await HorarioApplication.run(configuration, logger: logger) { store, hasher in
            guard demo else { return }
            if try await store.user(username: "joao") == nil {
                for line in try await DemoData.seed(store, hasher: hasher) { print("demo user \(line)") }
            } else {
                logger.info("demo data already present")
            }
        }
    }

    /// `--database`, else `HORARIO_DATABASE_URL`, else the SQLite file of `--data`. A value
    /// that is not a `postgres://` URL is a SQLite file.
    static func database(flag: String?, data: String, environment: [String: String]) -> String {
        flag ?? environment["HORARIO_DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) ?? data
    }
}
