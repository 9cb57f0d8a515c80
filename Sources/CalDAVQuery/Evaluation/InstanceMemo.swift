import ICalendar
import Synchronization

/// The instances of an object's recurrence sets, expanded once over the whole span the server
/// answers for and kept with the parsed object (``ObjectTimeline`` asks it). Clients query the
/// same weeks of the same calendar again and again; without it every query expands every
/// recurring candidate from its first occurrence (a COUNT must be counted from DTSTART).
///
/// Sets with more than ``maximumInstances`` instances (endless rules, long daily ones) are not
/// kept and are expanded per window as before, as are windows reaching outside ``span`` and
/// sets that no longer fit the shared ``InstanceBudget``. An object's memo lives as long as
/// its parse: a changed object has a new ETag and a new memo.
public final class InstanceMemo: Sendable {
    /// More instances than this are expanded per window instead of kept.
    static let maximumInstances = 1_000
    /// The years the memo covers: the `min-date-time`/`max-date-time` Horario advertises.
    static let span = Instant(utc: LocalDateTime(year: 1900, month: 1, day: 1))..<Instant(utc: LocalDateTime(year: 3000, month: 1, day: 1))
    /// Floating zones kept per object; a query with yet another zone starts the memo over.
    static let maximumZones = 4

    private struct Key: Hashable {
        var group: Int
        var zone: ObjectIdentifier
    }

    private enum Entry {
        /// Every instance, sorted by start.
        case all([Instance])
        /// More than ``maximumInstances``, or more than the budget had left.
        case tooMany
    }

    private struct State {
        var grouping: ObjectTimeline.Grouping?
        var entries: [Key: Entry] = [:]
        /// Held so that an ObjectIdentifier in a key never names a newer zone.
        var zones: [ObjectIdentifier: ZoneRules] = [:]
        /// Instances taken from the budget for `entries`.
        var reserved = 0
    }

    private let state = Mutex(State())
    private let budget: InstanceBudget?

    /// A memo that keeps its instances within `budget`, shared with other memos (nil: no
    /// limit beyond ``maximumInstances`` per set).
    public init(budget: InstanceBudget? = nil) {
        self.budget = budget
    }

    deinit {
        budget?.release(state.withLock { $0.reserved })
    }

    /// The object's recurrence sets, made by `make` on first use.
    func grouping(_ make: () -> ObjectTimeline.Grouping) -> ObjectTimeline.Grouping {
        if let known = state.withLock({ $0.grouping }) { return known }
        let grouping = make()
        state.withLock { $0.grouping = grouping }
        return grouping
    }

    /// The instances of recurrence set `group` meeting `window`, sorted by start, at most
    /// `limit`: from the memo, else from `expand(window, limit)`.
    func instances(
        group: Int, zone: ZoneRules, window: Range<Instant>, limit: Int, expand: (Range<Instant>, Int) -> [Instance]
    ) -> [Instance] {
        guard Self.span.lowerBound <= window.lowerBound, window.upperBound <= Self.span.upperBound else { return expand(window, limit) }
        let key = Key(group: group, zone: ObjectIdentifier(zone))
        let entry: Entry
        if let known = state.withLock({ $0.entries[key] }) {
            entry = known
        } else {
            let all = expand(Self.span, Self.maximumInstances + 1)
            let fits = all.count <= Self.maximumInstances && budget?.reserve(all.count) != false
            entry = fits ? .all(all) : .tooMany  // The expander sorts by start.
            let released = state.withLock { state in
                var released = 0
                if state.zones[key.zone] == nil, state.zones.count >= Self.maximumZones {
                    released = state.reserved
                    state = State(grouping: state.grouping)
                }
                state.zones[key.zone] = zone
                if case .all(let previous) = state.entries.updateValue(entry, forKey: key) {
                    // Two requests expanded the same set at once: the first one's instances go back.
                    released += previous.count
                    state.reserved -= previous.count
                }
                if case .all(let kept) = entry { state.reserved += kept.count }
                return released
            }
            budget?.release(released)
        }
        guard case .all(let all) = entry else { return expand(window, limit) }
        var result: [Instance] = []
        for instance in all {
            if instance.start > window.upperBound { break }
            guard instance.overlaps(window) else { continue }
            result.append(instance)
            if result.count == limit { break }
        }
        return result
    }
}
