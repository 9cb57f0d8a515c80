public import DAVXML

/// Why a CalDAV request body or a calendar object was refused, one case per RFC 4791
/// precondition so the HTTP layer can answer with the matching `<D:error>` body (RFC 4791 §1.3).
public enum CalDAVQueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The filter breaks the grammar of RFC 4791 §9.7 (CALDAV:valid-filter).
    case invalidFilter(String)
    /// The filter is well formed but asks for something this server cannot evaluate
    /// (CALDAV:supported-filter, RFC 4791 §7.8).
    case unsupportedFilter(String)
    /// A text-match names a collation other than i;ascii-casemap, i;octet or i;unicode-casemap
    /// (CALDAV:supported-collation, RFC 4791 §7.5).
    case unsupportedCollation(String)
    /// `<C:calendar-data>` asks for a media type or version other than text/calendar 2.0
    /// (CALDAV:supported-calendar-data, RFC 4791 §9.6).
    case unsupportedCalendarData(String)
    /// iCalendar text that cannot be read: a PUT body or a `<C:timezone>` without exactly one
    /// VTIMEZONE (CALDAV:valid-calendar-data, RFC 4791 §5.3.2.1 and §7.8).
    case invalidCalendarData(String)
    /// A time range outside a filter (expand, limit-recurrence-set, limit-freebusy-set,
    /// free-busy-query) that is not a UTC `start < end` pair (RFC 4791 §9.9): 400 Bad Request.
    case invalidTimeRange(String)
    /// A request body that is not the report it claims to be: 400 Bad Request.
    case badRequest(String)
    /// A calendar object that breaks RFC 4791 §4.1: several UIDs, no UID, METHOD, mixed
    /// component types (CALDAV:valid-calendar-object-resource).
    case invalidObjectResource(String)
    /// A calendar object of a component type calendars do not hold
    /// (CALDAV:supported-calendar-component, RFC 4791 §5.3.2.1).
    case unsupportedComponent(String)
    /// An answer that would expand more instances than the server writes into one
    /// (DAV:number-of-matches-within-limits, RFC 4791 §7.8, ``ExpansionBudget``).
    case tooManyInstances(String)

    /// What is wrong, for `<D:responsedescription>` and logs.
    public var message: String {
        switch self {
        case .invalidFilter(let message), .unsupportedFilter(let message), .unsupportedCollation(let message),
            .unsupportedCalendarData(let message), .invalidCalendarData(let message), .invalidTimeRange(let message),
            .badRequest(let message), .invalidObjectResource(let message), .unsupportedComponent(let message),
            .tooManyInstances(let message):
            return message
        }
    }

    public var description: String {
        if let precondition { return "\(precondition.local): \(message)" }
        return message
    }

    /// The precondition element to put inside `<D:error>` (RFC 4791 §1.3), or nil when the
    /// answer is a plain 400 Bad Request.
    public var precondition: XMLName? {
        switch self {
        case .invalidFilter: return QueryNames.validFilter
        case .unsupportedFilter: return XMLName.CalDAV.supportedFilter
        case .unsupportedCollation: return XMLName.CalDAV.supportedCollation
        case .unsupportedCalendarData: return XMLName.CalDAV.supportedCalendarData
        case .invalidCalendarData: return XMLName.CalDAV.validCalendarData
        case .invalidObjectResource: return XMLName.CalDAV.validCalendarObjectResource
        case .unsupportedComponent: return XMLName.CalDAV.supportedCalendarComponent
        case .tooManyInstances: return XMLName.DAV.numberOfMatchesWithinLimits
        case .invalidTimeRange, .badRequest: return nil
        }
    }
}
