/// Wall-clock times of repeated runs of one piece of work: the one method every benchmark uses.
public struct Timing: Sendable {
    /// Seconds one run took, for each timed repetition, in run order.
    public let seconds: [Double]
    /// How many runs each repetition averaged (so that short work is timed over ≥ `minimumSeconds`).
    public let runsPerRepetition: Int

    /// The shortest a timed repetition should last; a computation of a millisecond or two is
    /// otherwise lost in the clock's noise, so it is run many times in a row.
    public static let minimumSeconds = 0.2

    public var best: Double { seconds.min() ?? 0 }

    public var median: Double {
        let sorted = seconds.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Runs `body` `warmups` times untimed (at least once, to size the repetitions), then
    /// `repetitions` timed repetitions of enough runs to last ``minimumSeconds``.
    public static func measure(warmups: Int, repetitions: Int, _ body: () -> Void) -> Timing {
        let clock = ContinuousClock()
        var warmup = Duration.zero
        for _ in 0..<max(1, warmups) { warmup = clock.measure(body) }
        let runs = max(1, Int((minimumSeconds / max(seconds(warmup), 1e-9)).rounded(.up)))
        var seconds: [Double] = []
        for _ in 0..<repetitions {
            let elapsed = clock.measure {
                for _ in 0..<runs { body() }
            }
            seconds.append(Self.seconds(elapsed) / Double(runs))
        }
        return Timing(seconds: seconds, runsPerRepetition: runs)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

/// Keeps a result alive so the optimizer cannot drop the work that produced it.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
