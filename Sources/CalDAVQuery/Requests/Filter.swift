/// A `<C:comp-filter>` (RFC 4791 §9.7.1): a test on the components called `name` in the
/// enclosing scope. As the root of a `<C:filter>` it is always `VCALENDAR` and tests the
/// calendar object itself.
///
/// ## Topics
/// - Reading: ``CalendarQueryRequest``
/// - Evaluating: ``matches(_:floatingZone:)``
public struct CompFilter: Hashable, Sendable {
    /// Upper-cased component name (`VCALENDAR`, `VEVENT`, `VALARM`, `X-FOO`).
    public var name: String
    /// `<C:is-not-defined/>`: matches when no such component exists; nothing else is allowed.
    public var isNotDefined: Bool
    public var timeRange: TimeRange?
    public var propFilters: [PropFilter]
    public var compFilters: [CompFilter]

    public init(
        name: String, isNotDefined: Bool = false, timeRange: TimeRange? = nil, propFilters: [PropFilter] = [], compFilters: [CompFilter] = []
    ) {
        self.name = name.uppercased()
        self.isNotDefined = isNotDefined
        self.timeRange = timeRange
        self.propFilters = propFilters
        self.compFilters = compFilters
    }
}

/// A `<C:prop-filter>` (RFC 4791 §9.7.2): a test on the properties called `name` of the
/// enclosing component; it matches when one such property passes every condition.
public struct PropFilter: Hashable, Sendable {
    /// Upper-cased property name.
    public var name: String
    public var isNotDefined: Bool
    /// For DATE and DATE-TIME properties only (RFC 4791 §9.9, last paragraph).
    public var timeRange: TimeRange?
    public var textMatch: TextMatch?
    public var paramFilters: [ParamFilter]

    public init(
        name: String, isNotDefined: Bool = false, timeRange: TimeRange? = nil, textMatch: TextMatch? = nil, paramFilters: [ParamFilter] = []
    ) {
        self.name = name.uppercased()
        self.isNotDefined = isNotDefined
        self.timeRange = timeRange
        self.textMatch = textMatch
        self.paramFilters = paramFilters
    }
}

/// A `<C:param-filter>` (RFC 4791 §9.7.3): a test on parameter `name` of the property.
public struct ParamFilter: Hashable, Sendable {
    /// Upper-cased parameter name.
    public var name: String
    public var isNotDefined: Bool
    public var textMatch: TextMatch?

    public init(name: String, isNotDefined: Bool = false, textMatch: TextMatch? = nil) {
        self.name = name.uppercased()
        self.isNotDefined = isNotDefined
        self.textMatch = textMatch
    }
}
