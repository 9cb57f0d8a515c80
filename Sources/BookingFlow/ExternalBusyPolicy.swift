public import Foundation
public import Store

/// When a connected calendar's cached busy time still counts (CONNECTIONS.md decision 3).
///
/// A cache younger than `staleAfter` is fresh. Older, the connection shows `stale` but its
/// intervals keep counting until `hardStale`. Past that, in `reauth_required`, or never read,
/// the connection makes its owner's whole window busy: no slot is offered that the calendar
/// might hold (Cal.com #29896), and the owner is told why (not the silent empty page of #23506).
public struct ExternalBusyPolicy: Hashable, Sendable {
    public var staleAfter: TimeInterval
    public var hardStale: TimeInterval

    public init(staleAfter: TimeInterval = 15 * 60, hardStale: TimeInterval = 24 * 3600) {
        self.staleAfter = staleAfter
        self.hardStale = hardStale
    }

    /// The defaults, or `HORARIO_CONNECTION_STALE_AFTER` and `HORARIO_CONNECTION_HARD_STALE`
    /// (seconds) when set: operators with slow providers, and tests, tune them.
    public static let standard: ExternalBusyPolicy = {
        let environment = ProcessInfo.processInfo.environment
        var policy = ExternalBusyPolicy()
        if let value = environment["HORARIO_CONNECTION_STALE_AFTER"].flatMap(TimeInterval.init), value > 0 { policy.staleAfter = value }
        if let value = environment["HORARIO_CONNECTION_HARD_STALE"].flatMap(TimeInterval.init), value > 0 { policy.hardStale = value }
        policy.hardStale = max(policy.hardStale, policy.staleAfter)
        return policy
    }()

    /// What the cache of `connection` is worth at `now`.
    public func judge(_ connection: ConnectionFreshness, now: Date) -> Judgement {
        guard connection.status != .reauthRequired else { return .failClosed("needs to be reconnected") }
        guard let lastSync = connection.lastSyncAt else { return .failClosed("has not been read yet") }
        let age = now.timeIntervalSince(lastSync)
        if age > hardStale { return .failClosed("could not be read for \(Int(age / 60)) minutes") }
        return age > staleAfter ? .stale : .fresh
    }

    public enum Judgement: Hashable, Sendable {
        case fresh
        /// Counts, but the connection is shown as stale.
        case stale
        /// Makes the whole window busy, for the reason given.
        case failClosed(String)
    }

    /// The status to show for a stored one at `now`: `ok` turns `stale` when the cache ages.
    public func displayedStatus(_ stored: ConnectionStatus, lastSyncAt: Date?, now: Date) -> ConnectionStatus {
        guard stored == .ok || stored == .error, let lastSyncAt else { return stored }
        return now.timeIntervalSince(lastSyncAt) > staleAfter ? .stale : stored
    }
}
