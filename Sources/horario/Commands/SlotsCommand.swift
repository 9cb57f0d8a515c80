import ArgumentParser
import Availability
import Foundation
import ICalendar

/// `horario slots --scenario FILE`: what would a booking page offer? (fixtures/availability/README.md)
struct SlotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slots",
        abstract: "Compute the slots of a scenario (schedule, event type, busy time) without a server."
    )

    @Option(name: .long, help: "Scenario JSON file, or - for standard input.")
    var scenario: String

    @Option(name: .long, help: "Instead of the slots, explain why this instant (RFC 3339) is or is not bookable.")
    var explain: String?

    mutating func run() throws {
        let data: Data
        if scenario == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: scenario) else {
                throw ValidationError("cannot read scenario file \(scenario)")
            }
            data = contents
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let explain {
            print(Self.explanation(of: data, at: explain))
            return
        }
        let output = SlotScenario.run(json: data)
        print(String(decoding: try encoder.encode(output), as: UTF8.self))
    }

    /// The engine's explanation for one instant, as text.
    static func explanation(of data: Data, at text: String) -> String {
        guard let instant = Instant(rfc3339: text) else { return "\"\(text)\" is not an RFC 3339 instant" }
        do {
            let scenario = try JSONDecoder().decode(SlotScenario.self, from: data)
            return try scenario.explain(instant).description
        } catch let error as AvailabilityError {
            return "invalid scenario: \(error)"
        } catch {
            return "invalid scenario: \(error)"
        }
    }
}
