extension RecurrenceRule {
    /// Parses a RECUR value (`FREQ=WEEKLY;BYDAY=MO,WE`), without the `RRULE:` prefix.
    ///
    /// Part names and values are case-insensitive and parts may come in any order, as the
    /// RFC 5545 grammar allows. Strict mode enforces the grammar and the ranges of §3.3.10;
    /// `lenient` repairs the defects real clients produce (`\;` separators, spaces around
    /// items, empty parts, misspelt part names kept as extension parts, a `RRULE:` prefix,
    /// COUNT together with UNTIL) so that an otherwise usable rule is not thrown away.
    /// Errors name the offending part so a user can fix the data.
    public init(parsing text: Substring, lenient: Bool = false) throws(ICalendarError) {
        var source = String(text)
        if lenient {
            source = source.replacingAll("\\;", with: ";").replacingAll("\\,", with: ",")
            source = source.trimmedSpaces
            if source.uppercased().hasPrefix("RRULE:") { source = String(source.dropFirst(6)) }
        }
        var builder = RuleBuilder(lenient: lenient)
        // RFC 7529: under a non-Gregorian RSCALE, BYMONTH may name month 13 or a leap month ("5L").
        builder.nonGregorian = source.uppercased().split(separator: ";").contains { $0.hasPrefix("RSCALE=") && $0 != "RSCALE=GREGORIAN" }
        for rawPart in source.split(separator: ";", omittingEmptySubsequences: false) {
            let part = lenient ? Substring(rawPart.trimmedSpaces) : rawPart
            if part.isEmpty {
                if lenient { continue }
                throw ruleError("empty rule part (doubled or trailing ';')")
            }
            guard let equals = part.firstIndex(of: "=") else {
                if lenient { continue }
                throw ruleError("rule part \"\(part)\" has no '='")
            }
            let name = part[..<equals].uppercased()
            var value = part[part.index(after: equals)...]
            if lenient { value = Substring(value.trimmedSpaces) }
            try builder.apply(name: lenient ? name.trimmedSpaces : name, value: value)
        }
        self = try builder.build()
    }
}

/// The error every RRULE parse failure is reported as.
func ruleError(_ message: String) -> ICalendarError {
    .invalidValue(line: 0, property: "RRULE", message: message)
}

/// Collects parts one at a time; checks that need the whole rule happen in `build()`.
private struct RuleBuilder {
    let lenient: Bool
    var seen: Set<String> = []
    var rule = RecurrenceRule(frequency: .daily)
    var frequency: RecurrenceRule.Frequency?
    var nonGregorian = false

    init(lenient: Bool) { self.lenient = lenient }

    mutating func apply(name: String, value: Substring) throws(ICalendarError) {
        let known = Self.knownParts.contains(name)
        if known, seen.contains(name), !lenient { throw ruleError("\(name) appears more than once") }
        if value.isEmpty {
            if lenient { return }
            throw ruleError("\(name) has an empty value")
        }
        guard known else {
            let isExtension = name == "RSCALE" || name == "SKIP" || name.hasPrefix("X-")
            guard isExtension || lenient else { throw ruleError("unknown rule part \"\(name)\"") }
            rule.extensionParts.append(.init(name: name, value: String(value)))
            return
        }
        seen.insert(name)
        let upper = Substring(value.uppercased())
        switch name {
        case "FREQ":
            guard let frequency = RecurrenceRule.Frequency(rawValue: String(upper)) else {
                throw ruleError("FREQ \"\(value)\" is not one of SECONDLY…YEARLY")
            }
            self.frequency = frequency
        case "INTERVAL": rule.interval = try positive(name, upper)
        case "COUNT": rule.count = try positive(name, upper)
        case "UNTIL":
            guard let until = DateOrDateTime.parse(upper, tzid: nil) else {
                throw ruleError("UNTIL \"\(value)\" is not a DATE or DATE-TIME")
            }
            rule.until = until
        case "BYSECOND": rule.bySecond = try list(name, upper, 0...60, signed: false)
        case "BYMINUTE": rule.byMinute = try list(name, upper, 0...59, signed: false)
        case "BYHOUR": rule.byHour = try list(name, upper, 0...23, signed: false)
        case "BYMONTHDAY": rule.byMonthDay = try list(name, upper, 1...31, signed: true)
        case "BYYEARDAY": rule.byYearDay = try list(name, upper, 1...366, signed: true)
        case "BYWEEKNO": rule.byWeekNo = try list(name, upper, 1...53, signed: true)
        case "BYMONTH" where nonGregorian:
            // Kept verbatim: these months only mean something in the named calendar system.
            guard items(upper).allSatisfy({ $0.wholeMatch(of: /[0-9]{1,2}L?/) != nil }) else {
                throw ruleError("BYMONTH \"\(value)\" is not a list of months (RFC 7529)")
            }
            rule.extensionParts.append(.init(name: name, value: String(upper)))
        case "BYMONTH": rule.byMonth = try list(name, upper, 1...12, signed: false)
        case "BYSETPOS": rule.bySetPos = try list(name, upper, 1...366, signed: true)
        case "BYDAY": rule.byDay = try weekdayList(upper)
        default:  // WKST
            guard let day = Weekday(code: String(upper)) else { throw ruleError("WKST \"\(value)\" is not a weekday (MO…SU)") }
            rule.wkst = day
        }
    }

    func build() throws(ICalendarError) -> RecurrenceRule {
        guard let frequency else { throw ruleError("FREQ is required") }
        if !lenient, rule.count != nil, rule.until != nil { throw ruleError("COUNT and UNTIL must not both be present") }
        var result = rule
        result.frequency = frequency
        return result
    }

    static let knownParts: Set<String> = [
        "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
        "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
    ]

    private func positive(_ name: String, _ text: Substring) throws(ICalendarError) -> Int {
        guard let number = parseInteger(text, signed: false), number >= 1 else {
            throw ruleError("\(name) \"\(text)\" is not a positive integer")
        }
        return number
    }

    private func items(_ text: Substring) -> [Substring] {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false)
        return lenient ? pieces.map { Substring($0.trimmedSpaces) }.filter { !$0.isEmpty } : pieces
    }

    /// A comma list of integers in `range`; with `signed`, negatives count from the end and 0 is refused.
    private func list(_ name: String, _ text: Substring, _ range: ClosedRange<Int>, signed: Bool) throws(ICalendarError) -> [Int] {
        var values: [Int] = []
        for item in items(text) {
            guard let number = parseInteger(item, signed: signed), range.contains(abs(number)), !(signed && number == 0) else {
                let allowed = signed ? "±\(range.lowerBound)…\(range.upperBound)" : "\(range.lowerBound)…\(range.upperBound)"
                throw ruleError("\(name) value \"\(item)\" is outside \(allowed)")
            }
            values.append(number)
        }
        if values.isEmpty { throw ruleError("\(name) has an empty value") }
        return values
    }

    private func weekdayList(_ text: Substring) throws(ICalendarError) -> [RecurrenceRule.WeekdayNum] {
        var values: [RecurrenceRule.WeekdayNum] = []
        for item in items(text) {
            let prefix = item.dropLast(2)
            let number = prefix.isEmpty ? nil : parseInteger(prefix, signed: true)
            guard item.count >= 2, let day = Weekday(code: String(item.suffix(2))), prefix.isEmpty || number != nil else {
                throw ruleError("BYDAY value \"\(item)\" is not a weekday (MO…SU, optionally with an ordinal)")
            }
            if let number, !(1...53).contains(abs(number)) { throw ruleError("BYDAY ordinal in \"\(item)\" is outside ±1…53") }
            let ordinal = number
            values.append(.init(day, ordinal: ordinal))
        }
        if values.isEmpty { throw ruleError("BYDAY has an empty value") }
        return values
    }
}

/// Parses `[+|-]digits`; signs only when `signed`. At most 9 digits, so no overflow.
private func parseInteger(_ text: Substring, signed: Bool) -> Int? {
    var bytes = text.utf8[...]
    var sign = 1
    if signed, let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
        sign = first == UInt8(ascii: "-") ? -1 : 1
        bytes = bytes.dropFirst()
    }
    guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
    var value = 0
    for byte in bytes {
        guard byte >= 48, byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
    }
    return value * sign
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmedSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }

    /// Every occurrence of `target` replaced (Foundation-free).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        String(self).split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
