import Foundation
import ICalendar
import Testing

/// The RRULE oracle (`shared/fixtures/rrule/cases.json`): every case must match exactly.
struct RecurrenceOracleTests {
    private struct CaseFile: Decodable {
        var cases: [RecurrenceCase]
    }

    static func loadCases() throws -> [RecurrenceCase] {
        let url = Fixtures.shared.appendingPathComponent("rrule/cases.json")
        return try JSONDecoder().decode(CaseFile.self, from: try Data(contentsOf: url)).cases
    }

    /// `id: missing [...] extra [...]`, or nil when `got` is `expected` (order aside, no duplicates).
    static func diff(_ item: RecurrenceCase, _ got: [String]) -> String? {
        let expected = (item.expected ?? []).sorted()
        guard got.sorted() != expected else { return nil }
        let missing = Set(expected).subtracting(got).sorted()
        let extra = Set(got).subtracting(expected).sorted()
        let duplicates = got.count - Set(got).count
        return "\(item.id) [\(item.rrule ?? "no RRULE") from \(item.dtstart) \(item.tzid ?? item.dtstartKind)]: "
            + "missing \(missing.prefix(5)) extra \(extra.prefix(5)) duplicates \(duplicates)"
    }

    @Test("all 1,500 RRULE oracle cases expand exactly as expected")
    func allCasesPass() throws {
        let cases = try Self.loadCases()
        #expect(cases.count == 1500)
        var failures: [String] = []
        for item in cases {
            switch item.evaluate() {
            case .success(let got):
                if let diff = Self.diff(item, got) { failures.append(diff) }
            case .failure(let error):
                failures.append("\(item.id): error \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) failed:\n\(failures.prefix(25).joined(separator: "\n"))")
    }

    @Test("the oracle's expected occurrences add up to the 51,400 the README announces")
    func fixtureIsComplete() throws {
        let cases = try Self.loadCases()
        #expect(cases.reduce(0) { $0 + ($1.expected?.count ?? 0) } == 51_400)
    }
}
