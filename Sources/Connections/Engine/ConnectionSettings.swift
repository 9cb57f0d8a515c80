public import Foundation

/// How often the connection workers run and how far ahead they read.
public struct ConnectionSettings: Sendable {
    /// How often the refresher looks for connections due (CONNECTIONS.md §3.2: 15 s).
    public var tick: TimeInterval = 15
    /// How often the outbox worker looks for writes due.
    public var outboxTick: TimeInterval = 2
    /// After a successful read, the next one this much later (± 10 %): 5 min; iCloud 10 min.
    public var refreshInterval: TimeInterval = 300
    public var iCloudRefreshInterval: TimeInterval = 600
    /// Busy time is read for [now − 1 day, now + this].
    public var lookahead: TimeInterval = 180 * 86_400
    /// The live check before a booking waits this long at most.
    public var liveCheckTimeout: TimeInterval = 4
    /// A write to an external calendar is given up (and shown as failed) after this many tries.
    public var maxWriteAttempts = 8

    public init() {}

    /// The defaults, with `HORARIO_CONNECTION_TICK` and `HORARIO_CONNECTION_REFRESH` (seconds)
    /// when set: the tests run the workers fast.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ConnectionSettings {
        var settings = ConnectionSettings()
        if let tick = environment["HORARIO_CONNECTION_TICK"].flatMap(TimeInterval.init), tick > 0 {
            settings.tick = tick
            settings.outboxTick = min(settings.outboxTick, tick)
        }
        if let refresh = environment["HORARIO_CONNECTION_REFRESH"].flatMap(TimeInterval.init), refresh > 0 {
            settings.refreshInterval = refresh
            settings.iCloudRefreshInterval = refresh
        }
        return settings
    }
}
