import Availability
import Foundation
import Testing

/// The scenario contract of `shared/fixtures/availability/README.md`, checked against the
/// hand-worked scenarios in `fixtures/availability/` and the README's own example.
///
/// Each fixture carries the expected `slots` in an extra `"expected"` field, worked out by hand
/// from the README rules (the reasoning is in its `"notes"`), so a change in the engine that
/// moves a slot shows up as a named use case, not as a changed number.
struct ScenarioFixtureTests {
    /// `fixtures/availability`, found from this file's path so the tests run from any directory.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/availability")

    /// Every `*.json` in the folder, sorted: each becomes its own test case.
    static let fixtureNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    /// The extra members a fixture adds to the scenario: why, and what.
    struct Expectation: Decodable {
        var id: String
        var notes: String
        var expected: [SlotScenario.OutputSlot]
    }

    @Test("the fixture folder holds the spec's use cases and the DST scenarios")
    func fixturesPresent() {
        let required = [
            "dr-joao-online.json", "dr-joao-in-person.json", "dr-maria-clinics.json", "dr-ana-practice.json",
            "dst-sao-paulo-2018-gap.json", "dst-new-york-fall-back.json",
        ]
        for name in required { #expect(Self.fixtureNames.contains(name), "missing fixtures/availability/\(name)") }
    }

    @Test("each hand-worked scenario gives exactly the slots worked out from the README rules", arguments: fixtureNames)
    func fixtureGivesExpectedSlots(name: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let expectation = try JSONDecoder().decode(Expectation.self, from: data)
        #expect(!expectation.notes.isEmpty, "\(name) explains its expected slots")
        #expect(expectation.id + ".json" == name, "a fixture's id is its file name")
        let output = SlotScenario.run(json: data)
        #expect(output.error == nil, "\(name): \(output.error ?? "")")
        #expect(output.id == expectation.id)
        let slots = output.slots ?? []
        #expect(slots == expectation.expected, "\(name)\n\(Self.difference(slots, expectation.expected))")
    }

    /// Which slots came out that were not expected, and which expected ones are missing.
    static func difference(_ actual: [SlotScenario.OutputSlot], _ expected: [SlotScenario.OutputSlot]) -> String {
        func line(_ slot: SlotScenario.OutputSlot) -> String { "\(slot.start)–\(slot.end)" + (slot.local.map { " (\($0))" } ?? "") }
        let extra = actual.filter { !expected.contains($0) }.map { "  unexpected " + line($0) }
        let missing = expected.filter { !actual.contains($0) }.map { "  missing    " + line($0) }
        let order = extra.isEmpty && missing.isEmpty ? ["  same slots, different order or count"] : []
        return (extra + missing + order).joined(separator: "\n")
    }

    // MARK: - The README's example

    /// The example input of `shared/fixtures/availability/README.md`, verbatim (spec text).
    static let readmeExample = """
        {
          "id": "clinic-tuesday-dst",
          "now": "2018-11-01T12:00:00Z",
          "window": {"start": "2018-11-03T00:00:00Z", "end": "2018-11-10T00:00:00Z"},
          "schedule": {
            "timezone": "America/Sao_Paulo",
            "availability": [
              {"day": "tuesday", "slots": [{"startTime": "14:00", "endTime": "18:00"}]},
              {"day": "thursday", "slots": [{"startTime": "14:00", "endTime": "18:00"}]}
            ],
            "dateOverrides": [
              {"date": "2018-11-06", "type": "custom", "slots": [{"startTime": "09:00", "endTime": "12:00"}]},
              {"date": "2018-11-08", "type": "unavailable", "reason": "Holiday"}
            ]
          },
          "eventType": {
            "duration": 50,
            "slotInterval": 60,
            "beforeBuffer": 0,
            "afterBuffer": 10,
            "minimumNotice": 120,
            "bookingWindow": {"type": "rolling", "days": 30},
            "maxBookingsPerDay": 4,
            "maxBookingsPerWeek": null
          },
          "busy": [
            {"start": "2018-11-06T12:00:00Z", "end": "2018-11-06T13:00:00Z", "source": "booking", "sameEventType": true},
            {"start": "2018-11-09T18:00:00Z", "end": "2018-11-09T19:30:00Z", "source": "event", "sameEventType": false}
          ],
          "outputTimeZone": "Europe/Lisbon"
        }
        """

    @Test("the README's example scenario gives its one documented slot, 11:00Z–11:50Z, local 11:00+00:00 in Lisbon")
    func readmeExample() {
        let output = SlotScenario.run(json: Data(Self.readmeExample.utf8))
        #expect(output.error == nil)
        #expect(output.id == "clinic-tuesday-dst")
        let slots = output.slots?.map { [$0.start, $0.end, $0.local] }
        #expect(slots == [["2018-11-06T11:00:00Z", "2018-11-06T11:50:00Z", "2018-11-06T11:00:00+00:00"]])
    }

    // MARK: - Invalid scenarios

    /// The README example with one edit, as JSON text.
    static func example(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(readmeExample.utf8)) as? [String: Any])
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// Replaces a member of a nested object (`["schedule", "timezone"]`).
    static func set(_ object: inout [String: Any], _ path: [String], _ value: Any?) {
        guard let key = path.first else { return }
        if path.count == 1 {
            object[key] = value
        } else {
            var child = object[key] as? [String: Any] ?? [:]
            set(&child, Array(path.dropFirst()), value)
            object[key] = child
        }
    }

    /// One broken input and the path its error must name.
    struct Invalid: CustomTestStringConvertible, Sendable {
        var name: String
        var path: String
        var edit: @Sendable (inout [String: Any]) -> Void
        var testDescription: String { name }
    }

    static let invalidCases: [Invalid] = [
        Invalid(name: "unknown schedule zone", path: "schedule.timezone") { set(&$0, ["schedule", "timezone"], "America/Atlantis") },
        Invalid(name: "unknown output zone", path: "outputTimeZone") { $0["outputTimeZone"] = "Europe/Nowhere" },
        Invalid(name: "endTime before startTime", path: "schedule.availability[1].slots[0].endTime") {
            set(
                &$0, ["schedule", "availability"],
                [
                    ["day": "tuesday", "slots": [["startTime": "14:00", "endTime": "18:00"]]],
                    ["day": "thursday", "slots": [["startTime": "18:00", "endTime": "14:00"]]],
                ])
        },
        Invalid(name: "endTime equal to startTime", path: "schedule.availability[0].slots[0].endTime") {
            set(&$0, ["schedule", "availability"], [["day": "tuesday", "slots": [["startTime": "14:00", "endTime": "14:00"]]]])
        },
        Invalid(name: "impossible override date", path: "schedule.dateOverrides[1].date") {
            set(
                &$0, ["schedule", "dateOverrides"],
                [
                    ["date": "2018-11-06", "type": "unavailable"], ["date": "2018-02-30", "type": "unavailable"],
                ])
        },
        Invalid(name: "bad window instant", path: "window.start") { set(&$0, ["window", "start"], "2018-11-03 midnight") },
        Invalid(name: "bad busy instant", path: "busy[1].end") {
            $0["busy"] = [
                ["start": "2018-11-06T12:00:00Z", "end": "2018-11-06T13:00:00Z", "source": "booking"],
                ["start": "2018-11-09T18:00:00Z", "end": "2018-11-09T25:30:00Z", "source": "event"],
            ]
        },
        Invalid(name: "bad booking window date", path: "eventType.bookingWindow.endDate") {
            set(&$0, ["eventType", "bookingWindow"], ["type": "range", "startDate": "2018-11-01", "endDate": "2018-13-01"])
        },
        Invalid(name: "zero duration", path: "eventType.duration") { set(&$0, ["eventType", "duration"], 0) },
        Invalid(name: "missing now", path: "now") { $0["now"] = nil },
        Invalid(name: "missing schedule zone", path: "schedule.timezone") { set(&$0, ["schedule", "timezone"], nil) },
        Invalid(name: "missing duration", path: "eventType.duration") { set(&$0, ["eventType", "duration"], nil) },
        Invalid(name: "wrong type for a field", path: "eventType.afterBuffer") { set(&$0, ["eventType", "afterBuffer"], "ten") },
        Invalid(name: "unknown weekday", path: "schedule.availability[0].day") {
            set(&$0, ["schedule", "availability"], [["day": "tuesdai", "slots": [["startTime": "14:00", "endTime": "18:00"]]]])
        },
    ]

    @Test("an invalid scenario gives an error naming the field's path and no slots", arguments: invalidCases)
    func invalidScenarioNamesPath(_ invalid: Invalid) throws {
        let output = SlotScenario.run(json: try Self.example(invalid.edit))
        #expect(output.slots == nil)
        let error = try #require(output.error, "\(invalid.name) gives an error")
        #expect(error.contains(invalid.path), "\(invalid.name): \(error)")
        #expect(output.id == "clinic-tuesday-dst", "the id is kept when it can be read")
    }

    @Test("malformed JSON gives an error, not a crash", arguments: ["", "{", "[]", "null", "{\"id\": 7}", "\u{FEFF}{]", "{\"id\": \"x\", \"now\": "])
    func malformedJSON(_ text: String) throws {
        let output = SlotScenario.run(json: Data(text.utf8))
        #expect(output.slots == nil)
        let error = try #require(output.error)
        #expect(error.hasPrefix("invalid scenario"), "\(error)")
    }

    @Test("a scenario with several problems names each of their paths")
    func severalProblems() throws {
        let data = try Self.example {
            Self.set(&$0, ["schedule", "timezone"], "Nowhere/Land")
            Self.set(&$0, ["window", "end"], "2018-11-31T00:00:00Z")
            Self.set(&$0, ["schedule", "dateOverrides"], [["date": "2018-11-6", "type": "unavailable"]])
        }
        let output = SlotScenario.run(json: data)
        let error = try #require(output.error)
        for path in ["schedule.timezone", "window.end", "schedule.dateOverrides[0].date"] {
            #expect(error.contains(path), "\(path) in \(error)")
        }
    }
}
