import Foundation
import Testing

/// `horario slots --scenario …` end to end, through the real binary.
struct SlotsCommandTests {
    static let scenario = """
        {"id": "clinic", "now": "2018-11-01T12:00:00Z", "window": {"start": "2018-11-03T00:00:00Z", "end": "2018-11-10T00:00:00Z"},
         "schedule": {"timezone": "America/Sao_Paulo",
                      "availability": [{"day": "tuesday", "slots": [{"startTime": "14:00", "endTime": "18:00"}]}],
                      "dateOverrides": [{"date": "2018-11-06", "type": "custom", "slots": [{"startTime": "09:00", "endTime": "12:00"}]}]},
         "eventType": {"duration": 50, "slotInterval": 60, "afterBuffer": 10, "minimumNotice": 120},
         "busy": [{"start": "2018-11-06T12:00:00Z", "end": "2018-11-06T13:00:00Z", "source": "booking", "sameEventType": true}],
         "outputTimeZone": "Europe/Lisbon"}
        """

    @Test("slots --scenario - prints the slots as JSON, with local times in the output zone")
    func slotsFromStdin() throws {
        let result = try CLIRunner.run(["slots", "--scenario", "-"], stdin: Data(Self.scenario.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "clinic")
        let slots = try #require(object["slots"] as? [[String: String]])
        #expect(slots == [["start": "2018-11-06T11:00:00Z", "end": "2018-11-06T11:50:00Z", "local": "2018-11-06T11:00:00+00:00"]])
    }

    @Test("an invalid scenario prints an error naming the field, with exit status 0")
    func invalidScenario() throws {
        let broken = Self.scenario.replacingOccurrences(of: "\"14:00\", \"endTime\": \"18:00\"", with: "\"14:00\", \"endTime\": \"13:00\"")
        let result = try CLIRunner.run(["slots", "--scenario", "-"], stdin: Data(broken.utf8))
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
        #expect(object["error"] == "schedule.availability[0].slots[0].endTime: must be after startTime (14:00 – 13:00)")
        let garbage = try CLIRunner.run(["slots", "--scenario", "-"], stdin: Data("{\"id\": \"g\", \"now\": 5}".utf8))
        #expect(garbage.status == 0)
        #expect(garbage.stdout.contains("\"error\""))
    }

    @Test("slots --explain says why an instant is not bookable")
    func explain() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).json")
        try Self.scenario.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLIRunner.run(["slots", "--scenario", file.path, "--explain", "2018-11-06T13:00:00Z"])
        #expect(
            result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2018-11-06T13:00:00Z is not bookable: inside the buffer around booking")
    }
}
