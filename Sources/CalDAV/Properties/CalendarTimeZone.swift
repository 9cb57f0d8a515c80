import ICalendar
import Store

/// VTIMEZONE texts for IANA zones, for `calendar-timezone` of schedule calendars (RFC 4791
/// §5.2.2) and for exports: one observance per transition from 2000 on, as RFC 5545 §3.6.5
/// allows (no rules needed, so every reader agrees with our offsets).
enum CalendarTimeZone {
    static let firstYear = Int64(946_684_800)  // 2000-01-01T00:00:00Z

    /// The VTIMEZONE component of `iana`, nil for an unknown zone.
    static func component(iana: String) -> Component? {
        guard let rules = ZoneRules.iana(iana) else { return nil }
        var zone = Component(name: "VTIMEZONE", properties: [Property(name: "TZID", value: iana)])
        var offset = rules.offset(at: Instant(secondsSince1970: firstYear))
        zone.components.append(observance(standard: true, start: LocalDateTime(year: 1970, month: 1, day: 1), from: offset, to: offset))
        for transition in rules.transitions where transition.instant >= firstYear && transition.offsetAfter != offset {
            let local = Instant(secondsSince1970: transition.instant + Int64(offset)).utc
            zone.components.append(observance(standard: transition.offsetAfter < offset, start: local, from: offset, to: transition.offsetAfter))
            offset = transition.offsetAfter
        }
        return zone
    }

    /// A VCALENDAR holding only the VTIMEZONE of `iana`.
    static func vcalendar(iana: String) -> String? {
        component(iana: iana).map { CalendarText.wrap([$0]) }
    }

    private static func observance(standard: Bool, start: LocalDateTime, from: Int, to: Int) -> Component {
        Component(
            name: standard ? "STANDARD" : "DAYLIGHT",
            properties: [
                Property(name: "DTSTART", value: start.description),
                Property(name: "TZOFFSETFROM", value: UTCOffset(seconds: from).description),
                Property(name: "TZOFFSETTO", value: UTCOffset(seconds: to).description),
            ])
    }
}

/// Whole iCalendar texts Horario writes.
enum CalendarText {
    static let productID = "-//Horario//Horario//EN"

    /// A VCALENDAR around `components`.
    static func wrap(_ components: [Component], method: String? = nil) -> String {
        var properties = [Property(name: "VERSION", value: "2.0"), Property(name: "PRODID", value: productID)]
        if let method { properties.append(Property(name: "METHOD", value: method)) }
        return ICalendarSerializer.serialize(Component(name: "VCALENDAR", properties: properties, components: components))
    }
}

/// Sync tokens (RFC 6578 §3.2) and ctags: a URI naming the calendar and its revision, so a
/// token of a deleted and re-created calendar is never taken for a current one.
enum SyncToken {
    static let prefix = "urn:x-horario:sync:"

    static func string(_ calendar: Store.CalendarCollection) -> String { "\(prefix)\(calendar.id):\(calendar.syncRevision)" }

    /// The revision a token names for `calendar`; nil when it is not one of its tokens.
    static func revision(_ token: String, calendar: Store.CalendarCollection) -> Int? {
        guard token.hasPrefix(prefix) else { return nil }
        let rest = token.dropFirst(prefix.count)
        guard let colon = rest.lastIndex(of: ":"), rest[..<colon] == calendar.id, let revision = Int(rest[rest.index(after: colon)...]),
            revision >= 0
        else { return nil }
        return revision
    }
}
