public import Foundation

/// What `horario serve` runs: where it listens, its database, its connection limits, and how
/// browsers reach it.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The database: a SQLite file (created and migrated if needed), or a `postgres://` URL
    /// (migrated if needed) that several instances share.
    public var database: String
    /// Seconds a connection may go without a complete request head (see ``HTTPLimits``).
    public var idleTimeout: Int
    /// The address users open (`--public-url`, `HORARIO_PUBLIC_URL`), when not the listening one.
    public var publicURL: URL?
    /// Whether `X-Forwarded-For` and `X-Forwarded-Proto` come from a proxy we trust (`--trust-proxy`).
    public var trustProxy: Bool
    /// Where the OAuth clients and the mail relay come from (`HORARIO_GOOGLE_CLIENT_ID`,
    /// `HORARIO_SMTP_URL`…, with `serve`'s flags applied).
    public var oauthEnvironment: [String: String] = ProcessInfo.processInfo.environment

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: String = "./horario.sqlite", idleTimeout: Int = 30, publicURL: URL? = nil,
        trustProxy: Bool = false
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.idleTimeout = idleTimeout
        self.publicURL = publicURL
        self.trustProxy = trustProxy
    }
}

/// A setting `serve` cannot start with, said in one line.
public struct AppConfigurationError: Error, CustomStringConvertible {
    public var description: String
}
