public import Prometheus

/// The process's metrics: swift-metrics handlers backed by swift-prometheus's registry, and
/// the Prometheus text format for `GET /metrics`. Names and label names are made valid
/// Prometheus names (`http.server.request.duration` → `http_server_request_duration`), which
/// keeps the series the server exposed before it used swift-prometheus.
///
/// ```swift
/// let metrics = ServerMetrics()
/// MetricsSystem.bootstrap(metrics.factory)
/// ```
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Request durations range from a fraction of a millisecond to seconds.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        factory.nameAndLabelSanitizer = { name, labels in
            (Self.prometheusName(name), labels.map { (Self.prometheusName($0.0), $0.1) })
        }
        self.factory = factory
    }

    /// The Prometheus text exposition format (version 0.0.4).
    public func render() -> [UInt8] { registry.emitToBuffer() }

    /// Every character outside `[A-Za-z0-9_]` becomes `_`.
    static func prometheusName(_ label: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in label.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_": result.append(scalar)
            default: result.append("_")
            }
        }
        return String(result)
    }
}
