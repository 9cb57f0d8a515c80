import Foundation

/// Command-line options; see ``Options/usage``.
struct Options {
    /// The corpus folder holding `manifest.json`.
    var corpus: String
    /// A file listing corpus paths (one a line) to use instead of every accepted manifest file.
    var fileList: String?
    /// The folder of recurring events and `events.json`.
    var events: String
    /// Timed repetitions; the best one is reported.
    var repetitions = 5
    /// Untimed repetitions run first.
    var warmups = 1
    /// Only print the corpus files the parser accepts (and the rejected ones to stderr).
    var listAccepted = false
    /// Which measurements to run.
    var runParse = true
    var runExpand = true

    static let usage = """
        usage: ical-bench [CORPUS_DIR] [--corpus DIR] [--files LIST] [--events DIR]
                          [--reps N] [--warmup N] [--only parse|expand] [--list-accepted]

          CORPUS_DIR      the ICS corpus with manifest.json (default: ../shared/fixtures/ics
                          relative to the package root)
          --files LIST    use only the corpus paths listed in LIST (one per line)
          --events DIR    recurring events and events.json (default: bench/events)
          --reps N        timed repetitions, best reported (default 5)
          --warmup N      untimed repetitions first (default 1)
          --only WHAT     run only the parse or the expand measurement
          --list-accepted print the manifest .ics files the lenient parser accepts, then exit

        JSON lines go to stdout, the human summary to stderr.
        """

    /// The package root: two folders above this source file's folder.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    init(arguments: [String]) throws(UsageError) {
        let root = Self.packageRoot
        corpus = root.appendingPathComponent("../shared/fixtures/ics").standardizedFileURL.path
        events = root.appendingPathComponent("bench/events").path
        var rest = arguments[...]
        func value(_ flag: String) throws(UsageError) -> String {
            guard let next = rest.popFirst() else { throw UsageError("\(flag) needs a value") }
            return next
        }
        func number(_ flag: String) throws(UsageError) -> Int {
            let text = try value(flag)
            guard let number = Int(text), number >= 0 else { throw UsageError("\(flag) needs a count, not \(text)") }
            return number
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--corpus": corpus = try value(argument)
            case "--files": fileList = try value(argument)
            case "--events": events = try value(argument)
            case "--reps": repetitions = max(1, try number(argument))
            case "--warmup": warmups = try number(argument)
            case "--list-accepted": listAccepted = true
            case "--only":
                switch try value(argument) {
                case "parse": runExpand = false
                case "expand": runParse = false
                case let other: throw UsageError("--only takes parse or expand, not \(other)")
                }
            case "-h", "--help": throw UsageError(nil)
            case let path where !path.hasPrefix("-"): corpus = path
            default: throw UsageError("unknown option \(argument)")
            }
        }
    }
}

/// A bad command line; a nil message asks for the usage text alone.
struct UsageError: Error {
    let message: String?

    init(_ message: String?) { self.message = message }
}
