import Foundation
public import ICalendar

extension CompiledSchedule {
    /// The schedule as an RFC 7953 VAVAILABILITY, holding only what RFC 7953 readers
    /// understand: SUMMARY = name, LOCATION = `location.summary`, one weekly AVAILABLE per
    /// merged range of weekly hours, and date overrides as EXDATEs plus one-off AVAILABLEs.
    ///
    /// Each weekly range becomes `DTSTART;TZID=<zone>:<its weekday in the anchor week>T<start>`,
    /// DTEND at the range's end (24:00 is the next day's 00:00) and `RRULE:FREQ=WEEKLY;BYDAY=XX`.
    /// An override date gets an EXDATE, at the range's start time, on every weekly AVAILABLE of
    /// its weekday; a `custom` one also gets one AVAILABLE per slot on that date.
    ///
    /// RFC 5545 §3.8.5.3 gives every instance the exact length of DTSTART–DTEND, while weekly
    /// hours are wall-clock times: a range that contains a DST transition (say 01:00–05:00 on
    /// the night clocks change at 02:00) is one hour longer or shorter in the schedule than in
    /// an RFC reader. Ranges that merely start or end at a transition agree.
    ///
    /// An inactive schedule still exports its hours (the definition, not today's bookability);
    /// ``vavailabilityComponent(uid:dtstamp:)`` adds the flag and everything else RFC 7953 has no
    /// words for.
    public func vavailability(uid: String, dtstamp: Instant) -> VAvailability {
        let tzid = schedule.timezone
        func value(_ date: CalendarDate, minute: Int) -> DateTimeValue {
            DateTimeValue(local: LocalDateTime(date: date).adding(seconds: Int64(minute) * 60), form: .zoned(tzid: tzid))
        }
        let overrideDates = overrides.keys.sorted()
        var blocks: [VAvailability.Available] = []
        for weekday in Weekday.allCases {
            let date = VAvailabilityCodec.anchor.adding(days: weekday.rawValue - 1)
            let excluded = overrideDates.filter { $0.weekday == weekday }
            for (index, range) in (weekly[weekday.rawValue] ?? []).enumerated() {
                blocks.append(
                    VAvailability.Available(
                        uid: "\(uid)-\(weekday.code)-\(index + 1)", start: value(date, minute: range.lowerBound),
                        end: value(date, minute: range.upperBound),
                        rule: RecurrenceRule(frequency: .weekly, byDay: [RecurrenceRule.WeekdayNum(weekday)]),
                        exceptionDates: excluded.map { value($0, minute: range.lowerBound) }))
            }
        }
        for date in overrideDates {
            for (index, range) in (overrides[date]?.ranges ?? []).enumerated() {
                blocks.append(
                    VAvailability.Available(
                        uid: "\(uid)-\(date)-\(index + 1)", start: value(date, minute: range.lowerBound), end: value(date, minute: range.upperBound)))
            }
        }
        return VAvailability(
            uid: uid, dtstamp: dtstamp, summary: schedule.name.isEmpty ? nil : schedule.name, location: schedule.location.summary, available: blocks)
    }

    /// ``vavailability(uid:dtstamp:)`` as a component, plus the `X-HORARIO-*` properties that
    /// make `Schedule(vavailability:)` give back exactly ``Schedule/normalized``.
    ///
    /// The X- properties carry only what RFC 7953 cannot say; hours always come from the
    /// AVAILABLE blocks, so a client that edits those and keeps the X- lines is still obeyed:
    /// - `X-HORARIO-TIMEZONE:America/Sao_Paulo`: the zone, also when no AVAILABLE carries a TZID.
    /// - `X-HORARIO-LOCATION:{"address":{…},"type":"inPerson"}`: the ``Location`` as JSON text.
    /// - `X-HORARIO-DEFAULT:TRUE`, `X-HORARIO-ACTIVE:FALSE`: the two flags (BOOLEAN).
    /// - `X-HORARIO-SCHEDULE-ID`, `X-HORARIO-USER-ID`, `X-HORARIO-ORGANIZATION-ID`: when set.
    /// - `X-HORARIO-OVERRIDE;TYPE=unavailable;REASON="Christmas Day":20251225`: one per date
    ///   override (value a DATE, TYPE `unavailable` or `custom`, REASON only when there is one).
    ///   It carries the reason, and an `unavailable` date whose weekday has no hours (RFC 7953
    ///   has nothing to exclude there).
    public func vavailabilityComponent(uid: String, dtstamp: Instant) -> Component {
        var component = vavailability(uid: uid, dtstamp: dtstamp).component
        component.properties += extensionProperties
        return component
    }

    /// The `X-HORARIO-*` properties; see ``vavailabilityComponent(uid:dtstamp:)``.
    var extensionProperties: [Property] {
        typealias Name = VAvailabilityCodec.PropertyName
        var properties: [Property] = [.text(Name.timezone, schedule.timezone)]
        if let json = VAvailabilityCodec.json(schedule.location) { properties.append(.text(Name.location, json)) }
        properties.append(Property(name: Name.isDefault, value: schedule.isDefault ? "TRUE" : "FALSE"))
        properties.append(Property(name: Name.isActive, value: schedule.isActive ? "TRUE" : "FALSE"))
        if let id = schedule.id { properties.append(.text(Name.scheduleID, id)) }
        if let id = schedule.userId { properties.append(.text(Name.userID, id)) }
        if let id = schedule.organizationId { properties.append(.text(Name.organizationID, id)) }
        for date in overrides.keys.sorted() {
            var property = Property(name: Name.override, value: date.description)
            switch overrides[date]?.source {
            case .customOverride(let reason)?:
                property.setParameter("TYPE", DateOverride.Kind.custom.rawValue)
                property.setParameter("REASON", reason)
            case .unavailableOverride(let reason)?:
                property.setParameter("TYPE", DateOverride.Kind.unavailable.rawValue)
                property.setParameter("REASON", reason)
            case .weekly?, nil:
                continue
            }
            properties.append(property)
        }
        return properties
    }

    /// The schedule in canonical form; see ``Schedule/normalized``.
    var normalizedSchedule: Schedule {
        var result = schedule
        result.availability = Weekday.allCases.compactMap { weekday in
            guard let ranges = weekly[weekday.rawValue], !ranges.isEmpty else { return nil }
            return WeeklyHours(day: VAvailabilityCodec.dayName(weekday), slots: VAvailabilityCodec.slots(ranges))
        }
        result.dateOverrides = overrides.keys.sorted().compactMap { date in
            switch overrides[date]?.source {
            case .customOverride(let reason)?:
                return DateOverride(
                    date: date.isoString, type: .custom, slots: VAvailabilityCodec.slots(overrides[date]?.ranges ?? []), reason: reason)
            case .unavailableOverride(let reason)?:
                return DateOverride(date: date.isoString, type: .unavailable, reason: reason)
            case .weekly?, nil:
                return nil
            }
        }
        return result
    }
}

extension Schedule {
    /// The same schedule in one canonical spelling, which is what a VAVAILABILITY round trip
    /// gives back: weekly hours one entry per weekday Monday first, lower-case day names,
    /// slots merged (overlapping or touching) and sorted, weekdays without slots dropped;
    /// date overrides sorted by date, custom slots merged and sorted, `unavailable` ones
    /// without slots. Everything else is kept. An invalid schedule is returned unchanged.
    public var normalized: Schedule {
        guard let compiled = try? CompiledSchedule(self) else { return self }
        return compiled.normalizedSchedule
    }
}

/// Constants and small conversions shared by VAVAILABILITY export and import.
enum VAvailabilityCodec {
    /// The Monday whose week dates the weekly AVAILABLE blocks. Early, so overrides and
    /// free/busy questions about past years still fall after DTSTART (instances before DTSTART
    /// don't exist), and a week in which few zones change their clocks.
    static let anchor = CalendarDate(year: 2000, month: 1, day: 3)

    /// The `X-HORARIO-*` property names (RFC 5545 §3.8.8.2 x-names).
    enum PropertyName {
        static let timezone = "X-HORARIO-TIMEZONE"
        static let location = "X-HORARIO-LOCATION"
        static let isDefault = "X-HORARIO-DEFAULT"
        static let isActive = "X-HORARIO-ACTIVE"
        static let scheduleID = "X-HORARIO-SCHEDULE-ID"
        static let userID = "X-HORARIO-USER-ID"
        static let organizationID = "X-HORARIO-ORGANIZATION-ID"
        static let override = "X-HORARIO-OVERRIDE"
    }

    /// The spec's lower-case English day name.
    static func dayName(_ weekday: Weekday) -> String {
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][weekday.rawValue - 1]
    }

    /// Minute ranges as spec slots (`"09:00"`–`"24:00"`).
    static func slots(_ ranges: [Range<Int>]) -> [TimeSlot] {
        ranges.map { TimeSlot(startTime: TimeOfDay(minutes: $0.lowerBound).description, endTime: TimeOfDay(minutes: $0.upperBound).description) }
    }

    /// Compact JSON with sorted keys, so the same location always gives the same text.
    static func json(_ location: Location) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(location)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func location(json: String) -> Location? {
        try? JSONDecoder().decode(Location.self, from: Data(json.utf8))
    }
}
