import ICalendar

/// One calendar object being evaluated: how its values map to instants, and its recurring
/// components grouped into recurrence sets (master plus overrides, by UID).
///
/// Built per object and filled lazily, so a filter that never looks at time never resolves a
/// time zone, and VTIMEZONEs whose TZID is an IANA name (the system's rules win over them,
/// see ``TimeZoneResolver``) are never interpreted.
final class ObjectTimeline {
    let calendar: Component
    let floatingZone: ZoneRules
    /// Instances kept from earlier evaluations of the same parsed object, if the caller has one.
    let memo: InstanceMemo?

    init(calendar: Component, floatingZone: ZoneRules, memo: InstanceMemo? = nil) {
        self.calendar = calendar
        self.floatingZone = floatingZone
        self.memo = memo
    }

    // MARK: - Zones

    private var cachedResolver: TimeZoneResolver?

    /// Resolves TZIDs: VTIMEZONEs of the object for names the system does not know.
    var resolver: TimeZoneResolver {
        if let cachedResolver { return cachedResolver }
        let resolver = ObjectTimeline.resolver(for: calendar)
        cachedResolver = resolver
        return resolver
    }

    /// A resolver that interprets only the VTIMEZONEs it will ever use.
    static func resolver(for calendar: Component) -> TimeZoneResolver {
        var definitions: [String: ZoneRules] = [:]
        for component in calendar.components where component.name == "VTIMEZONE" {
            guard let tzid = component.property("TZID")?.value.trimmingASCIIWhitespace(), !tzid.isEmpty else { continue }
            if TimeZoneResolver.ianaName(for: tzid) != nil { continue }
            if let rules = VTimeZoneCache.rules(for: component) { definitions[tzid] = rules }
        }
        return TimeZoneResolver(definitions: definitions)
    }

    /// The zone a value is read in: UTC, its TZID's rules, or the floating zone for floating
    /// times, DATEs and TZIDs nobody knows (RFC 4791 §7.3).
    func zone(for value: DateOrDateTime) -> ZoneRules {
        guard case .dateTime(let dateTime) = value else { return floatingZone }
        switch dateTime.form {
        case .utc: return .utc
        case .floating: return floatingZone
        case .zoned(let tzid): return resolver.rules(for: tzid) ?? floatingZone
        }
    }

    func instant(_ value: DateOrDateTime) -> Instant {
        if case .dateTime(let dateTime) = value, dateTime.form == .utc { return Instant(utc: dateTime.local) }
        return zone(for: value).instant(for: value.local)
    }

    /// The instant of a DATE or DATE-TIME property, nil when absent or unreadable.
    func instant(of property: Property?) -> Instant? {
        guard let property, let value = try? property.dateOrDateTime() else { return nil }
        return instant(value)
    }

    /// `start` plus `duration`: nominal days on the wall clock of `value`'s zone, then exact
    /// seconds (RFC 5545 §3.3.6).
    func adding(_ duration: DurationValue, to start: Instant, of value: DateOrDateTime) -> Instant {
        guard duration.days != 0 else { return start.adding(seconds: Int64(duration.seconds)) }
        let zone = zone(for: value)
        let shifted = zone.instant(for: zone.local(for: start).adding(seconds: Int64(duration.days) * 86_400))
        return shifted.adding(seconds: Int64(duration.seconds))
    }

    // MARK: - Recurrence sets

    /// The components of one UID and type, as the expander takes them.
    struct RecurrenceGroup: Sendable {
        /// Its place in ``groups`` (nil for a set made up on the spot), the key of its memo.
        var index: Int?
        var components: [Component]
        /// Index of each component in `calendar.components`.
        var topLevelIndices: [Int]
        /// The master has RRULE or RDATE.
        var isRecurring: Bool
        /// The instance expander may need more than a few occurrences to see the window:
        /// overrides can move instances far, and day-long durations widen its look-behind.
        var needsDeepExpansion: Bool
        /// How much longer than the master an RDATE PERIOD instance can be: the expander looks
        /// behind the window only by the master's length, so windows are widened by this.
        var periodLookBehind: Int64 = 0
    }

    private var cachedGroups: [RecurrenceGroup]?
    private var groupOfTopLevelIndex: [Int: (group: Int, position: Int)] = [:]

    static let recurringKinds: Set<String> = ["VEVENT", "VTODO", "VJOURNAL"]

    /// The recurrence sets of the object, in order of first appearance (from the memo when
    /// an earlier evaluation of the same parse made them).
    var groups: [RecurrenceGroup] {
        if let cachedGroups { return cachedGroups }
        let grouping = memo?.grouping { Self.grouping(of: calendar) } ?? Self.grouping(of: calendar)
        cachedGroups = grouping.groups
        groupOfTopLevelIndex = grouping.groupOfTopLevelIndex
        return grouping.groups
    }

    /// The recurrence sets of `calendar`, and where each top-level component sits in them.
    struct Grouping: Sendable {
        var groups: [RecurrenceGroup]
        var groupOfTopLevelIndex: [Int: (group: Int, position: Int)]
    }

    static func grouping(of calendar: Component) -> Grouping {
        var groups: [RecurrenceGroup] = []
        var groupOfTopLevelIndex: [Int: (group: Int, position: Int)] = [:]
        var groupByKey: [String: Int] = [:]
        for (index, component) in calendar.components.enumerated() where ObjectTimeline.recurringKinds.contains(component.name) {
            let key = component.name + "\u{0}" + (component.property("UID")?.value ?? "#\(index)")
            if let existing = groupByKey[key] {
                groupOfTopLevelIndex[index] = (existing, groups[existing].components.count)
                groups[existing].components.append(component)
                groups[existing].topLevelIndices.append(index)
            } else {
                groupByKey[key] = groups.count
                groupOfTopLevelIndex[index] = (groups.count, 0)
                groups.append(
                    RecurrenceGroup(
                        index: groups.count, components: [component], topLevelIndices: [index], isRecurring: false, needsDeepExpansion: false))
            }
        }
        for index in groups.indices {
            let master = groups[index].components.first { $0.property("RECURRENCE-ID") == nil }
            groups[index].isRecurring = master.map { $0.property("RRULE") != nil || $0.property("RDATE") != nil } ?? false
            groups[index].needsDeepExpansion = groups[index].components.count > 1 || master.map(ObjectTimeline.hasDayLongSpan) ?? false
            groups[index].periodLookBehind = master.map(ObjectTimeline.longestPeriod) ?? 0
        }
        return Grouping(groups: groups, groupOfTopLevelIndex: groupOfTopLevelIndex)
    }

    /// The recurrence set holding the top-level component at `index`, and its position there.
    func group(containing index: Int) -> (group: RecurrenceGroup, position: Int)? {
        let groups = self.groups
        guard let location = groupOfTopLevelIndex[index] else { return nil }
        return (groups[location.group], location.position)
    }

    private static func hasDayLongSpan(_ component: Component) -> Bool {
        if let duration = try? component.property("DURATION")?.duration(), duration.days != 0 { return true }
        if component.property("DTEND") == nil, component.property("DURATION") == nil,
            (try? component.property("DTSTART")?.dateOrDateTime())?.isDate == true
        {
            return true
        }
        return false
    }

    /// The longest RDATE PERIOD of a master, in seconds (an upper bound: days count 25 hours).
    private static func longestPeriod(_ master: Component) -> Int64 {
        var longest: Int64 = 0
        for property in master.properties where property.name == "RDATE" {
            for case .period(let period) in (try? property.recurrenceDates()) ?? [] {
                switch period.end {
                case .explicit(let end): longest = max(longest, end.local.naiveSeconds - period.start.local.naiveSeconds + 86_400)
                case .duration(let duration): longest = max(longest, duration.nominalSeconds + Int64(abs(duration.days)) * 3600)
                }
            }
        }
        return longest
    }

    // MARK: - Instances

    /// Instances of a recurrence set meeting `window` (or, for long RDATE periods, starting
    /// a little before it), sorted by start, at most `limit`. Callers test each instance
    /// exactly, so the extra ones do no harm.
    func instances(of group: RecurrenceGroup, window: Range<Instant>, limit: Int) -> [Instance] {
        let widened = window.lowerBound.adding(seconds: -group.periodLookBehind)..<window.upperBound
        let expand = { (window: Range<Instant>, limit: Int) in
            InstanceExpander.instances(of: group.components, resolver: self.resolver, window: window, floatingZone: self.floatingZone, limit: limit)
        }
        guard let memo, let index = group.index else { return expand(widened, limit) }
        return memo.instances(group: index, zone: floatingZone, window: widened, limit: limit, expand: expand)
    }

    /// Whether an instance described by the top-level component at `index` (its own
    /// occurrences, or the one it overrides) meets `window` and passes `test`.
    ///
    /// A few instances are read first, which answers almost every query; only when that cannot
    /// be conclusive (many instances, or overrides and long spans that make the expander look
    /// behind the window) is the window read in depth.
    func anyInstance(describedBy index: Int, window: Range<Instant>, where test: (Instance, Component) -> Bool) -> Bool {
        guard let (group, position) = group(containing: index) else { return false }
        let component = group.components[position]
        if let recurrenceID = component.property("RECURRENCE-ID"), recurrenceID.parameter("RANGE")?.uppercased() != "THISANDFUTURE" {
            // An override of one occurrence is exactly its own instance, whatever the master does.
            let alone = RecurrenceGroup(index: nil, components: [component], topLevelIndices: [index], isRecurring: false, needsDeepExpansion: false)
            return instances(of: alone, window: window, limit: 4).contains { test($0, component) }
        }
        let firstLimit = 64
        let first = instances(of: group, window: window, limit: firstLimit)
        if first.contains(where: { $0.componentIndex == position && test($0, component) }) { return true }
        guard group.isRecurring, first.count >= firstLimit || group.needsDeepExpansion else { return false }
        let deep = instances(of: group, window: window, limit: 20_000)
        return deep.contains { $0.componentIndex == position && test($0, component) }
    }
}
