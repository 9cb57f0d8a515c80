import Foundation
import Testing

/// `horario ical …` end to end, through the real binary.
struct ICalCommandTests {
    @Test("ical expand --batch answers all 1,500 oracle cases exactly as expected")
    func expandBatchMatchesOracle() throws {
        let casesURL = CLIRunner.shared.appendingPathComponent("fixtures/rrule/cases.json")
        let data = try Data(contentsOf: casesURL)
        let result = try CLIRunner.run(["ical", "expand", "--batch"], stdin: data)
        #expect(result.status == 0, "\(result.stderr)")
        let answers = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cases = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["cases"] as? [[String: Any]])
        var failures: [String] = []
        for item in cases {
            let id = item["id"] as! String
            let expected = (item["expected"] as! [String]).sorted()
            guard let got = answers[id] as? [String] else {
                failures.append("\(id): \(String(describing: answers[id]))")
                continue
            }
            if got.sorted() != expected { failures.append(id) }
        }
        #expect(cases.count == 1500)
        #expect(failures.isEmpty, "\(failures.count) failed: \(failures.prefix(20))")
    }

    @Test("ical expand reads one case on stdin and prints a JSON array; bad input prints an error object, status 0")
    func expandSingleCase() throws {
        let single = """
            {"id":"x","dtstart":"20240101T090000","dtstart_kind":"tzid","tzid":"Europe/Berlin","rrule":"FREQ=DAILY;COUNT=3",
             "exdates":["20240102T080000Z"],"rdates":[],"window_start":"2024-01-01T00:00:00Z","window_end":"2025-01-01T00:00:00Z"}
            """
        let result = try CLIRunner.run(["ical", "expand"], stdin: Data(single.utf8))
        #expect(result.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String] == ["2024-01-01T08:00:00Z", "2024-01-03T08:00:00Z"])

        let broken =
            #"{"id":"y","dtstart":"20240101T090000","dtstart_kind":"tzid","tzid":"Europe/Berlin","rrule":"FREQ=SOMETIMES","#
            + #""exdates":[],"rdates":[],"window_start":"2024-01-01T00:00:00Z","window_end":"2025-01-01T00:00:00Z"}"#
        let failed = try CLIRunner.run(["ical", "expand"], stdin: Data(broken.utf8))
        #expect(failed.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [String: String])
        #expect(object["error"]?.contains("FREQ") == true)
    }

    @Test("ical check reports components and warnings, and exits 1 naming the line of a broken file")
    func check() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("horario-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.ics")
        try "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:1\nDTSTART:20240101\nEND:VEVENT\nEND:VCALENDAR\n".write(
            to: good, atomically: true, encoding: .utf8)
        let bad = directory.appendingPathComponent("bad.ics")
        try "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\n".write(to: bad, atomically: true, encoding: .utf8)

        let ok = try CLIRunner.run(["ical", "check", good.path])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("good.ics: ok (1 VCALENDAR, 1 VEVENT)"))
        #expect(ok.stdout.contains("warning: line 6: DTSTART: DATE value without VALUE=DATE"))

        let failed = try CLIRunner.run(["ical", "check", "--strict", good.path, bad.path])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("bad.ics: error: line 3: END:VTODO does not match BEGIN:VEVENT at line 2"))
    }
}
