public import DAVXML
public import ICalendar

/// What a `<C:calendar-data>` inside a REPORT's `<D:prop>` asks for (RFC 4791 §9.6): which
/// components and properties, and whether recurrences are expanded or limited.
///
/// An empty `<C:calendar-data/>` asks for the stored object unchanged
/// (``returnsStoredText``).
public struct CalendarDataRequest: Hashable, Sendable {
    /// `<C:comp name="VCALENDAR">`: partial retrieval (RFC 4791 §9.6.1); nil = everything.
    public var component: ComponentSelection?
    /// `<C:expand>` (RFC 4791 §9.6.5): one component per instance meeting the window, in UTC.
    public var expand: Range<Instant>?
    /// `<C:limit-recurrence-set>` (RFC 4791 §9.6.6): the master plus only the overrides that
    /// affect the window.
    public var limitRecurrenceSet: Range<Instant>?
    /// `<C:limit-freebusy-set>` (RFC 4791 §9.6.7): only FREEBUSY periods meeting the window.
    public var limitFreeBusySet: Range<Instant>?

    public init(
        component: ComponentSelection? = nil, expand: Range<Instant>? = nil, limitRecurrenceSet: Range<Instant>? = nil,
        limitFreeBusySet: Range<Instant>? = nil
    ) {
        self.component = component
        self.expand = expand
        self.limitRecurrenceSet = limitRecurrenceSet
        self.limitFreeBusySet = limitFreeBusySet
    }

    /// True when the answer is the stored text as it is, so the caller need not parse it.
    public var returnsStoredText: Bool {
        component == nil && expand == nil && limitRecurrenceSet == nil && limitFreeBusySet == nil
    }

    /// Reads a `<C:calendar-data>` request element. The `content-type` and `version`
    /// attributes must name text/calendar 2.0 (CALDAV:supported-calendar-data).
    public init(element: XMLElement) throws(CalDAVQueryError) {
        if let contentType = element.attribute("content-type") {
            let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingASCIIWhitespace().lowercased() }
            guard mediaType == "text/calendar" else {
                throw .unsupportedCalendarData("calendar-data content-type \"\(contentType)\" is not supported (text/calendar)")
            }
        }
        if let version = element.attribute("version"), version.trimmingASCIIWhitespace() != "2.0" {
            throw .unsupportedCalendarData("calendar-data version \"\(version)\" is not supported (2.0)")
        }
        self.init()
        for child in element.elements where child.name.namespace == XMLNamespace.calDAV {
            switch child.name {
            case XMLName.CalDAV.comp:
                guard component == nil else { throw .badRequest("calendar-data holds more than one comp") }
                let selection = try ComponentSelection(element: child)
                guard selection.name == "VCALENDAR" else { throw .badRequest("the outer comp of calendar-data must be VCALENDAR") }
                component = selection
            case XMLName.CalDAV.expand:
                guard expand == nil, limitRecurrenceSet == nil else { throw .badRequest("calendar-data holds expand or limit-recurrence-set once") }
                expand = try TimeRange(element: child, requireBoth: true, failure: CalDAVQueryError.invalidTimeRange).closedWindow
            case XMLName.CalDAV.limitRecurrenceSet:
                guard expand == nil, limitRecurrenceSet == nil else { throw .badRequest("calendar-data holds expand or limit-recurrence-set once") }
                limitRecurrenceSet = try TimeRange(element: child, requireBoth: true, failure: CalDAVQueryError.invalidTimeRange).closedWindow
            case XMLName.CalDAV.limitFreebusySet:
                guard limitFreeBusySet == nil else { throw .badRequest("calendar-data holds limit-freebusy-set once") }
                limitFreeBusySet = try TimeRange(element: child, requireBoth: true, failure: CalDAVQueryError.invalidTimeRange).closedWindow
            default:
                throw .badRequest("unexpected \(child.name.local) in calendar-data")
            }
        }
    }
}

/// A `<C:comp>` of partial retrieval (RFC 4791 §9.6.1): the properties and sub-components
/// of one component type to return.
public struct ComponentSelection: Hashable, Sendable {
    public enum Properties: Hashable, Sendable {
        /// `<C:allprop/>`.
        case all
        /// `<C:prop name=…>` elements; an empty list returns no property.
        case named([PropertyRequest])
    }

    public enum Components: Hashable, Sendable {
        /// `<C:allcomp/>`.
        case all
        /// `<C:comp>` elements; an empty list returns no sub-component.
        case named([ComponentSelection])
    }

    /// Upper-cased component name.
    public var name: String
    public var properties: Properties
    public var components: Components

    public init(name: String, properties: Properties = .all, components: Components = .all) {
        self.name = name.uppercased()
        self.properties = properties
        self.components = components
    }

    /// Reads a `<C:comp>`. One with no children at all returns the whole component, as the
    /// `<C:comp name="VTIMEZONE"/>` of RFC 4791 §7.8.1 does.
    init(element: XMLElement) throws(CalDAVQueryError) {
        let name = (element.attribute("name") ?? "").trimmingASCIIWhitespace()
        guard !name.isEmpty else { throw .badRequest("comp needs a name attribute") }
        var allProperties = false
        var allComponents = false
        var properties: [PropertyRequest] = []
        var components: [ComponentSelection] = []
        var sawAny = false
        for child in element.elements where child.name.namespace == XMLNamespace.calDAV {
            sawAny = true
            switch child.name {
            case XMLName.CalDAV.allprop: allProperties = true
            case XMLName.CalDAV.prop: properties.append(try PropertyRequest(element: child))
            case QueryNames.allcomp: allComponents = true
            case XMLName.CalDAV.comp: components.append(try ComponentSelection(element: child))
            default: throw .badRequest("unexpected \(child.name.local) in comp \(name)")
            }
        }
        if allProperties, !properties.isEmpty { throw .badRequest("comp \(name) holds both allprop and prop") }
        if allComponents, !components.isEmpty { throw .badRequest("comp \(name) holds both allcomp and comp") }
        guard sawAny else {
            self.init(name: name)
            return
        }
        self.init(
            name: name, properties: allProperties ? .all : .named(properties), components: allComponents ? .all : .named(components))
    }
}

/// A `<C:prop name=… novalue=…>` of partial retrieval (RFC 4791 §9.6.4).
public struct PropertyRequest: Hashable, Sendable {
    /// Upper-cased property name.
    public var name: String
    /// `novalue="yes"`: the property is returned with its parameters and an empty value.
    public var noValue: Bool

    public init(name: String, noValue: Bool = false) {
        self.name = name.uppercased()
        self.noValue = noValue
    }

    init(element: XMLElement) throws(CalDAVQueryError) {
        let name = (element.attribute("name") ?? "").trimmingASCIIWhitespace()
        guard !name.isEmpty else { throw .badRequest("prop needs a name attribute") }
        let noValue: Bool
        switch element.attribute("novalue")?.trimmingASCIIWhitespace().lowercased() {
        case nil, "no": noValue = false
        case "yes": noValue = true
        case let other?: throw .badRequest("prop novalue must be \"yes\" or \"no\", not \"\(other)\"")
        }
        self.init(name: name, noValue: noValue)
    }
}
