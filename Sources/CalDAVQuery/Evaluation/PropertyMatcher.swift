import ICalendar

/// Evaluates prop-filters and param-filters (RFC 4791 §9.7.2, §9.7.3) on one component.
struct PropertyMatcher {
    let timeline: ObjectTimeline

    /// Some property called `filter.name` passes the text-match or time-range and every
    /// param-filter; with is-not-defined, there is no such property.
    func matches(_ filter: PropFilter, in component: Component) -> Bool {
        if filter.isNotDefined { return !component.properties.contains { $0.name == filter.name } }
        var found = false
        for property in component.properties where property.name == filter.name {
            found = true
            if let textMatch = filter.textMatch, !textMatch.matches(PropertyMatcher.text(of: property)) { continue }
            if let range = filter.timeRange, !instants(of: property).contains(where: { range.contains($0) }) { continue }
            if filter.paramFilters.allSatisfy({ matches($0, on: property) }) { return true }
        }
        // RFC 4791 §9.9: a VEVENT's DURATION stands for its DTEND, a VTODO's for its DUE.
        if !found, let range = filter.timeRange, filter.paramFilters.isEmpty, let effective = effectiveEnd(named: filter.name, in: component) {
            return range.contains(effective)
        }
        return false
    }

    func matches(_ filter: ParamFilter, on property: Property) -> Bool {
        var values: [String] = []
        var found = false
        for parameter in property.parameters where parameter.name == filter.name {
            found = true
            values += parameter.values
        }
        if filter.isNotDefined { return !found }
        guard found else { return false }
        guard let textMatch = filter.textMatch else { return true }
        return values.contains { textMatch.matches($0) }
    }

    /// The value text-match compares: TEXT unescaped (RFC 5545 §3.3.11), others as written.
    static func text(of property: Property) -> String {
        property.value.utf8.contains(92) ? property.text : property.value
    }

    /// The date-times a property holds: one for DTSTART and the like, several for EXDATE and
    /// RDATE (a PERIOD counts by its start); none when it holds no date.
    func instants(of property: Property) -> [Instant] {
        switch property.name {
        case "EXDATE":
            return ((try? property.dateList()) ?? []).map(timeline.instant)
        case "RDATE":
            return ((try? property.recurrenceDates()) ?? []).map { value in
                switch value {
                case .date(let date): return timeline.instant(.date(date))
                case .dateTime(let dateTime): return timeline.instant(.dateTime(dateTime))
                case .period(let period): return timeline.instant(.dateTime(period.start))
                }
            }
        case "TRIGGER" where property.valueType != "DATE-TIME":
            return []
        default:
            return timeline.instant(of: property).map { [$0] } ?? []
        }
    }

    /// DTSTART+DURATION for a missing DTEND (VEVENT) or DUE (VTODO).
    func effectiveEnd(named name: String, in component: Component) -> Instant? {
        guard (name == "DTEND" && component.name == "VEVENT") || (name == "DUE" && component.name == "VTODO"),
            let startProperty = component.property("DTSTART"), let startValue = try? startProperty.dateOrDateTime(),
            let duration = try? component.property("DURATION")?.duration()
        else { return nil }
        return timeline.adding(duration, to: timeline.instant(startValue), of: startValue)
    }
}
