import BenchSupport
import ICalendar

/// Parse + serialize throughput over the corpus files.
enum ParseBench {
    /// The corpus files to use: those of `--files`, or every `.ics` file of the manifest.
    static func paths(_ options: Options) throws -> [String] {
        if let list = options.fileList { return try Corpus.listedPaths(listFile: list) }
        return try Corpus.manifestPaths(corpus: options.corpus)
    }

    /// Prints each accepted path to stdout and each rejected one, with the error, to stderr.
    static func listAccepted(_ options: Options) throws {
        for file in try Corpus.load(corpus: options.corpus, paths: paths(options)) {
            switch Corpus.roundTrip(file) {
            case .success: print(file.path)
            case .failure(let error): Report.say("\(file.path)\t\(error)")
            }
        }
    }

    /// Times parse + serialize of every accepted file, best of `options.repetitions`.
    static func run(_ options: Options) throws {
        let files = try Corpus.load(corpus: options.corpus, paths: paths(options))
        var accepted: [Corpus.File] = []
        for file in files {
            switch Corpus.roundTrip(file) {
            case .success: accepted.append(file)
            case .failure(let error):
                Report.json(["tool": "swift", "bench": "parse_rejected", "path": file.path, "error": error.description])
            }
        }
        let inputBytes = accepted.reduce(0) { $0 + $1.bytes.count }
        var outputBytes = 0
        let timing = Timing.measure(warmups: options.warmups, repetitions: options.repetitions) {
            var total = 0
            for file in accepted {
                if case .success(let count) = Corpus.roundTrip(file) { total += count }
            }
            outputBytes = total
        }
        let filesPerSecond = Double(accepted.count) / timing.best
        let megabytesPerSecond = Double(inputBytes) / 1e6 / timing.best
        Report.json([
            "tool": "swift", "bench": "parse_serialize",
            "file_set": options.fileList ?? "manifest (all .ics)",
            "files": accepted.count, "rejected": files.count - accepted.count,
            "input_bytes": inputBytes, "output_bytes": outputBytes,
            "warmups": options.warmups, "reps": options.repetitions, "runs_per_rep": timing.runsPerRepetition,
            "best_s": Report.rounded(timing.best), "median_s": Report.rounded(timing.median),
            "files_per_s": Report.rounded(filesPerSecond), "mb_per_s": Report.rounded(megabytesPerSecond),
        ])
        Report.say(
            "parse+serialize: \(accepted.count) files, \(Report.format(Double(inputBytes) / 1e6, decimals: 2)) MB"
                + " (\(files.count - accepted.count) rejected); best of \(options.repetitions):"
                + " \(Report.format(timing.best * 1000, decimals: 1)) ms"
                + " -> \(Report.format(filesPerSecond)) files/s, \(Report.format(megabytesPerSecond, decimals: 2)) MB/s"
        )
    }
}
