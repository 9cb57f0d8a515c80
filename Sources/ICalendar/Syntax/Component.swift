/// A component (`VCALENDAR`, `VEVENT`, `VTIMEZONE`, `X-FOO`…) with its properties and sub-components.
///
/// The model is deliberately generic: unknown and X- components and properties are kept
/// in order, so a parse → serialize round trip loses nothing.
///
/// ## Topics
/// - Parsing: ``ICalendarParser``
/// - Writing: ``ICalendarSerializer``
/// - Recurrence: ``RecurrenceSet``, ``InstanceExpander``
public struct Component: Hashable, Sendable {
    /// Upper-cased component name.
    public var name: String
    public var properties: [Property]
    public var components: [Component]
    /// 1-based line of the `BEGIN`; 0 for built components. Not part of equality.
    public var line: Int

    public init(name: String, properties: [Property] = [], components: [Component] = [], line: Int = 0) {
        self.name = name.uppercased()
        self.properties = properties
        self.components = components
        self.line = line
    }

    public static func == (lhs: Component, rhs: Component) -> Bool {
        lhs.name == rhs.name && lhs.properties == rhs.properties && lhs.components == rhs.components
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(properties)
        hasher.combine(components)
    }

    /// The first property called `name`.
    public func property(_ name: String) -> Property? {
        let upper = name.uppercased()
        return properties.first { $0.name == upper }
    }

    /// Every property called `name`, in order.
    public func properties(named name: String) -> [Property] {
        let upper = name.uppercased()
        return properties.filter { $0.name == upper }
    }

    /// Direct sub-components called `name`, in order.
    public func components(named name: String) -> [Component] {
        let upper = name.uppercased()
        return components.filter { $0.name == upper }
    }

    /// Replaces every property called `property.name` with `property`.
    public mutating func setProperty(_ property: Property) {
        removeProperties(named: property.name)
        properties.append(property)
    }

    public mutating func removeProperties(named name: String) {
        let upper = name.uppercased()
        properties.removeAll { $0.name == upper }
    }
}
