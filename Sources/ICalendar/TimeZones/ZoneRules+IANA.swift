import Foundation
import Synchronization

extension ZoneRules {
    /// The IANA zone called `name`, through Foundation's time-zone database; nil when unknown.
    ///
    /// The first request builds the zone's transition table for 1900–2100 from Foundation
    /// and caches it, so later lookups are binary searches.
    public static func iana(_ name: String) -> ZoneRules? {
        if let cached = ianaCache.withLock({ $0[name] }) { return cached }
        let rules = TimeZone(identifier: name).map { build(from: $0, identifier: name) }
        ianaCache.withLock { $0[name] = .some(rules) }
        return rules
    }

    /// UTC, the zone of `Z` values.
    public static let utc = ZoneRules.fixed(identifier: "UTC", offset: 0)

    private static let ianaCache = Mutex<[String: ZoneRules?]>([:])

    /// Range of years tabulated; outside it the offset at the nearest end holds.
    private static let firstTabulatedYear = 1850
    private static let lastTabulatedYear = 2200

    private static func build(from zone: TimeZone, identifier: String) -> ZoneRules {
        let start = Instant(utc: LocalDateTime(year: firstTabulatedYear, month: 1, day: 1)).secondsSince1970
        let end = Instant(utc: LocalDateTime(year: lastTabulatedYear, month: 1, day: 1)).secondsSince1970
        func offsetAt(_ t: Int64) -> Int { zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))) }
        let initial = offsetAt(start)
        var transitions: [Transition] = []
        var current = initial
        var cursor = Date(timeIntervalSince1970: TimeInterval(start))
        // Foundation reports every rule change (not only DST) as a transition.
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor) {
            let t = Int64(next.timeIntervalSince1970.rounded(.down))
            if t >= end { break }
            let after = offsetAt(t)
            if after != current {
                transitions.append(Transition(instant: t, offsetAfter: after))
                current = after
            }
            cursor = next
        }
        return ZoneRules(identifier: identifier, initialOffset: initial, transitions: transitions)
    }
}
