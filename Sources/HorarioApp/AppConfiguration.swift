/// What `horario serve` runs: where it listens, its database, its connection limits.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The SQLite file (created and migrated if needed).
    public var databasePath: String
    /// Seconds a connection may go without a complete request head (see ``HTTPLimits``).
    public var idleTimeout: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, databasePath: String = "./horario.sqlite", idleTimeout: Int = 30) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.idleTimeout = idleTimeout
    }
}
