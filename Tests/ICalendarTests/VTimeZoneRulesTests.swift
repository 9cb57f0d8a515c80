import Foundation
import Testing

@testable import ICalendar

/// VTIMEZONE components are interpreted from their observances (RFC 5545 §3.6.5).
struct VTimeZoneRulesTests {
    static func vtimezones(in url: URL) -> [Component] {
        guard let data = try? Data(contentsOf: url), let parsed = try? ICalendarParser.parse(bytes: Array(data), mode: .lenient) else { return [] }
        return parsed.components.flatMap { $0.name == "VTIMEZONE" ? [$0] : $0.components(named: "VTIMEZONE") }
    }

    @Test("libical's 595 zoneinfo VTIMEZONEs give the same offsets as the IANA zone they name, 2023–2030")
    func libicalZoneinfoMatchesIANA() throws {
        let root = Fixtures.shared.appendingPathComponent("ics/libical/zoneinfo")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var compared = 0
        var mismatches: [String: String] = [:]
        let start = Instant(rfc3339: "2023-01-01T00:00:00Z")!.secondsSince1970
        let end = Instant(rfc3339: "2030-12-31T00:00:00Z")!.secondsSince1970
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "ics" else { continue }
            for vtimezone in Self.vtimezones(in: url) {
                let rules = try VTimeZoneRules.rules(from: vtimezone)
                guard let location = vtimezone.property("X-LIC-LOCATION")?.value, let iana = ZoneRules.iana(location) else { continue }
                compared += 1
                // Every 6 hours over eight years: catches a transition on the wrong day or an offset off.
                for t in stride(from: start, to: end, by: 6 * 3600) where rules.offset(atSeconds: t) != iana.offset(atSeconds: t) {
                    mismatches[location] =
                        "\(location) at \(Instant(secondsSince1970: t)): \(rules.offset(atSeconds: t)) vs \(iana.offset(atSeconds: t))"
                    break
                }
            }
        }
        #expect(compared > 550)
        let unexpected = mismatches.filter { !Self.knownDataDifferences.contains($0.key) }.values.sorted()
        #expect(unexpected.isEmpty, "\(unexpected.count) zones differ:\n\(unexpected.joined(separator: "\n"))")
    }

    /// Zones where libical's 2022 zoneinfo and today's IANA data disagree, each checked:
    /// rules changed since (Mexico ended DST in 2022; Jordan and Syria kept +03; Fiji dropped
    /// DST; Egypt resumed DST in 2023; Greenland moved to -02 in 2023; Kazakhstan unified on +05
    /// in 2024; Paraguay kept -03 in 2024; Chile, Morocco, Palestine and Antarctic stations
    /// shifted dates), or libical simplified the rule (Israel's "Friday before the last Sunday"
    /// written as "last Friday of March").
    static let knownDataDifferences: Set<String> = [
        "Pacific/Fiji", "Mexico/BajaSur", "Mexico/General", "Asia/Hebron", "Asia/Amman", "Asia/Jerusalem", "Asia/Qostanay", "Asia/Gaza",
        "Asia/Tel_Aviv", "Asia/Almaty", "Asia/Damascus", "Chile/Continental", "Antarctica/Casey", "Antarctica/Vostok", "America/Merida",
        "America/Scoresbysund", "America/Godthab", "America/Asuncion", "America/Ojinaga", "America/Monterrey", "America/Mazatlan",
        "America/Mexico_City", "America/Santiago", "America/Chihuahua", "America/Bahia_Banderas", "America/Nuuk", "Egypt", "Africa/Casablanca",
        "Africa/El_Aaiun", "Africa/Cairo", "Israel",
    ]

    @Test("every VTIMEZONE in the corpus is interpreted or refused with a located error, never a crash")
    func everyCorpusVTimeZone() throws {
        var interpreted = 0
        var refused: [String] = []
        for entry in try CorpusTests.manifest() {
            for vtimezone in Self.vtimezones(in: CorpusTests.root.appendingPathComponent(entry.path)) {
                do {
                    _ = try VTimeZoneRules.rules(from: vtimezone)
                    interpreted += 1
                } catch {
                    #expect(error.line > 0)
                    refused.append("\(entry.path): \(error)")
                }
            }
        }
        #expect(interpreted > 800)
        #expect(refused.count < 10, "\(refused.joined(separator: "\n"))")
    }

    @Test("a VTIMEZONE built from RDATEs, and Outlook's pre-1900 DTSTARTs, give the right offsets")
    func rdateAndAncientObservances() throws {
        let text = """
            BEGIN:VTIMEZONE
            TZID:Custom
            BEGIN:STANDARD
            DTSTART:16010101T000000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0100
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:20240331T020000
            RDATE:20240331T020000,20250330T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            END:DAYLIGHT
            BEGIN:STANDARD
            DTSTART:20241027T030000
            RDATE:20241027T030000
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            END:STANDARD
            END:VTIMEZONE
            """
        let rules = try VTimeZoneRules.rules(from: try ICalendarParser.parse(text).components[0])
        #expect(rules.offset(at: Instant(rfc3339: "2024-03-31T00:59:59Z")!) == 3600)
        #expect(rules.offset(at: Instant(rfc3339: "2024-03-31T01:00:00Z")!) == 7200)
        #expect(rules.offset(at: Instant(rfc3339: "2024-10-27T01:00:00Z")!) == 3600)
        #expect(rules.offset(at: Instant(rfc3339: "2025-06-01T00:00:00Z")!) == 7200)
        #expect(rules.instant(for: LocalDateTime(year: 2024, month: 3, day: 31, hour: 2, minute: 30)).description == "2024-03-31T01:30:00Z")
    }

    @Test("a Windows TZID from Outlook resolves to IANA even when the file carries its own VTIMEZONE")
    func windowsNamesPreferIANA() throws {
        let url = Fixtures.shared.appendingPathComponent("ics/khal/tz_windows_format.ics")
        let parsed = try ICalendarParser.parse(bytes: Array(try Data(contentsOf: url)), mode: .lenient)
        let resolver = TimeZoneResolver(calendar: parsed.calendar)
        #expect(resolver.rules(for: "W. Europe Standard Time")?.identifier == "Europe/Berlin")
    }
}
