public import ICalendar

extension Schedule {
    /// Reads a schedule from a plain RFC 7953 VAVAILABILITY (one without Horario's X-
    /// properties, or read through `VAvailability(component:)`, which drops them).
    ///
    /// Recurring weekly (or daily) AVAILABLE blocks become weekly hours on their BYDAY days;
    /// a date where EXDATEs remove instances or one-off blocks add some becomes a date
    /// override: `custom` with the hours left that day, `unavailable` when none are left. The
    /// zone is the AVAILABLE blocks' TZID; SUMMARY is the name; LOCATION becomes a video link
    /// or phone number when it reads as one (otherwise the default remote location). The
    /// VAVAILABILITY's own DTSTART/DTEND, BUSYTYPE and PRIORITY are not part of a schedule and
    /// are ignored. The result is in ``normalized`` form.
    /// - Throws: ``AvailabilityError/invalid(_:)`` listing every block that cannot be weekly
    ///   hours or overrides, by path (`available[2].rrule`), and any problem of the schedule
    ///   itself.
    public init(vavailability: VAvailability) throws(AvailabilityError) {
        try self.init(vavailability: vavailability, extensions: VAvailabilityExtensions())
    }

    /// Reads a schedule from a VAVAILABILITY component, preferring the `X-HORARIO-*`
    /// properties that ``CompiledSchedule/vavailabilityComponent(uid:dtstamp:)`` writes.
    ///
    /// For every valid schedule `s`, reading back its export gives exactly `s.normalized`.
    /// Hours always come from the AVAILABLE blocks, read as the plain initializer reads them;
    /// the X- properties add what RFC 7953 cannot hold (reasons, an `unavailable` date whose
    /// weekday has no hours, the full location, flags and ids). An X- override that no longer
    /// matches the blocks (a client removed the EXDATE) is dropped, so the blocks win.
    /// - Throws: ``AvailabilityError/invalid(_:)`` with paths such as `available[0].dtend`
    ///   for blocks without an end, `x-horario-location` for unreadable X- values.
    public init(vavailability component: Component) throws(AvailabilityError) {
        guard component.name == "VAVAILABILITY" else {
            throw .invalid([ValidationIssue(path: "", message: "expected a VAVAILABILITY component, found \(component.name)")])
        }
        var issues = Self.structureIssues(in: component)
        let extensions = VAvailabilityExtensions(component: component, issues: &issues)
        guard issues.isEmpty else { throw .invalid(issues) }
        let parsed: VAvailability
        do {
            parsed = try VAvailability(component: component)
        } catch {
            throw .invalid([ValidationIssue(path: "", message: error.description)])
        }
        try self.init(vavailability: parsed, extensions: extensions)
    }

    init(vavailability: VAvailability, extensions: VAvailabilityExtensions) throws(AvailabilityError) {
        var issues: [ValidationIssue] = []
        guard let zoneName = Self.zoneName(of: vavailability, declared: extensions.timezone, issues: &issues),
            let zone = ZoneRules.iana(zoneName)
        else { throw .invalid(issues) }
        var reader = VAvailabilityReader(zoneName: zoneName, zone: zone)
        for (index, block) in vavailability.available.enumerated() { reader.read(block, index: index) }
        guard reader.issues.isEmpty else { throw .invalid(reader.issues) }
        let weekly = reader.weeklyHours
        var overrides: [CalendarDate: DateOverride] = [:]
        for (date, ranges) in reader.overrides {
            overrides[date] =
                ranges.isEmpty
                ? DateOverride(date: date.isoString, type: .unavailable)
                : DateOverride(date: date.isoString, type: .custom, slots: VAvailabilityCodec.slots(ranges))
        }
        for note in extensions.overrides {
            if let existing = overrides[note.date] {
                if existing.type == note.type { overrides[note.date]?.reason = note.reason }
            } else if note.type == .unavailable, (weekly[note.date.weekday.rawValue] ?? []).isEmpty {
                overrides[note.date] = DateOverride(date: note.date.isoString, type: .unavailable, reason: note.reason)
            }
        }
        let schedule = Schedule(
            id: extensions.scheduleID, userId: extensions.userID, organizationId: extensions.organizationID, name: vavailability.summary ?? "",
            isDefault: extensions.isDefault ?? false, timezone: zoneName,
            availability: Weekday.allCases.compactMap { weekday in
                guard let ranges = weekly[weekday.rawValue], !ranges.isEmpty else { return nil }
                return WeeklyHours(day: VAvailabilityCodec.dayName(weekday), slots: VAvailabilityCodec.slots(ranges))
            },
            dateOverrides: overrides.keys.sorted().compactMap { overrides[$0] },
            location: extensions.location ?? Self.location(summary: vavailability.location), isActive: extensions.isActive ?? true)
        _ = try CompiledSchedule(schedule)
        self = schedule
    }

    /// The schedule's zone: X-HORARIO-TIMEZONE unless the blocks say otherwise, else the first
    /// TZID of a recurring block, of any block, of the VAVAILABILITY, or UTC for UTC times.
    private static func zoneName(of vavailability: VAvailability, declared: String?, issues: inout [ValidationIssue]) -> String? {
        let ordered = vavailability.available.enumerated().sorted {
            ($0.element.rule == nil ? 1 : 0, $0.offset) < ($1.element.rule == nil ? 1 : 0, $1.offset)
        }
        var found: (tzid: String, path: String)?
        if let first = ordered.first(where: { $0.element.start.tzid != nil }) {
            found = (first.element.start.tzid ?? "", "available[\(first.offset)].dtstart")
        } else if let tzid = vavailability.start?.tzid {
            found = (tzid, "dtstart")
        } else if let first = ordered.first(where: { $0.element.start.form == .utc }) {
            found = ("UTC", "available[\(first.offset)].dtstart")
        }
        if let declared, found.map({ VAvailabilityReader.zoneName(for: $0.tzid) == declared }) ?? true {
            guard VAvailabilityReader.zoneName(for: declared) == declared else {
                issues.append(ValidationIssue(path: "x-horario-timezone", message: "\"\(declared)\" is not an IANA time zone"))
                return nil
            }
            return declared
        }
        guard let found else {
            issues.append(ValidationIssue(path: "timezone", message: "no time zone: no AVAILABLE has a TZID and there is no X-HORARIO-TIMEZONE"))
            return nil
        }
        guard let name = VAvailabilityReader.zoneName(for: found.tzid) else {
            issues.append(ValidationIssue(path: found.path, message: "unknown time zone \"\(found.tzid)\" (TZID must name an IANA zone)"))
            return nil
        }
        return name
    }

    /// The inverse of ``Location/summary`` where it has one: an https link is a video call,
    /// `Phone: …` a phone call; anything else (an address line) can't be taken apart.
    static func location(summary: String?) -> Location {
        guard let summary else { return Location(type: .remote) }
        if summary.hasPrefix("Phone: ") { return Location(type: .phone, phoneNumber: String(summary.dropFirst(7))) }
        if ScheduleValidator.isHTTPSURL(summary) { return Location(type: .remote, videoLink: summary) }
        return Location(type: .remote)
    }

    /// Per-block checks made before `VAvailability(component:)`, whose errors name no block,
    /// and for values it would silently drop.
    private static func structureIssues(in component: Component) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (index, block) in component.components(named: "AVAILABLE").enumerated() {
            let path = "available[\(index)]"
            func check(_ name: String, required: Bool, _ read: (Property) throws(ICalendarError) -> [DateOrDateTime]) {
                let properties = block.properties(named: name)
                if required, properties.isEmpty { issues.append(ValidationIssue(path: "\(path).\(name.lowercased())", message: "is required")) }
                for property in properties {
                    do {
                        if try read(property).contains(where: \.isDate) {
                            issues.append(ValidationIssue(path: "\(path).\(name.lowercased())", message: "must be a DATE-TIME, not a DATE"))
                        }
                    } catch {
                        issues.append(ValidationIssue(path: "\(path).\(name.lowercased())", message: error.message))
                    }
                }
            }
            check("DTSTART", required: true) { (property) throws(ICalendarError) in [try property.dateOrDateTime()] }
            check("DTEND", required: false) { (property) throws(ICalendarError) in [try property.dateOrDateTime()] }
            check("EXDATE", required: false) { (property) throws(ICalendarError) in try property.dateList() }
            check("RDATE", required: false) { (property) throws(ICalendarError) in
                let dates = try property.recurrenceDates()
                if dates.contains(where: { if case .period = $0 { true } else { false } }) {
                    throw .invalidValue(line: property.line, property: "RDATE", message: "PERIOD values are not supported")
                }
                return dates.map(\.start)
            }
            if block.property("DTEND") == nil {
                if let duration = block.property("DURATION") {
                    do { _ = try duration.duration() } catch { issues.append(ValidationIssue(path: path + ".duration", message: error.message)) }
                } else {
                    issues.append(ValidationIssue(path: path + ".dtend", message: "AVAILABLE needs DTEND or DURATION (RFC 7953 §3.1.1)"))
                }
            }
            for property in block.properties(named: "RRULE") {
                do { _ = try property.recurrenceRule() } catch { issues.append(ValidationIssue(path: path + ".rrule", message: error.message)) }
            }
            if block.properties(named: "RRULE").count > 1 {
                issues.append(ValidationIssue(path: path + ".rrule", message: "more than one RRULE cannot be weekly hours"))
            }
            if block.property("EXRULE") != nil {
                issues.append(ValidationIssue(path: path + ".exrule", message: "EXRULE (deprecated by RFC 5545) is not supported; use EXDATE"))
            }
        }
        return issues
    }
}
