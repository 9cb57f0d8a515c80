/// One case of the RRULE oracle (`shared/fixtures/rrule`), as the checker sends it.
///
/// Shared by the `horario ical expand` command and the tests so both evaluate cases the
/// same way. Times are in the oracle's text forms (RFC 5545 values, RFC 3339 windows).
public struct RecurrenceCase: Codable, Hashable, Sendable {
    /// The case id; batch answers are keyed by it.
    public var id: String
    /// DTSTART value text, e.g. `19970902T090000`, `19970902T090000Z` or `19970902`.
    public var dtstart: String
    /// `tzid`, `utc`, `floating` or `date`.
    public var dtstartKind: String
    public var tzid: String?
    /// The RRULE value without `RRULE:`; nil for DTSTART + RDATE only.
    public var rrule: String?
    /// One value each; without `Z` they are in the case's TZID, floating, or DATEs.
    public var exdates: [String]
    public var rdates: [String]
    /// Half-open window on instance starts, in the output format of the kind.
    public var windowStart: String
    public var windowEnd: String
    public var ics: [String]?
    /// The oracle's answer; present in fixture files, never sent by the checker.
    public var expected: [String]?

    enum CodingKeys: String, CodingKey {
        case id, dtstart, tzid, rrule, exdates, rdates, ics, expected
        case dtstartKind = "dtstart_kind"
        case windowStart = "window_start"
        case windowEnd = "window_end"
    }

    /// Decodes a case; `exdates`, `rdates` and `ics` may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        dtstart = try container.decode(String.self, forKey: .dtstart)
        dtstartKind = try container.decode(String.self, forKey: .dtstartKind)
        tzid = try container.decodeIfPresent(String.self, forKey: .tzid)
        rrule = try container.decodeIfPresent(String.self, forKey: .rrule)
        exdates = try container.decodeIfPresent([String].self, forKey: .exdates) ?? []
        rdates = try container.decodeIfPresent([String].self, forKey: .rdates) ?? []
        windowStart = try container.decode(String.self, forKey: .windowStart)
        windowEnd = try container.decode(String.self, forKey: .windowEnd)
        ics = try container.decodeIfPresent([String].self, forKey: .ics)
        expected = try container.decodeIfPresent([String].self, forKey: .expected)
    }

    /// The instance starts in the window, sorted, in the oracle's format for the case's kind.
    public func evaluate() -> Result<[String], ICalendarError> {
        do throws(ICalendarError) {
            return .success(try occurrences().map(\.description))
        } catch {
            return .failure(error)
        }
    }

    /// The instances in the window.
    public func occurrences() throws(ICalendarError) -> [Occurrence] {
        let caseTZID = dtstartKind == "tzid" ? tzid : nil
        guard var start = DateOrDateTime.parse(dtstart[...], tzid: caseTZID) else { throw Self.error("DTSTART", "cannot read \"\(dtstart)\"") }
        // The kind is authoritative: a `utc` case whose DTSTART lost its `Z` is still UTC.
        if dtstartKind == "utc", case .dateTime(let value) = start { start = .dateTime(DateTimeValue(local: value.local, form: .utc)) }
        var zone: ZoneRules?
        if let caseTZID {
            guard let rules = ZoneRules.iana(caseTZID) else { throw .unknownTimeZone(line: 0, tzid: caseTZID) }
            zone = rules
        }
        var rules: [RecurrenceRule] = []
        if let rrule, !rrule.isEmpty { rules.append(try RecurrenceRule(parsing: rrule[...], lenient: true)) }
        var exclusions: [DateOrDateTime] = []
        for text in exdates {
            guard let value = DateOrDateTime.parse(text[...], tzid: caseTZID) else { throw Self.error("EXDATE", "cannot read \"\(text)\"") }
            exclusions.append(value)
        }
        var additions: [RecurrenceDate] = []
        for text in rdates { additions.append(try Self.recurrenceDate(text, tzid: caseTZID)) }
        let set = try RecurrenceSet(
            dtstart: start, rrules: rules, rdates: additions, exdates: exclusions, zone: zone)
        let lower = try windowPosition(windowStart)
        let upper = try windowPosition(windowEnd)
        return set.occurrences(inPositions: lower..<max(lower, upper))
    }

    private static func recurrenceDate(_ text: String, tzid: String?) throws(ICalendarError) -> RecurrenceDate {
        if text.contains("/") {
            guard let period = PeriodValue(text[...], tzid: tzid) else { throw error("RDATE", "cannot read period \"\(text)\"") }
            return .period(period)
        }
        switch DateOrDateTime.parse(text[...], tzid: tzid) {
        case .date(let date)?: return .date(date)
        case .dateTime(let value)?: return .dateTime(value)
        case nil: throw error("RDATE", "cannot read \"\(text)\"")
        }
    }

    /// A window bound as a position: UTC seconds for zoned/UTC cases, naive seconds otherwise.
    private func windowPosition(_ text: String) throws(ICalendarError) -> Int64 {
        let instant: Instant?
        switch dtstartKind {
        case "date": instant = Instant(rfc3339: text + "T00:00:00Z")
        case "floating": instant = Instant(rfc3339: text + "Z")
        default: instant = Instant(rfc3339: text)
        }
        guard let instant else { throw Self.error("window", "cannot read \"\(text)\" for kind \(dtstartKind)") }
        return instant.secondsSince1970
    }

    private static func error(_ property: String, _ message: String) -> ICalendarError {
        .invalidValue(line: 0, property: property, message: message)
    }
}
