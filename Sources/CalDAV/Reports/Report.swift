import CalDAVQuery
import DAVXML
import Hummingbird
import Store
import WebDAV

extension CalDAVServer {
    /// REPORT (RFC 3253 §3.6): the body is parsed once and dispatched by its root element.
    func report(_ exchange: Exchange, path: String) async throws -> Response {
        guard let resource = try await locator.locate(path: Substring(path), user: exchange.user).resource else {
            throw DAVError.notFound("No resource at this URL")
        }
        guard let body = try await DAVRequestBody.xml(exchange.request) else { throw DAVError.badRequest("REPORT needs a body") }
        let depth = try Depth.parse(exchange.headers, absent: .zero)
        let minimal = prefersMinimalResponse(exchange.headers)
        do {
            switch body.name {
            case XMLName.CalDAV.calendarQuery:
                return try await calendarQuery(CalendarQueryRequest(element: body), resource: resource, depth: depth, minimal: minimal)
            case XMLName.CalDAV.calendarMultiget:
                return try await calendarMultiget(CalendarMultigetRequest(element: body), resource: resource, minimal: minimal)
            case XMLName.DAV.syncCollection:
                return try await syncCollection(SyncCollectionRequest(body), resource: resource, minimal: minimal)
            case XMLName.CalDAV.freeBusyQuery:
                return try await freeBusyQuery(FreeBusyQueryRequest(element: body), resource: resource)
            case XMLName.DAV.principalPropertySearch:
                return try await principalPropertySearch(body, user: exchange.user, minimal: minimal)
            case XMLName.DAV.principalSearchPropertySet:
                return principalSearchPropertySet()
            case XMLName.DAV.expandProperty:
                // Announced for clients that stop on errors (InfCloud); answered without expansion.
                return Multistatus(responses: []).response()
            default:
                throw DAVError.forbidden(XMLName.DAV.supportedReport, "The \(body.name.local) report is not supported here")
            }
        } catch let error as CalDAVQueryError {
            throw Self.davError(error)
        } catch let error as DAVXMLError {
            throw DAVError.badRequest(error.message)
        }
    }

    /// The WebDAV request for the non-calendar-data properties a report asks for.
    static func propFind(_ selection: PropertySelection) -> PropFindRequest {
        switch selection {
        case .all: PropFindRequest(kind: .allProperties(include: []))
        case .names: PropFindRequest(kind: .propertyNames)
        case .properties(let names): PropFindRequest(kind: .properties(names.filter { $0 != XMLName.CalDAV.calendarData }))
        }
    }

    static func asksForCalendarData(_ selection: PropertySelection) -> Bool {
        if case .properties(let names) = selection { return names.contains(XMLName.CalDAV.calendarData) }
        return false
    }

    /// A response for an object: its properties plus `calendar-data` when asked.
    func objectResponse(
        _ resource: DAVResource, selection: PropertySelection, calendarData: String?, minimal: Bool, dead: [XMLElement] = []
    ) async throws -> DAVResponse {
        try await objectResponse(resource, request: Self.propFind(selection), calendarData: calendarData, minimal: minimal, dead: dead)
    }

    /// ``objectResponse(_:selection:calendarData:minimal:dead:)`` for a request already
    /// without `calendar-data` (sync-collection's).
    func objectResponse(
        _ resource: DAVResource, request: PropFindRequest, calendarData: String?, minimal: Bool, dead: [XMLElement] = []
    ) async throws -> DAVResponse {
        var propStats = try await properties.propStats(for: resource, request: request, deadProperties: dead, minimal: minimal)
        if let calendarData {
            let element = XMLElement(XMLName.CalDAV.calendarData, text: calendarData)
            if let index = propStats.firstIndex(where: { $0.status == 200 }) {
                propStats[index].properties.append(element)
            } else {
                propStats.insert(PropStat(status: 200, properties: [element]), at: 0)
            }
        }
        return DAVResponse(href: resource.href, propStats: propStats)
    }
}
