import Foundation

/// Benchmarks the ICalendar module: parse + serialize over the ICS corpus, and recurrence
/// expansion of a few representative events. Run through `bench/ical.sh` to compare with
/// python `icalendar` and `recurring-ical-events` on the same inputs.
let options: Options
do {
    options = try Options(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    if let message = error.message { Report.say("ical-bench: \(message)") }
    Report.say(Options.usage)
    exit(error.message == nil ? 0 : 2)
}

do {
    if options.listAccepted {
        try ParseBench.listAccepted(options)
        exit(0)
    }
    Report.json(["tool": "swift", "bench": "meta", "corpus": options.corpus, "events": options.events])
    if options.runParse { try ParseBench.run(options) }
    if options.runExpand { try ExpandBench.run(options) }
} catch {
    Report.say("ical-bench: \(error)")
    exit(1)
}
