public import CoreMetrics
import Foundation
import Synchronization

/// A swift-metrics backend that keeps every metric in memory and renders the Prometheus text
/// exposition format for `GET /metrics`. Small on purpose: counters, gauges (meters),
/// recorders and timers (as histograms), which is all the server records.
public final class PrometheusRegistry: MetricsFactory, Sendable {
    /// Histogram buckets for timers, in seconds.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private let series = Mutex<[SeriesKey: Series]>([:])

    public init() {}

    struct SeriesKey: Hashable {
        var name: String
        var labels: String
    }

    enum Kind: String {
        case counter, gauge, histogram
    }

    /// One metric with one set of labels.
    final class Series: CounterHandler, FloatingPointCounterHandler, MeterHandler, RecorderHandler, TimerHandler, Sendable {
        let kind: Kind
        private let state = Mutex<(value: Double, count: Int, sum: Double, buckets: [Int])>(
            (0, 0, 0, Array(repeating: 0, count: PrometheusRegistry.buckets.count)))

        init(kind: Kind) { self.kind = kind }

        func increment(by amount: Int64) { state.withLock { $0.value += Double(amount) } }
        func increment(by amount: Double) { state.withLock { $0.value += amount } }
        func decrement(by amount: Double) { state.withLock { $0.value -= amount } }
        func reset() { state.withLock { $0 = (0, 0, 0, Array(repeating: 0, count: PrometheusRegistry.buckets.count)) } }
        func set(_ value: Int64) { set(Double(value)) }
        func set(_ value: Double) { state.withLock { $0.value = value } }
        func record(_ value: Int64) { observe(Double(value)) }
        func record(_ value: Double) { kind == .histogram ? observe(value) : set(value) }
        func recordNanoseconds(_ duration: Int64) { observe(Double(duration) / 1e9) }

        private func observe(_ value: Double) {
            state.withLock { state in
                state.count += 1
                state.sum += value
                for (index, bound) in PrometheusRegistry.buckets.enumerated() where value <= bound { state.buckets[index] += 1 }
            }
        }

        func snapshot() -> (value: Double, count: Int, sum: Double, buckets: [Int]) { state.withLock { $0 } }
    }

    private func series(_ label: String, _ dimensions: [(String, String)], kind: Kind) -> Series {
        let key = SeriesKey(name: Self.metricName(label), labels: Self.labels(dimensions))
        return series.withLock { all in
            if let existing = all[key] { return existing }
            let created = Series(kind: kind)
            all[key] = created
            return created
        }
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler { series(label, dimensions, kind: .counter) }
    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        series(label, dimensions, kind: .counter)
    }
    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler { series(label, dimensions, kind: .gauge) }
    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        series(label, dimensions, kind: aggregate ? .histogram : .gauge)
    }
    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler { series(label, dimensions, kind: .histogram) }
    public func destroyCounter(_ handler: any CounterHandler) {}
    public func destroyMeter(_ handler: any MeterHandler) {}
    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    public func destroyRecorder(_ handler: any RecorderHandler) {}
    public func destroyTimer(_ handler: any TimerHandler) {}

    /// The Prometheus text exposition format (version 0.0.4), metrics sorted by name.
    public func render() -> String {
        let all = series.withLock { $0 }
        var output = ""
        var typed = Set<String>()
        for (key, value) in all.sorted(by: { ($0.key.name, $0.key.labels) < ($1.key.name, $1.key.labels) }) {
            if typed.insert(key.name).inserted { output += "# TYPE \(key.name) \(value.kind.rawValue)\n" }
            let snapshot = value.snapshot()
            switch value.kind {
            case .counter, .gauge:
                output += "\(key.name)\(Self.braced(key.labels)) \(Self.number(snapshot.value))\n"
            case .histogram:
                var cumulative = 0
                for (index, bound) in Self.buckets.enumerated() {
                    cumulative = snapshot.buckets[index]
                    output += "\(key.name)_bucket\(Self.braced(Self.join(key.labels, "le=\"\(Self.number(bound))\""))) \(cumulative)\n"
                }
                output += "\(key.name)_bucket\(Self.braced(Self.join(key.labels, "le=\"+Inf\""))) \(snapshot.count)\n"
                output += "\(key.name)_sum\(Self.braced(key.labels)) \(Self.number(snapshot.sum))\n"
                output += "\(key.name)_count\(Self.braced(key.labels)) \(snapshot.count)\n"
            }
        }
        return output
    }

    /// `http.server.request.duration` → `http_server_request_duration`.
    static func metricName(_ label: String) -> String {
        String(label.unicodeScalars.map { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") ? Character($0) : "_" })
    }

    static func labels(_ dimensions: [(String, String)]) -> String {
        dimensions.sorted { $0.0 < $1.0 }.map { name, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(
                of: "\n", with: "\\n")
            return "\(metricName(name))=\"\(escaped)\""
        }.joined(separator: ",")
    }

    static func join(_ labels: String, _ extra: String) -> String { labels.isEmpty ? extra : labels + "," + extra }
    static func braced(_ labels: String) -> String { labels.isEmpty ? "" : "{" + labels + "}" }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
