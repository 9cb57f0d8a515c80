import Foundation

/// Counts failed sign-ins per username and per client address and refuses further attempts
/// for a while once either passes its limit. Unknown usernames count like known ones, so the
/// refusal reveals nothing about which accounts exist. Memory is bounded: the oldest keys go first.
actor LoginThrottle {
    struct Limit: Sendable {
        var failures: Int
        var window: TimeInterval
    }

    let perUsername: Limit
    let perAddress: Limit
    let capacity: Int
    private var failures: [String: [Date]] = [:]

    init(
        perUsername: Limit = Limit(failures: 5, window: 900), perAddress: Limit = Limit(failures: 20, window: 900), capacity: Int = 10_000
    ) {
        self.perUsername = perUsername
        self.perAddress = perAddress
        self.capacity = capacity
    }

    /// Seconds until another attempt is allowed, or nil when it is allowed now.
    func retryAfter(username: String, address: String?, now: Date) -> TimeInterval? {
        let waits = [
            wait(key: "u:" + username.lowercased(), limit: perUsername, now: now),
            address.flatMap { wait(key: "a:" + $0, limit: perAddress, now: now) },
        ].compactMap { $0 }
        return waits.max()
    }

    func recordFailure(username: String, address: String?, now: Date) {
        record("u:" + username.lowercased(), now: now, window: perUsername.window)
        if let address { record("a:" + address, now: now, window: perAddress.window) }
    }

    /// A successful sign-in clears the username's count (not the address's).
    func recordSuccess(username: String) {
        failures["u:" + username.lowercased()] = nil
    }

    private func wait(key: String, limit: Limit, now: Date) -> TimeInterval? {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < limit.window }
        guard recent.count >= limit.failures, let oldest = recent.first else { return nil }
        return max(1, limit.window - now.timeIntervalSince(oldest))
    }

    private func record(_ key: String, now: Date, window: TimeInterval) {
        var list = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        list.append(now)
        failures[key] = list
        if failures.count > capacity, let stalest = failures.min(by: { ($0.value.last ?? now) < ($1.value.last ?? now) })?.key {
            failures[stalest] = nil
        }
    }
}
