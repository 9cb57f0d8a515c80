import Availability
import Foundation
import Hummingbird
import HummingbirdCore
import ICalendar
import Store

/// The query of `GET …/slots`: `start`, `end` (RFC 3339 date-times, or `YYYY-MM-DD` dates
/// read in `timeZone`, else in the schedule's zone; a date as `end` includes that day) and the
/// booker's `timeZone`. Defaults: from now, for 7 days.
struct SlotWindowQuery: Sendable {
    /// The longest window one request may ask for.
    static let maxDays = 62
    static let defaultDays = 7

    var window: Range<Instant>
    var bookerZone: (name: String, rules: ZoneRules)?

    init(_ parameters: FlatDictionary<Substring, Substring>, scheduleZone: ZoneRules, now: Instant) throws {
        var issues: [ValidationIssue] = []
        func value(_ name: Substring) -> String? {
            guard let value = parameters[name], !value.isEmpty else { return nil }
            return String(value)
        }
        if let name = value("timeZone") {
            if let rules = ZoneRules.iana(name) {
                bookerZone = (name, rules)
            } else {
                issues.append(.init(path: "timeZone", message: "\"\(name)\" is not an IANA time zone"))
            }
        }
        let zone = bookerZone?.rules ?? scheduleZone
        func bound(_ name: Substring, endOfDay: Bool) -> Instant? {
            guard let text = value(name) else { return nil }
            if text.count == 10, let date = ScheduleValidator.date(text) {
                return zone.instant(for: LocalDateTime(date: endOfDay ? date.adding(days: 1) : date))
            }
            return PublicRequestValues.instant(text, path: String(name), issues: &issues)
        }
        let start = bound("start", endOfDay: false) ?? now
        let end = bound("end", endOfDay: true) ?? start.adding(seconds: Int64(Self.defaultDays) * 86_400)
        if end <= start {
            issues.append(.init(path: "end", message: "must be after start"))
        } else if end.secondsSince1970 - start.secondsSince1970 > Int64(Self.maxDays) * 86_400 {
            issues.append(.init(path: "end", message: "the window may span at most \(Self.maxDays) days; ask for the rest in another request"))
        }
        guard issues.isEmpty else { throw StoreError.invalid(issues) }
        window = start..<end
    }
}
