import BenchSupport
import Foundation
import ICalendar

/// Occurrences per second when expanding the recurring events of `bench/events`.
enum ExpandBench {
    /// `events.json`: which file to expand over which window, and how many instances to expect.
    private struct Spec: Decodable {
        struct Event: Decodable {
            let name: String
            let file: String
            let start: String
            let end: String
            let expected: Int
        }

        let events: [Event]
    }

    /// One event ready to expand.
    private struct Loaded {
        let event: Spec.Event
        let calendar: Component
        let window: Range<Instant>
    }

    struct BadInput: Error, CustomStringConvertible {
        let description: String
    }

    /// Expands each event over its window, best of `options.repetitions`, then all of them together.
    static func run(_ options: Options) throws {
        let folder = URL(fileURLWithPath: options.events)
        let spec = try JSONDecoder().decode(Spec.self, from: Data(contentsOf: folder.appendingPathComponent("events.json")))
        let events = try spec.events.map { event in
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(event.file)))
            let calendar = try ICalendarParser.parse(bytes: bytes, mode: .lenient).calendar
            guard let start = Instant(rfc3339: event.start), let end = Instant(rfc3339: event.end) else {
                throw BadInput(description: "\(event.name): bad window \(event.start) – \(event.end)")
            }
            return Loaded(event: event, calendar: calendar, window: start..<end)
        }

        var total = 0
        for loaded in events {
            let starts = expand(loaded).map(\.start.secondsSince1970).sorted()
            let timing = Timing.measure(warmups: options.warmups, repetitions: options.repetitions) { blackHole(expand(loaded)) }
            total += starts.count
            let perSecond = Double(starts.count) / timing.best
            Report.json([
                "tool": "swift", "bench": "expand", "event": loaded.event.name,
                "occurrences": starts.count, "expected": loaded.event.expected,
                "first": starts.first.map { Instant(secondsSince1970: $0).description } ?? NSNull(),
                "last": starts.last.map { Instant(secondsSince1970: $0).description } ?? NSNull(),
                "start_sum": starts.reduce(Int64(0), +),
                "reps": options.repetitions, "runs_per_rep": timing.runsPerRepetition,
                "best_s": Report.rounded(timing.best), "occurrences_per_s": Report.rounded(perSecond),
            ])
            let flag = starts.count == loaded.event.expected ? "" : "  (expected \(loaded.event.expected)!)"
            Report.say(
                "expand \(loaded.event.name): \(Report.format(Double(starts.count))) occurrences in"
                    + " \(Report.format(timing.best * 1000, decimals: 2)) ms -> \(Report.format(perSecond)) occurrences/s\(flag)"
            )
        }

        let timing = Timing.measure(warmups: options.warmups, repetitions: options.repetitions) {
            for loaded in events { blackHole(expand(loaded)) }
        }
        let perSecond = Double(total) / timing.best
        Report.json([
            "tool": "swift", "bench": "expand_total", "events": events.count, "occurrences": total,
            "warmups": options.warmups, "reps": options.repetitions, "runs_per_rep": timing.runsPerRepetition,
            "best_s": Report.rounded(timing.best), "median_s": Report.rounded(timing.median),
            "occurrences_per_s": Report.rounded(perSecond),
        ])
        Report.say(
            "expand all \(events.count) events: \(Report.format(Double(total))) occurrences, best of \(options.repetitions):"
                + " \(Report.format(timing.best * 1000, decimals: 1)) ms -> \(Report.format(perSecond)) occurrences/s"
        )
    }

    /// The instances of every object in the event's calendar that meet its window.
    private static func expand(_ loaded: Loaded) -> [Instance] {
        InstanceExpander.instances(in: loaded.calendar, window: loaded.window)
    }
}
