import Foundation
import ICalendar
import Testing

@testable import CalDAVQuery

private typealias Support = QueryTestSupport

/// The shared corpus of real-world files (`shared/fixtures/ics`, see its PROVENANCE.md) run
/// through the query layer: nothing crashes, and the indexed span never hides an object the
/// exact evaluation matches — the property the store's time-range narrowing relies on.
struct CorpusConsistencyTests {
    struct Entry: Decodable {
        var path: String
        var kind: String
    }

    struct Manifest: Decodable {
        var files: [Entry]
    }

    /// `shared/fixtures` beside the repository, or under `HORARIO_SHARED`.
    static let shared: URL = {
        if let override = ProcessInfo.processInfo.environment["HORARIO_SHARED"] {
            return URL(fileURLWithPath: override).appendingPathComponent("fixtures")
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    }()

    static let root = shared.appendingPathComponent("ics")

    /// Windows from a week to a decade, placed where corpus files have events.
    static let windows: [Range<Instant>] = [
        Support.window("19970901T000000Z", "19970908T000000Z"),
        Support.window("19980101T000000Z", "19990101T000000Z"),
        Support.window("20060102T000000Z", "20060109T000000Z"),
        Support.window("20100101T000000Z", "20200101T000000Z"),
        Support.window("20130301T000000Z", "20130401T000000Z"),
        Support.window("20180101T000000Z", "20180108T000000Z"),
        Support.window("20190325T000000Z", "20190401T000000Z"),
        Support.window("20200101T000000Z", "20200102T000000Z"),
        Support.window("20231025T000000Z", "20231105T000000Z"),
        Support.window("20240101T000000Z", "20250101T000000Z"),
    ]

    static let zones: [ZoneRules] = [.utc, Support.tokyo, ZoneRules.iana("Pacific/Honolulu")!]

    @Test("for every valid corpus object and window: a match lies inside the indexed span, and expand output parses back")
    func indexNeverHidesMatches() throws {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: Self.root.appendingPathComponent("manifest.json")))
        var objects = 0
        var matches = 0
        var problems: [String] = []
        for entry in manifest.files where entry.kind == "ics" {
            guard let data = try? Data(contentsOf: Self.root.appendingPathComponent(entry.path)) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            guard let facts = try? CalendarObjectFacts.read(text) else { continue }
            objects += 1
            let filter = CompFilter(
                name: "VCALENDAR", compFilters: [CompFilter(name: facts.componentType, timeRange: TimeRange(start: nil, end: nil))])
            for window in Self.windows {
                let range = TimeRange(window)
                var probe = filter
                probe.compFilters[0].timeRange = range
                for zone in Self.zones where probe.matches(facts.calendar, floatingZone: zone) {
                    matches += 1
                    let afterStart = facts.firstStart.map { $0 < window.upperBound.date } ?? true
                    let beforeEnd = facts.lastEnd.map { $0 > window.lowerBound.date } ?? true
                    if !(afterStart && beforeEnd) {
                        problems.append(
                            "\(entry.path): matches \(window) in \(zone) outside its span \(String(describing: facts.firstStart))…\(String(describing: facts.lastEnd))"
                        )
                    }
                }
                // Expand over the short windows only: a decade of a daily event is slow to read back.
                guard window.upperBound.secondsSince1970 - window.lowerBound.secondsSince1970 <= 31 * 86_400 else { continue }
                let expanded = CalendarDataRenderer.render(facts.calendar, request: CalendarDataRequest(expand: window))
                if (try? ICalendarParser.parse(expanded, mode: .lenient)) == nil {
                    problems.append("\(entry.path): expand output over \(window) does not parse")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
        // The corpus has about two hundred files that are one valid calendar object each.
        #expect(objects > 150)
        #expect(matches > 100)
    }

    @Test("with an instance memo shared across windows and zones, matches and busy time are what fresh expansion gives")
    func memoAgreesWithExpansion() throws {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: Self.root.appendingPathComponent("manifest.json")))
        var compared = 0
        var problems: [String] = []
        // A budget the corpus overflows part way (its memos would keep about 4,600 instances),
        // so later memos fall back to expansion.
        let budget = InstanceBudget(capacity: 3_000)
        var memos: [InstanceMemo] = []
        // Windows outside the memo's span too, which must fall back to expansion.
        let windows = Self.windows + [Support.window("18900101T000000Z", "19010101T000000Z")]
        for entry in manifest.files where entry.kind == "ics" {
            guard let data = try? Data(contentsOf: Self.root.appendingPathComponent(entry.path)),
                let facts = try? CalendarObjectFacts.read(String(decoding: data, as: UTF8.self))
            else { continue }
            let memo = InstanceMemo(budget: budget)
            memos.append(memo)
            for window in windows {
                let filter = CompFilter(name: "VCALENDAR", compFilters: [CompFilter(name: facts.componentType, timeRange: TimeRange(window))])
                for zone in Self.zones {
                    compared += 1
                    if filter.matches(facts.calendar, floatingZone: zone, memo: memo) != filter.matches(facts.calendar, floatingZone: zone) {
                        problems.append("\(entry.path): match differs over \(window) in \(zone)")
                    }
                    let calculator = FreeBusyCalculator(window: window, floatingZone: zone)
                    if calculator.busyPeriods(in: [(facts.calendar, memo)]) != calculator.busyPeriods(in: [facts.calendar]) {
                        problems.append("\(entry.path): busy time differs over \(window) in \(zone)")
                    }
                }
            }
        }
        let differences = problems.count
        #expect(differences == 0, "\(problems.prefix(20).joined(separator: "\n"))")
        #expect(compared > 4_000)
        #expect(budget.inUse > budget.capacity / 2, "the corpus fills the budget")
        memos.removeAll()
        #expect(budget.inUse == 0, "memos give their instances back")
    }
}
