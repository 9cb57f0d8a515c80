import Foundation
import Testing

@testable import ICalendar

/// KDE KCalendarCore's own expansions (`*.ics.next.ref`) are a second, independent
/// recurrence oracle. It is not RFC-normative — it reads VTIMEZONEs into fixed-offset zones
/// and has its own DST habits — so the test compares instants and holds the agreement rate
/// rather than demanding every file.
struct KCalendarCoreReferenceTests {
    static let root = Fixtures.shared.appendingPathComponent("ics/kcalendarcore")

    /// Reads `2004-07-14T18:00:00 MDT America/Denver` as an instant. KDE labels zones that
    /// come from a VTIMEZONE with DTSTART's offset (`… UTC-04:00 UTC-04:00`) even after a DST
    /// change, so for those only the wall time is comparable: the key is then the local time.
    static func referenceKey(_ line: Substring) -> String? {
        let fields = line.split(separator: " ")
        guard fields.count == 3, let local = Instant(rfc3339: fields[0] + "Z")?.utc else { return nil }
        let zone = String(fields[2])
        if zone == "UTC" || zone == "GMT" { return Instant(utc: local).description }
        if zone.hasPrefix("UTC") { return local.isoString }
        return ZoneRules.iana(zone)?.instant(for: local).description
    }

    /// Our first 500 instances of every recurring incidence, keyed like `referenceKey`.
    static func ourKeys(_ calendar: Component, wallClock: Bool) -> [String] {
        let resolver = TimeZoneResolver(calendar: calendar)
        let outZone = calendar.property("X-LIBKCAL-TESTSUITE-OUTTZ").flatMap { ZoneRules.iana($0.value) } ?? .utc
        var result: [String] = []
        for component in calendar.components where ["VEVENT", "VTODO", "VJOURNAL"].contains(component.name) {
            guard let start = try? component.property("DTSTART")?.dateOrDateTime() else { continue }
            let rules = component.properties(named: "RRULE").compactMap { try? $0.recurrenceRule(lenient: true) }
            let exrules = component.properties(named: "EXRULE").compactMap { try? $0.recurrenceRule(lenient: true) }
            let rdates = component.properties(named: "RDATE").flatMap { (try? $0.recurrenceDates()) ?? [] }
            let exdates = component.properties(named: "EXDATE").flatMap { (try? $0.dateList()) ?? [] }
            let zone = start.tzid.flatMap { resolver.rules(for: $0) } ?? outZone
            guard
                let set = try? RecurrenceSet(
                    dtstart: start, rrules: rules, exrules: exrules, rdates: rdates, exdates: exdates, zone: zone, resolver: resolver)
            else { continue }
            for occurrence in set.occurrences(limit: 500) {
                let instant = occurrence.instant ?? outZone.instant(for: occurrence.start.local)
                result.append(wallClock ? zone.local(for: instant).isoString : instant.description)
            }
        }
        return result.sorted()
    }

    @Test("our expansion agrees with KCalendarCore's reference lists for most files")
    func agreementWithKCalendarCore() throws {
        let enumerator = FileManager.default.enumerator(at: Self.root, includingPropertiesForKeys: nil)
        var agree = 0
        var total = 0
        var disagreements: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.lastPathComponent.hasSuffix(".ics.next.ref") else { continue }
            let icsURL = url.deletingPathExtension().deletingPathExtension()
            guard let reference = try? String(contentsOf: url, encoding: .utf8),
                let parsed = try? ICalendarParser.parse(bytes: Array(try Data(contentsOf: icsURL)), mode: .lenient)
            else { continue }
            let lines = reference.split(separator: "\n")
            let wallClock =
                lines.first.map {
                    $0.split(separator: " ").last?.hasPrefix("UTC-") == true || $0.split(separator: " ").last?.hasPrefix("UTC+") == true
                } ?? false
            let expected = lines.compactMap(Self.referenceKey).sorted()
            let ours = Self.ourKeys(parsed.calendar, wallClock: wallClock)
            total += 1
            if ours == expected {
                agree += 1
            } else {
                let missing = Set(expected).subtracting(ours).sorted().prefix(2)
                let extra = Set(ours).subtracting(expected).sorted().prefix(2)
                disagreements.append("\(icsURL.lastPathComponent): \(expected.count) vs \(ours.count); missing \(missing), extra \(extra)")
            }
        }
        print("KCalendarCore agreement: \(agree) of \(total)\n" + disagreements.joined(separator: "\n"))
        #expect(total >= 140)
        #expect(agree >= Self.minimumAgreement, "agreement \(agree) of \(total):\n\(disagreements.joined(separator: "\n"))")
    }

    /// The six files we disagree on are KCalendarCore semantics we do not share:
    /// - KOrganizer_Test01, _Test10, _Test13, LibICal_TestCase02 and _TestCase42: DTSTART does not match
    ///   the rule; KCalendarCore leaves it out (or does not count it toward COUNT), RFC 5545
    ///   §3.8.5.3 and our oracle make it the first instance.
    /// - unsorted/rdate.ics: DATE-TIME RDATEs on an all-day series; we read them as dates of
    ///   the series' kind, KCalendarCore keeps their times.
    static let minimumAgreement = 136
}
