/// A property parameter (RFC 5545 §3.2): a name and one or more values.
///
/// Values are stored decoded: surrounding quotes removed and RFC 6868 `^` escapes resolved.
/// The serializer quotes and re-escapes them as needed, so the model never depends on how
/// the producer happened to quote.
public struct Parameter: Hashable, Sendable {
    /// Upper-cased parameter name (`TZID`, `VALUE`, `X-FOO`).
    public var name: String
    /// Decoded values; several for multi-valued parameters such as `MEMBER` or `DELEGATED-TO`.
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name.uppercased()
        self.values = values
    }

    public init(name: String, value: String) {
        self.init(name: name, values: [value])
    }

    /// The first value, which is what single-valued parameters (`TZID`, `VALUE`) mean.
    public var value: String { values.first ?? "" }
}
