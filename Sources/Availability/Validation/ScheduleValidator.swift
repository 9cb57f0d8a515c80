import Foundation
public import ICalendar

/// Field-level checks shared by schedule compilation and the API: each returns nil or adds
/// issues with paths instead of throwing at the first problem.
public enum ScheduleValidator {
    /// Every problem of a schedule, or an empty list.
    public static func issues(in schedule: Schedule) -> [ValidationIssue] {
        do {
            _ = try CompiledSchedule(schedule)
            return []
        } catch {
            return error.issues
        }
    }

    static func zone(_ name: String, path: String, issues: inout [ValidationIssue]) -> ZoneRules? {
        // Only IANA names: a schedule's zone must mean the same thing everywhere, forever.
        guard !name.isEmpty, name.contains("/") || name == "UTC", let zone = ZoneRules.iana(name) else {
            issues.append(ValidationIssue(path: path, message: "\"\(name)\" is not an IANA time zone (e.g. America/Sao_Paulo)"))
            return nil
        }
        return zone
    }

    static func weekday(_ name: String) -> Weekday? {
        switch name.lowercased() {
        case "monday": return .monday
        case "tuesday": return .tuesday
        case "wednesday": return .wednesday
        case "thursday": return .thursday
        case "friday": return .friday
        case "saturday": return .saturday
        case "sunday": return .sunday
        default: return nil
        }
    }

    /// `YYYY-MM-DD`, a real calendar date.
    public static func date(_ text: String) -> CalendarDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        let digits = bytes.enumerated().filter { $0.offset != 4 && $0.offset != 7 }.map(\.element)
        guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let number = { (from: Int, count: Int) in digits[from..<from + count].reduce(0) { $0 * 10 + Int($1 - 48) } }
        let date = CalendarDate(year: number(0, 4), month: number(4, 2), day: number(6, 2))
        return date.isValid ? date : nil
    }

    /// Minute ranges of `slots`, with an issue for each malformed or empty one.
    static func ranges(_ slots: [TimeSlot], path: String, issues: inout [ValidationIssue]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for (index, slot) in slots.enumerated() {
            let slotPath = "\(path)[\(index)]"
            let start = TimeOfDay(slot.startTime)
            let end = TimeOfDay(slot.endTime, allowEndOfDay: true)
            if start == nil {
                issues.append(ValidationIssue(path: slotPath + ".startTime", message: "\"\(slot.startTime)\" is not a time (HH:MM, 00:00–23:59)"))
            }
            if end == nil {
                issues.append(ValidationIssue(path: slotPath + ".endTime", message: "\"\(slot.endTime)\" is not a time (HH:MM, 00:00–24:00)"))
            }
            guard let start, let end else { continue }
            guard end > start else {
                issues.append(ValidationIssue(path: slotPath + ".endTime", message: "must be after startTime (\(start) – \(slot.endTime))"))
                continue
            }
            result.append(start.minutes..<end.minutes)
        }
        return result
    }

    /// A location has the fields its type needs (spec `Location`).
    public static func locationIssues(_ location: Location, path: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if location.type == .inPerson || (location.type == .hybrid && location.address != nil) {
            if let address = location.address {
                for (field, value) in [
                    ("street", address.street), ("city", address.city), ("postalCode", address.postalCode), ("country", address.country),
                ]
                where value.trimmingCharacters(in: .whitespaces).isEmpty {
                    issues.append(ValidationIssue(path: "\(path).address.\(field)", message: "is required for an in-person location"))
                }
            } else {
                issues.append(ValidationIssue(path: "\(path).address", message: "is required for an in-person location"))
            }
        }
        if location.type == .remote || location.type == .hybrid {
            if location.videoProvider == .custom || location.videoLink != nil {
                if let link = location.videoLink, !isHTTPSURL(link) {
                    issues.append(ValidationIssue(path: "\(path).videoLink", message: "\"\(link)\" is not an https URL"))
                } else if location.videoLink == nil {
                    issues.append(ValidationIssue(path: "\(path).videoLink", message: "is required when videoProvider is custom"))
                }
            }
        }
        if location.type == .phone {
            let digits = (location.phoneNumber ?? "").filter(\.isNumber)
            if digits.count < 5 {
                issues.append(ValidationIssue(path: "\(path).phoneNumber", message: "a phone number is required for a phone location"))
            }
        }
        return issues
    }

    static func isHTTPSURL(_ text: String) -> Bool {
        guard let url = URL(string: text), url.scheme?.lowercased() == "https", let host = url.host, !host.isEmpty else { return false }
        return !text.contains(" ")
    }
}
