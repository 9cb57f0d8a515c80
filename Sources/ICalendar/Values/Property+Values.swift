/// Typed readings of a property's raw value, decoded on demand.
///
/// The accessors are lenient in the ways real data needs (an 8-digit value is a DATE even
/// without `VALUE=DATE`; RFC 2445-era `HHMM` times get `00` seconds); ``ValueValidator``
/// is where strictness is decided.
extension Property {
    /// The unescaped TEXT value.
    public var text: String { TextValue.unescape(value[...]) }

    /// The declared `VALUE` type, upper-cased, if any.
    public var valueType: String? { parameter("VALUE")?.uppercased() }

    /// DTSTART, DTEND, DUE, RECURRENCE-ID and the like.
    public func dateOrDateTime() throws(ICalendarError) -> DateOrDateTime {
        guard let parsed = Property.parseDateOrDateTime(ContentLineParser.trimmed(value[...]), tzid: parameter("TZID")) else {
            throw .invalidValue(line: line, property: name, message: "\"\(printable(value.prefix(40)))\" is not a DATE or DATE-TIME")
        }
        if valueType == "DATE", !parsed.isDate {
            throw .invalidValue(line: line, property: name, message: "VALUE=DATE but \"\(value)\" is a DATE-TIME")
        }
        return parsed
    }

    /// A comma-separated list of DATE or DATE-TIME values (EXDATE).
    public func dateList() throws(ICalendarError) -> [DateOrDateTime] {
        let tzid = parameter("TZID")
        var result: [DateOrDateTime] = []
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = ContentLineParser.trimmed(part)
            guard let parsed = Property.parseDateOrDateTime(trimmed, tzid: tzid) else {
                throw .invalidValue(line: line, property: name, message: "\"\(printable(trimmed.prefix(40)))\" is not a DATE or DATE-TIME")
            }
            result.append(parsed)
        }
        return result
    }

    /// RDATE values: DATE, DATE-TIME or PERIOD.
    public func recurrenceDates() throws(ICalendarError) -> [RecurrenceDate] {
        let tzid = parameter("TZID")
        var result: [RecurrenceDate] = []
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = ContentLineParser.trimmed(part)
            if trimmed.contains("/") {
                guard let period = PeriodValue(trimmed, tzid: tzid) else {
                    throw .invalidValue(line: line, property: name, message: "\"\(printable(trimmed.prefix(40)))\" is not a PERIOD")
                }
                result.append(.period(period))
            } else {
                guard let parsed = Property.parseDateOrDateTime(trimmed, tzid: tzid) else {
                    throw .invalidValue(line: line, property: name, message: "\"\(printable(trimmed.prefix(40)))\" is not a DATE or DATE-TIME")
                }
                switch parsed {
                case .date(let date): result.append(.date(date))
                case .dateTime(let dateTime): result.append(.dateTime(dateTime))
                }
            }
        }
        return result
    }

    /// DURATION, or TRIGGER without `VALUE=DATE-TIME`.
    public func duration() throws(ICalendarError) -> DurationValue {
        guard let duration = DurationValue(ContentLineParser.trimmed(value[...]), lenient: true) else {
            throw .invalidValue(line: line, property: name, message: "\"\(printable(value.prefix(40)))\" is not a DURATION")
        }
        return duration
    }

    /// TZOFFSETFROM / TZOFFSETTO.
    public func utcOffset() throws(ICalendarError) -> UTCOffset {
        guard let offset = UTCOffset(ContentLineParser.trimmed(value[...])) else {
            throw .invalidValue(
                line: line, property: name, message: "\"\(printable(value.prefix(40)))\" is not a UTC offset (±HHMM[SS], under 24 hours)")
        }
        return offset
    }

    /// RRULE / EXRULE.
    public func recurrenceRule(lenient: Bool = true) throws(ICalendarError) -> RecurrenceRule {
        if let known = RecurrenceRuleMemo.shared.rule(for: value, lenient: lenient) { return known }
        do {
            let rule = try RecurrenceRule(parsing: value[...], lenient: lenient)
            RecurrenceRuleMemo.shared.remember(rule, for: value, lenient: lenient)
            return rule
        } catch {
            throw error.at(line: line)
        }
    }

    /// INTEGER values (SEQUENCE, PRIORITY, REPEAT…).
    public func integer() throws(ICalendarError) -> Int {
        guard let number = Int(ContentLineParser.trimmed(value[...])) else {
            throw .invalidValue(line: line, property: name, message: "\"\(printable(value.prefix(40)))\" is not an INTEGER")
        }
        return number
    }

    /// BOOLEAN values (RFC 5545 §3.3.2): `TRUE` or `FALSE`, any case.
    public func boolean() throws(ICalendarError) -> Bool {
        switch ContentLineParser.trimmed(value[...]).uppercased() {
        case "TRUE": return true
        case "FALSE": return false
        default: throw .invalidValue(line: line, property: name, message: "\"\(printable(value.prefix(40)))\" is not TRUE or FALSE")
        }
    }

    /// URI and CAL-ADDRESS values (RFC 5545 §3.3.13, §3.3.3): a scheme, a colon, and the rest.
    /// `mailto:` is matched case-insensitively, as clients write `MAILTO:`.
    public func uri() throws(ICalendarError) -> String {
        let text = ContentLineParser.trimmed(value[...])
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex,
            text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else {
            throw .invalidValue(line: line, property: name, message: "\"\(printable(value.prefix(40)))\" is not a URI")
        }
        return String(text)
    }

    /// The e-mail address of a `mailto:` CAL-ADDRESS (ORGANIZER, ATTENDEE), if it is one.
    public var emailAddress: String? {
        guard let uri = try? uri(), uri.lowercased().hasPrefix("mailto:") else { return nil }
        return String(uri.dropFirst(7))
    }

    /// FREEBUSY periods.
    public func periods() throws(ICalendarError) -> [PeriodValue] {
        var result: [PeriodValue] = []
        for part in value.split(separator: ",") {
            guard let period = PeriodValue(ContentLineParser.trimmed(part), tzid: nil) else {
                throw .invalidValue(line: line, property: name, message: "\"\(printable(part.prefix(40)))\" is not a PERIOD")
            }
            result.append(period)
        }
        return result
    }

    /// DATE / DATE-TIME with the RFC 2445-era `HHMM` time repaired.
    static func parseDateOrDateTime(_ text: Substring, tzid: String?) -> DateOrDateTime? {
        if let parsed = DateOrDateTime.parse(text, tzid: tzid) { return parsed }
        // 19970901T1300Z / 19970901T1300: four-digit times from RFC 2445 examples.
        let utf8 = Array(text.utf8)
        if utf8.count == 13 || utf8.count == 14, utf8.count > 8, utf8[8] == UInt8(ascii: "T") {
            let repaired = String(text.prefix(13)) + "00" + (utf8.count == 14 ? String(text.suffix(1)) : "")
            return DateOrDateTime.parse(repaired[...], tzid: tzid)
        }
        return nil
    }
}
