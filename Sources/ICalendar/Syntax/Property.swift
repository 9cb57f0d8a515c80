/// A content line inside a component (RFC 5545 §3.1): name, parameters and the raw value.
///
/// The value is kept exactly as it appeared after unfolding (TEXT escapes included), so
/// nothing is lost; typed accessors in `Property+Values.swift` decode it on demand.
public struct Property: Sendable {
    /// Upper-cased property name (`DTSTART`, `X-WR-CALNAME`).
    public var name: String
    public var parameters: [Parameter]
    /// The raw value text, still escaped as it appears on the wire.
    public var value: String
    /// 1-based line where the property started in the parsed text; 0 for built properties.
    /// Not part of equality.
    public var line: Int

    public init(name: String, parameters: [Parameter] = [], value: String, line: Int = 0) {
        self.name = name.uppercased()
        self.parameters = parameters
        self.value = value
        self.line = line
    }

    /// Builds a TEXT property, escaping `text` (RFC 5545 §3.3.11).
    public static func text(_ name: String, _ text: String, parameters: [Parameter] = []) -> Property {
        Property(name: name, parameters: parameters, value: TextValue.escape(text))
    }

    /// The first value of parameter `name`, if present.
    public func parameter(_ name: String) -> String? {
        let upper = name.uppercased()
        return parameters.first { $0.name == upper }?.value
    }

    /// Sets (replacing) or, with `nil`, removes parameter `name`.
    public mutating func setParameter(_ name: String, _ value: String?) {
        let upper = name.uppercased()
        parameters.removeAll { $0.name == upper }
        if let value { parameters.append(Parameter(name: upper, value: value)) }
    }
}

extension Property: Hashable {
    public static func == (lhs: Property, rhs: Property) -> Bool {
        lhs.name == rhs.name && lhs.parameters == rhs.parameters && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(parameters)
        hasher.combine(value)
    }
}
