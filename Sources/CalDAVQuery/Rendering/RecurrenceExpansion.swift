import ICalendar

/// `<C:expand>` (RFC 4791 §9.6.5): every instance meeting the window becomes a component of
/// its own, with RECURRENCE-ID, times in UTC, no recurrence properties and no VTIMEZONE.
extension ObjectTimeline {
    /// The calendar with its recurrence sets expanded over `window`. Instances are chosen by
    /// the time-range tables of RFC 4791 §9.9. All-day values stay DATEs (they name days,
    /// not instants, so no zone is involved); zoned and floating DATE-TIMEs become UTC.
    /// At most `limit` instances per recurrence set are written (the earliest).
    func expanded(over window: Range<Instant>, limit: Int) -> Component {
        let range = TimeRange(window)
        var result = Component(name: calendar.name, properties: calendar.properties)
        var emittedGroups = Set<Int>()
        for (index, component) in calendar.components.enumerated() {
            if component.name == "VTIMEZONE" { continue }
            guard let (group, _) = group(containing: index) else {
                result.components.append(component)
                continue
            }
            guard let firstIndex = group.topLevelIndices.first, emittedGroups.insert(firstIndex).inserted else { continue }
            if !group.components.contains(where: { $0.property("DTSTART") != nil }) {
                // Nothing to expand (a VTODO with only DUE, say): each component is its own instance.
                for (position, member) in group.components.enumerated() where overlaps(topLevelIndex: group.topLevelIndices[position], range: range) {
                    var copy = member
                    copy.properties = copy.properties.map(convertingZonedTime)
                    result.components.append(copy)
                }
                continue
            }
            var templates: [Int: InstanceTemplate] = [:]
            for instance in instances(of: group, window: range.expansionWindow(), limit: limit) {
                let describing = group.components[instance.componentIndex]
                guard TimeRangeRules.instance(instance, of: describing, overlaps: range, timeline: self) else { continue }
                let template = templates[instance.componentIndex] ?? InstanceTemplate(base: describing, timeline: self)
                templates[instance.componentIndex] = template
                result.components.append(instanceComponent(instance, from: template))
            }
        }
        return result
    }

    /// What every instance described by one component shares, worked out once.
    private struct InstanceTemplate {
        /// The component without recurrence properties, other zoned times in UTC.
        var component: Component
        var startProperty: Property?
        var writesStart: Bool
        var isAllDay: Bool?
        /// DTEND, or DUE for a VTODO.
        var endName: String
        var endProperty: Property?
        var endIsDate: Bool?
        /// DURATION standing in for the end.
        var duration: DurationValue?

        init(base: Component, timeline: ObjectTimeline) {
            component = base
            component.properties = base.properties.filter { !["RRULE", "RDATE", "EXDATE", "EXRULE"].contains($0.name) }.map(
                timeline.convertingZonedTime)
            startProperty = base.property("DTSTART")
            let startValue = try? startProperty?.dateOrDateTime()
            isAllDay = startValue?.isDate
            writesStart = startValue != nil || base.name != "VTODO"
            endName = base.name == "VTODO" ? "DUE" : "DTEND"
            endProperty = base.property(endName)
            endIsDate = (try? endProperty?.dateOrDateTime())?.isDate
            duration = endProperty == nil ? try? base.property("DURATION")?.duration() : nil
        }
    }

    /// One instance as a standalone component.
    private func instanceComponent(_ instance: Instance, from template: InstanceTemplate) -> Component {
        var component = template.component
        let isAllDay = template.isAllDay ?? instance.isAllDay
        if template.writesStart {
            component.replaceProperty(timeProperty("DTSTART", instance.start, asDate: isAllDay, like: template.startProperty))
        }
        if let duration = template.duration {
            // Keep DURATION when it still says how long this instance is; nominal days across
            // a DST change do not, and then the end is written out.
            if duration.nominalSeconds != instance.end.secondsSince1970 - instance.start.secondsSince1970 {
                component.removeProperties(named: "DURATION")
                component.properties.append(timeProperty(template.endName, instance.end, asDate: isAllDay, like: nil))
            }
        } else if let end = template.endProperty {
            component.replaceProperty(timeProperty(template.endName, instance.end, asDate: template.endIsDate ?? isAllDay, like: end))
        }
        if let recurrenceID = instance.recurrenceID {
            let property = timeProperty("RECURRENCE-ID", self.instant(recurrenceID), asDate: recurrenceID.isDate, like: nil)
            component.replaceProperty(property)
        }
        return component
    }

    /// A DATE or UTC DATE-TIME property for `instant`, keeping the parameters of `original`
    /// other than TZID, VALUE and RANGE.
    private func timeProperty(_ name: String, _ instant: Instant, asDate: Bool, like original: Property?) -> Property {
        var parameters = (original?.parameters ?? []).filter { !["TZID", "VALUE", "RANGE"].contains($0.name) }
        guard asDate else { return Property(name: name, parameters: parameters, value: instant.icalString) }
        parameters.append(Parameter(name: "VALUE", value: "DATE"))
        return Property(name: name, parameters: parameters, value: floatingZone.local(for: instant).date.description)
    }

    /// Any other property with a TZID and a single DATE-TIME value, in UTC.
    func convertingZonedTime(_ property: Property) -> Property {
        guard property.parameter("TZID") != nil, case .dateTime(let value)? = try? property.dateOrDateTime() else { return property }
        var converted = property
        converted.setParameter("TZID", nil)
        converted.value = instant(.dateTime(value)).icalString
        return converted
    }
}

extension Component {
    /// Replaces the first property called `property.name` in place (keeping property order),
    /// or appends it.
    mutating func replaceProperty(_ property: Property) {
        guard let index = properties.firstIndex(where: { $0.name == property.name }) else {
            properties.append(property)
            return
        }
        properties[index] = property
        var later = index + 1
        while later < properties.count {
            if properties[later].name == property.name { properties.remove(at: later) } else { later += 1 }
        }
    }
}
