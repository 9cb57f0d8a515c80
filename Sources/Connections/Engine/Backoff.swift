public import Foundation

/// When to try a failing connection or write again: `30 s · 2ⁿ` capped at an hour, with full
/// jitter (a random point below the bound, so many failing connections do not retry in step),
/// never sooner than a server's `Retry-After`.
public struct Backoff: Sendable {
    public var base: TimeInterval = 30
    public var cap: TimeInterval = 3600

    public init(base: TimeInterval = 30, cap: TimeInterval = 3600) {
        self.base = base
        self.cap = cap
    }

    /// The delay after the `failures`-th failure in a row (1 for the first).
    public func delay(afterFailures failures: Int, retryAfter: TimeInterval? = nil, random: Double = Double.random(in: 0...1)) -> TimeInterval {
        let exponent = min(max(failures - 1, 0), 20)
        let bound = min(cap, base * pow(2, Double(exponent)))
        // Full jitter, but at least a second: zero would spin.
        let jittered = max(1, bound * random)
        return max(jittered, min(retryAfter ?? 0, 24 * 3600))
    }
}
