import Availability
import BenchSupport
import Foundation
import ICalendar

/// Benchmarks the availability engine: the slots of a month against 2,000 busy intervals (the
/// booking page's request; the target is under 2 ms), and a schedule's free/busy for a year
/// (a CalDAV free-busy-query). Run through `bench/availability.sh`; figures are in
/// `bench/RESULTS-availability.md`.
///
/// usage: availability-bench [--reps N] [--warmup N]
/// JSON lines go to stdout, the human summary to stderr.
var repetitions = 5
var warmups = 1
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard flag == "--reps" || flag == "--warmup", let value = arguments.popFirst().flatMap({ Int($0) }), value >= 0 else {
        FileHandle.standardError.write(Data("usage: availability-bench [--reps N] [--warmup N]\n".utf8))
        exit(2)
    }
    if flag == "--reps" { repetitions = max(1, value) } else { warmups = value }
}

/// Times `body`, prints one JSON line and one summary line; `work` describes its result.
@MainActor
func run(_ name: String, _ detail: String, _ body: () -> Int) {
    var work = 0
    let timing = Timing.measure(warmups: warmups, repetitions: repetitions) { work = body() }
    let fields: [String: Any] = [
        "bench": name, "detail": detail, "best_ms": timing.best * 1000, "median_ms": timing.median * 1000, "reps": repetitions,
        "warmups": warmups, "runs_per_rep": timing.runsPerRepetition, "result_count": work,
    ]
    if let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), let line = String(data: data, encoding: .utf8) {
        print(line)
    }
    let best = String(format: "%.3f", timing.best * 1000)
    let median = String(format: "%.3f", timing.median * 1000)
    FileHandle.standardError.write(Data("\(name): best \(best) ms, median \(median) ms (\(detail); \(work) results)\n".utf8))
}

do {
    let compiled = try CompiledSchedule(Workload.schedule)
    let limits = try CompiledLimits(Workload.limits)
    let monthBusy = Workload.busy(count: 2_000, in: Workload.month, seed: 2018)
    let sparseMonthBusy = Workload.busy(count: 200, in: Workload.month, seed: 2017)
    let yearBusy = Workload.busy(count: 2_000, in: Workload.year, seed: 2019)
    let denseYearBusy = Workload.busy(count: 24_000, in: Workload.year, seed: 2020)
    let stamp = Workload.now

    run("slots_month", "31 days, 3 ranges a day, 30-min event, 2,000 busy intervals, schedule compiled once") {
        compiled.slots(for: limits, busy: monthBusy, window: Workload.month, now: Workload.now).count
    }
    run("slots_month_sparse", "the same month with 200 busy intervals, so most slots pass every check") {
        compiled.slots(for: limits, busy: sparseMonthBusy, window: Workload.month, now: Workload.now).count
    }
    run("slots_month_compile", "the same, compiling the schedule and limits on every request") {
        guard let schedule = try? CompiledSchedule(Workload.schedule), let limits = try? CompiledLimits(Workload.limits) else { return 0 }
        return schedule.slots(for: limits, busy: monthBusy, window: Workload.month, now: Workload.now).count
    }
    run("freebusy_year", "365 days, 2,000 busy intervals, CompiledSchedule.freeBusy") {
        compiled.freeBusy(window: Workload.year, busy: yearBusy, dtstamp: stamp, uid: "bench").periods.count
    }
    run("freebusy_year_dense", "365 days, 24,000 busy intervals (the month's density all year)") {
        compiled.freeBusy(window: Workload.year, busy: denseYearBusy, dtstamp: stamp, uid: "bench").periods.count
    }
    run("ranges_year", "365 days of availableRanges alone") {
        compiled.availableRanges(meeting: Workload.year).count
    }
} catch {
    FileHandle.standardError.write(Data("availability-bench: \(error)\n".utf8))
    exit(1)
}
