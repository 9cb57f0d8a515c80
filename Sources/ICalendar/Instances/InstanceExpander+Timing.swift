extension InstanceExpander {
    /// How values of one object map to instants.
    struct Context {
        let resolver: TimeZoneResolver
        let floatingZone: ZoneRules

        /// The zone a value is read in: its TZID's rules, UTC, or the floating zone (also for
        /// TZIDs nobody can resolve, which RFC 5545 readers treat as floating).
        func zone(for value: DateOrDateTime) -> ZoneRules {
            switch value {
            case .date: return floatingZone
            case .dateTime(let dateTime):
                switch dateTime.form {
                case .utc: return .utc
                case .floating: return floatingZone
                case .zoned(let tzid): return resolver.rules(for: tzid) ?? floatingZone
                }
            }
        }

        func instant(_ value: DateOrDateTime) -> Instant {
            if case .dateTime(let dateTime) = value, dateTime.form == .utc { return Instant(utc: dateTime.local) }
            return zone(for: value).instant(for: value.local)
        }

        func timing(of component: Component) -> Timing? {
            guard let startProperty = component.property("DTSTART"), let start = try? startProperty.dateOrDateTime() else { return nil }
            var timing = Timing(startValue: start, start: instant(start), length: .none)
            if let endProperty = component.property(component.name == "VTODO" ? "DUE" : "DTEND"), let end = try? endProperty.dateOrDateTime() {
                timing.length = .exact(max(0, instant(end).secondsSince1970 - timing.start.secondsSince1970))
            } else if let duration = try? component.property("DURATION")?.duration() {
                timing.length = .nominal(duration)
            } else if start.isDate {
                // RFC 5545 §3.6.1: an all-day VEVENT without DTEND lasts one day.
                timing.length = .nominal(DurationValue(days: 1))
            }
            return timing
        }

        func override(_ component: Component, index: Int) -> Override? {
            guard let idProperty = component.property("RECURRENCE-ID"), let id = try? idProperty.dateOrDateTime() else { return nil }
            let recurrenceInstant = instant(id)
            let timing = timing(of: component)
            let start = timing?.start ?? recurrenceInstant
            let end = timing.map { $0.end(from: $0.start, startValue: $0.startValue, context: self) } ?? start
            return Override(
                index: index, recurrenceID: id, recurrenceInstant: recurrenceInstant, start: start, end: end,
                thisAndFuture: idProperty.parameter("RANGE")?.uppercased() == "THISANDFUTURE", isAllDay: timing?.startValue.isDate ?? id.isDate)
        }
    }

    /// Start and length of a component.
    struct Timing {
        enum Length {
            case none
            case exact(Int64)
            case nominal(DurationValue)
        }

        var startValue: DateOrDateTime
        var start: Instant
        var length: Length

        /// An upper bound on an instance's length (nominal days may gain an hour over DST).
        var longestSpan: Int64 {
            switch length {
            case .none: return 0
            case .exact(let seconds): return seconds
            case .nominal(let duration): return max(0, duration.nominalSeconds) + (duration.days != 0 ? 3 * 3600 : 0)
            }
        }

        /// The end of an occurrence starting at `start`: nominal days step on the wall clock
        /// of the start's zone (RFC 5545 §3.3.6), exact spans in seconds.
        func end(from start: Instant, startValue: DateOrDateTime, context: Context) -> Instant {
            switch length {
            case .none: return start
            case .exact(let seconds): return start.adding(seconds: seconds)
            case .nominal(let duration):
                let zone = context.zone(for: startValue)
                let local = zone.local(for: start)
                let shifted = zone.instant(for: local.adding(seconds: Int64(duration.days) * 86_400))
                return max(start, shifted.adding(seconds: Int64(duration.seconds)))
            }
        }
    }

    /// An override component and where it moves its occurrence.
    struct Override {
        var index: Int
        var recurrenceID: DateOrDateTime
        var recurrenceInstant: Instant
        var start: Instant
        var end: Instant
        var thisAndFuture: Bool
        var isAllDay: Bool

        /// How far a THISANDFUTURE override moves the occurrences after it.
        var shift: Int64 { start.secondsSince1970 - recurrenceInstant.secondsSince1970 }
        var span: Int64 { end.secondsSince1970 - start.secondsSince1970 }

        func instance(uid: String) -> Instance? {
            Instance(uid: uid, start: start, end: end, recurrenceID: recurrenceID, componentIndex: index, isOverride: true, isAllDay: isAllDay)
        }
    }
}
