import ArgumentParser
import Foundation
import ICalendar

/// `horario ical check FILE...`: does each file parse, what is in it, and what was repaired.
struct ICalCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse iCalendar files and report components, warnings and errors."
    )

    @Argument(help: "iCalendar files to check.")
    var files: [String]

    @Flag(help: "Parse strictly (RFC 5545 as written) instead of leniently.")
    var strict = false

    mutating func run() throws {
        var failures = 0
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read file")
                failures += 1
                continue
            }
            do {
                let parsed = try ICalendarParser.parse(bytes: Array(data), mode: strict ? .strict : .lenient)
                print("\(path): ok (\(summary(parsed.components)))")
                for warning in parsed.warnings { print("  warning: \(warning)") }
            } catch {
                print("\(path): error: \(error)")
                failures += 1
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// `1 VCALENDAR, 3 VEVENT, 1 VTIMEZONE` — counts of every component, nested ones included.
    private func summary(_ components: [Component]) -> String {
        var counts: [(String, Int)] = []
        func visit(_ component: Component) {
            if let index = counts.firstIndex(where: { $0.0 == component.name }) {
                counts[index].1 += 1
            } else {
                counts.append((component.name, 1))
            }
            component.components.forEach(visit)
        }
        components.forEach(visit)
        return counts.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
    }
}
