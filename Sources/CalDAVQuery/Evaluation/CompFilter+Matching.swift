public import ICalendar

extension CompFilter {
    /// Whether the calendar object `calendar` (its VCALENDAR) matches this filter, read as
    /// the root of a `<C:filter>` (RFC 4791 §9.7).
    ///
    /// Time ranges consider every instance of recurring components, overrides and
    /// THISANDFUTURE included (RFC 4791 §9.9). Floating times and DATEs are read in
    /// `floatingZone`: the request's `<C:timezone>`, else the calendar's
    /// `calendar-timezone`, else UTC (RFC 4791 §7.3).
    ///
    /// `memo`, kept with the parsed object between calls, saves expanding its recurrences again.
    public func matches(_ calendar: Component, floatingZone: ZoneRules = .utc, memo: InstanceMemo? = nil) -> Bool {
        guard calendar.name == name else { return false }
        let evaluator = FilterEvaluator(timeline: ObjectTimeline(calendar: calendar, floatingZone: floatingZone, memo: memo))
        return evaluator.matchesRoot(self)
    }
}

/// Evaluates a parsed filter against one object.
struct FilterEvaluator {
    let timeline: ObjectTimeline

    /// Where a component sits, which decides how its time range is read.
    enum Location {
        /// The VCALENDAR itself.
        case calendar
        /// A direct child of the VCALENDAR, by index.
        case topLevel(Int)
        /// Deeper; `topLevel` is the index of the top-level component it is inside.
        case nested(topLevel: Int)

        var topLevelIndex: Int? {
            switch self {
            case .calendar: return nil
            case .topLevel(let index), .nested(let index): return index
            }
        }
    }

    func matchesRoot(_ filter: CompFilter) -> Bool {
        let calendar = timeline.calendar
        for propFilter in filter.propFilters where !matchesAtRoot(propFilter) { return false }
        for compFilter in filter.compFilters where !matches(compFilter, in: calendar, at: .calendar) { return false }
        if let range = filter.timeRange {
            // RFC 4791 gives VCALENDAR no time range; without a component type it reads as
            // "some component (not a VTIMEZONE) overlaps".
            return calendar.components.indices.contains { index in
                calendar.components[index].name != "VTIMEZONE" && timeline.overlaps(topLevelIndex: index, range: range)
            }
        }
        return true
    }

    /// A prop-filter directly under the VCALENDAR comp-filter. RFC 4791 reads it against the
    /// VCALENDAR's own properties, and so does this when the VCALENDAR has that property
    /// (PRODID, METHOD, X-WR-CALNAME, …). Otherwise — a client that left the component type out
    /// of the filter, asking for CATEGORIES or SUMMARY — it is read against the calendar's
    /// components (not VTIMEZONEs): one of them must pass.
    private func matchesAtRoot(_ filter: PropFilter) -> Bool {
        let calendar = timeline.calendar
        let properties = PropertyMatcher(timeline: timeline)
        if calendar.properties.contains(where: { $0.name == filter.name }) { return properties.matches(filter, in: calendar) }
        let members = calendar.components.filter { $0.name != "VTIMEZONE" }
        if filter.isNotDefined { return members.allSatisfy { properties.matches(filter, in: $0) } }
        return members.contains { properties.matches(filter, in: $0) }
    }

    /// A comp-filter in the scope of `scope`: some child called `filter.name` passes every
    /// test, or, with is-not-defined, there is none.
    func matches(_ filter: CompFilter, in scope: Component, at scopeLocation: Location) -> Bool {
        var found = false
        for (index, child) in scope.components.enumerated() where child.name == filter.name {
            if filter.isNotDefined { return false }
            found = true
            let location: Location
            switch scopeLocation {
            case .calendar: location = .topLevel(index)
            case .topLevel(let top), .nested(let top): location = .nested(topLevel: top)
            }
            if matchesComponent(filter, child, at: location) { return true }
        }
        return filter.isNotDefined && !found
    }

    /// The tests of `filter` on one component; the time range comes last, being the costliest.
    private func matchesComponent(_ filter: CompFilter, _ component: Component, at location: Location) -> Bool {
        let properties = PropertyMatcher(timeline: timeline)
        for propFilter in filter.propFilters where !properties.matches(propFilter, in: component) { return false }
        for compFilter in filter.compFilters where !matches(compFilter, in: component, at: location) { return false }
        guard let range = filter.timeRange else { return true }
        switch location {
        case .calendar:
            return false
        case .topLevel(let index):
            return timeline.overlaps(topLevelIndex: index, range: range)
        case .nested(let top):
            guard component.name == "VALARM" else { return false }
            let parent = timeline.calendar.components[top]
            // Only alarms directly inside the top-level component have its instances.
            guard parent.components.contains(component) else { return false }
            return timeline.alarmFires(component, parentIndex: top, range: range)
        }
    }
}
