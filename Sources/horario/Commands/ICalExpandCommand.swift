import ArgumentParser
import Foundation
import ICalendar

/// `horario ical expand [--batch]`: the RRULE oracle's checker interface.
///
/// Reads one case (or `{"cases": [...]}` with `--batch`) as JSON on stdin and prints the
/// instance starts in the case's window. Failures are reported in the output as
/// `{"error": "..."}` with exit status 0, as the checker expects, so one bad case does not
/// hide the results of the others.
struct ICalExpandCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expand",
        abstract: "Expand RRULE oracle cases read as JSON on stdin (see shared/fixtures/rrule/README.md)."
    )

    @Flag(help: "Read {\"cases\": [...]} and print {\"<id>\": [...] or {\"error\": ...}, ...}.")
    var batch = false

    private struct Batch: Decodable {
        var cases: [RecurrenceCase]
    }

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let output: Data
        if batch {
            output = Self.encodeBatch(input)
        } else {
            output = Self.encodeSingle(input)
        }
        FileHandle.standardOutput.write(output)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    private static func encodeSingle(_ input: Data) -> Data {
        let answer: Any
        do {
            answer = result(of: try JSONDecoder().decode(RecurrenceCase.self, from: input))
        } catch {
            answer = ["error": "cannot read case: \(error)"]
        }
        return serialize(answer)
    }

    private static func encodeBatch(_ input: Data) -> Data {
        do {
            let cases = try JSONDecoder().decode(Batch.self, from: input).cases
            var answers: [String: Any] = [:]
            for item in cases { answers[item.id] = result(of: item) }
            return serialize(answers)
        } catch {
            return serialize(["error": "cannot read cases: \(error)"])
        }
    }

    /// `[String]` on success, `{"error": ...}` otherwise.
    private static func result(of item: RecurrenceCase) -> Any {
        switch item.evaluate() {
        case .success(let starts): return starts
        case .failure(let error): return ["error": error.description]
        }
    }

    private static func serialize(_ value: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{\"error\": \"encoding failed\"}".utf8)
    }
}
