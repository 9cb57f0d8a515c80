public import DAVXML

extension CompFilter {
    /// Reads a `<C:filter>` element (RFC 4791 §9.7): exactly one `<C:comp-filter name="VCALENDAR">`.
    ///
    /// Structural mistakes are ``CalDAVQueryError/invalidFilter(_:)`` (a VEVENT inside a VTODO,
    /// a time-range on SUMMARY, is-not-defined next to other tests); time ranges on components
    /// RFC 4791 §9.9 gives no meaning to are ``CalDAVQueryError/unsupportedFilter(_:)``.
    public init(filter element: XMLElement) throws(CalDAVQueryError) {
        var root: XMLElement?
        for child in element.elements where child.name.namespace == XMLNamespace.calDAV {
            guard child.name == XMLName.CalDAV.compFilter, root == nil else {
                throw .invalidFilter("filter must hold exactly one comp-filter, found \(child.name.local)")
            }
            root = child
        }
        guard let root else { throw .invalidFilter("filter must hold a comp-filter named VCALENDAR") }
        try self.init(element: root, parent: nil)
    }

    /// Reads one comp-filter whose scope is a component called `parent` (nil for the root).
    init(element: XMLElement, parent: String?) throws(CalDAVQueryError) {
        let name = try FilterGrammar.name(of: element)
        try FilterGrammar.checkNesting(name, in: parent)
        var isNotDefined = false
        var timeRange: TimeRange?
        var propFilters: [PropFilter] = []
        var compFilters: [CompFilter] = []
        var testCount = 0
        for child in element.elements where child.name.namespace == XMLNamespace.calDAV {
            testCount += 1
            switch child.name {
            case XMLName.CalDAV.isNotDefined:
                isNotDefined = true
            case XMLName.CalDAV.timeRange:
                guard timeRange == nil else { throw .invalidFilter("comp-filter \(name) has more than one time-range") }
                // On VCALENDAR (no component type named) it means "some component overlaps",
                // as clients that leave the type out expect (python caldav, Radicale).
                guard FilterGrammar.componentsWithTimeRange.contains(name) || (name == "VCALENDAR" && parent == nil) else {
                    throw .unsupportedFilter("time-range is not defined for \(name) (RFC 4791 §9.9)")
                }
                if name == "VALARM", !(parent == "VEVENT" || parent == "VTODO") {
                    throw .unsupportedFilter("time-range on VALARM needs a VEVENT or VTODO around it")
                }
                timeRange = try TimeRange(element: child, requireBoth: false, failure: CalDAVQueryError.invalidFilter)
            case XMLName.CalDAV.propFilter:
                propFilters.append(try PropFilter(element: child))
            case XMLName.CalDAV.compFilter:
                compFilters.append(try CompFilter(element: child, parent: name))
            default:
                throw .invalidFilter("unexpected \(child.name.local) in comp-filter \(name)")
            }
        }
        if isNotDefined, testCount > 1 {
            throw .invalidFilter("is-not-defined must be alone in comp-filter \(name)")
        }
        if parent == nil, isNotDefined {
            throw .invalidFilter("the VCALENDAR comp-filter cannot be is-not-defined")
        }
        self.init(name: name, isNotDefined: isNotDefined, timeRange: timeRange, propFilters: propFilters, compFilters: compFilters)
    }
}

extension PropFilter {
    init(element: XMLElement) throws(CalDAVQueryError) {
        let name = try FilterGrammar.name(of: element)
        var isNotDefined = false
        var timeRange: TimeRange?
        var textMatch: TextMatch?
        var paramFilters: [ParamFilter] = []
        var testCount = 0
        for child in element.elements where child.name.namespace == XMLNamespace.calDAV {
            testCount += 1
            switch child.name {
            case XMLName.CalDAV.isNotDefined:
                isNotDefined = true
            case XMLName.CalDAV.timeRange:
                guard timeRange == nil, textMatch == nil else {
                    throw .invalidFilter("prop-filter \(name) may hold one time-range or one text-match")
                }
                guard !FilterGrammar.propertiesWithoutDates.contains(name) else {
                    throw .invalidFilter("time-range is not defined for \(name): it is not a date-time property (RFC 4791 §9.9)")
                }
                timeRange = try TimeRange(element: child, requireBoth: false, failure: CalDAVQueryError.invalidFilter)
            case XMLName.CalDAV.textMatch:
                guard timeRange == nil, textMatch == nil else {
                    throw .invalidFilter("prop-filter \(name) may hold one time-range or one text-match")
                }
                textMatch = try TextMatch(element: child)
            case XMLName.CalDAV.paramFilter:
                paramFilters.append(try ParamFilter(element: child))
            default:
                throw .invalidFilter("unexpected \(child.name.local) in prop-filter \(name)")
            }
        }
        if isNotDefined, testCount > 1 {
            throw .invalidFilter("is-not-defined must be alone in prop-filter \(name)")
        }
        self.init(name: name, isNotDefined: isNotDefined, timeRange: timeRange, textMatch: textMatch, paramFilters: paramFilters)
    }
}

extension ParamFilter {
    init(element: XMLElement) throws(CalDAVQueryError) {
        let name = try FilterGrammar.name(of: element)
        var isNotDefined = false
        var textMatch: TextMatch?
        for child in element.elements where child.name.namespace == XMLNamespace.calDAV {
            switch child.name {
            case XMLName.CalDAV.isNotDefined where textMatch == nil && !isNotDefined:
                isNotDefined = true
            case XMLName.CalDAV.textMatch where textMatch == nil && !isNotDefined:
                textMatch = try TextMatch(element: child)
            default:
                throw .invalidFilter("param-filter \(name) holds one is-not-defined or one text-match, not \(child.name.local)")
            }
        }
        self.init(name: name, isNotDefined: isNotDefined, textMatch: textMatch)
    }
}

/// What RFC 4791 §9.7 and RFC 5545 §3.6 allow where, for validating filters.
enum FilterGrammar {
    /// The required `name` attribute, upper-cased.
    static func name(of element: XMLElement) throws(CalDAVQueryError) -> String {
        let name = (element.attribute("name") ?? "").trimmingASCIIWhitespace()
        guard !name.isEmpty else { throw .invalidFilter("\(element.name.local) needs a name attribute") }
        return name.uppercased()
    }

    /// The root must be VCALENDAR; a component RFC 5545 places elsewhere cannot be nested in
    /// a component that does not hold it. Unknown and X- components may appear anywhere.
    static func checkNesting(_ name: String, in parent: String?) throws(CalDAVQueryError) {
        guard let parent else {
            guard name == "VCALENDAR" else { throw .invalidFilter("the outer comp-filter must be VCALENDAR, not \(name)") }
            return
        }
        guard name != "VCALENDAR" else { throw .invalidFilter("VCALENDAR cannot be nested in \(parent)") }
        guard let allowed = allowedChildren[parent], knownComponents.contains(name) else { return }
        guard allowed.contains(name) else { throw .invalidFilter("\(name) cannot appear inside \(parent)") }
    }

    /// Components whose children RFC 5545 (and RFC 7953 for availability) fixes.
    static let allowedChildren: [String: Set<String>] = [
        "VCALENDAR": ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY"],
        "VEVENT": ["VALARM"],
        "VTODO": ["VALARM"],
        "VJOURNAL": [],
        "VFREEBUSY": [],
        "VALARM": [],
        "VTIMEZONE": ["STANDARD", "DAYLIGHT"],
        "STANDARD": [],
        "DAYLIGHT": [],
        "VAVAILABILITY": ["AVAILABLE"],
        "AVAILABLE": [],
    ]

    static let knownComponents: Set<String> = Set(allowedChildren.keys)

    /// Components RFC 4791 §9.9 defines time-range semantics for.
    static let componentsWithTimeRange: Set<String> = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VALARM"]

    /// Properties of RFC 5545 whose values are never dates: a time-range on them is invalid.
    static let propertiesWithoutDates: Set<String> = [
        "SUMMARY", "DESCRIPTION", "LOCATION", "UID", "STATUS", "CATEGORIES", "CLASS", "COMMENT", "CONTACT", "ORGANIZER", "ATTENDEE",
        "PRIORITY", "SEQUENCE", "TRANSP", "URL", "RRULE", "EXRULE", "DURATION", "GEO", "RESOURCES", "PERCENT-COMPLETE", "ATTACH",
        "RELATED-TO", "REQUEST-STATUS", "TZID", "TZNAME", "TZOFFSETFROM", "TZOFFSETTO", "TZURL", "VERSION", "PRODID", "METHOD",
        "CALSCALE", "ACTION", "REPEAT", "FREEBUSY",
    ]
}
