import ICalendar
import Synchronization

/// Interpreted VTIMEZONEs, shared by every evaluation in the process.
///
/// Objects from Outlook and friends carry the same custom VTIMEZONE (a TZID that is no IANA
/// name) over and over; interpreting one expands its rules over centuries, which costs far
/// more than evaluating the object. Equal components share one interpretation.
enum VTimeZoneCache {
    private static let cache = Mutex<[Component: ZoneRules?]>([:])
    /// Enough for every distinct zone a server meets; past it the cache starts over.
    private static let capacity = 512

    /// The rules of `vtimezone`, nil when it cannot be interpreted.
    static func rules(for vtimezone: Component) -> ZoneRules? {
        if let cached = cache.withLock({ $0[vtimezone] }) { return cached }
        let rules = try? VTimeZoneRules.rules(from: vtimezone)
        cache.withLock { cache in
            if cache.count >= capacity { cache.removeAll() }
            cache[vtimezone] = .some(rules)
        }
        return rules
    }
}
