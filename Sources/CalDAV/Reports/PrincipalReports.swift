import DAVXML
import Foundation
import Hummingbird
import Store
import WebDAV

extension CalDAVServer {
    /// The properties principal-property-search can match (RFC 3744 §9.5).
    static let searchableProperties: [XMLName] = [
        XMLName.DAV.displayname, XMLName.CalDAV.calendarUserAddressSet, XMLName.CalendarServer.emailAddressSet,
    ]

    /// principal-property-search (RFC 3744 §9.4): attendee lookup by name or e-mail among the
    /// server's users, substring and case-insensitive.
    func principalPropertySearch(_ body: XMLElement, user: User, minimal: Bool) async throws -> Response {
        let searches = body.all(XMLName.DAV.propertySearch).map { search in
            (names: search.first(XMLName.DAV.prop)?.elements.map(\.name) ?? [], match: search.first(XMLName.DAV.match)?.text.lowercased() ?? "")
        }
        guard !searches.isEmpty else { throw DAVError.badRequest("principal-property-search needs at least one property-search") }
        let allOf = body.attribute("test") == "allof"
        let wanted = try PropFindRequest.properties(in: body.first(XMLName.DAV.prop))
        var responses: [DAVResponse] = []
        for candidate in try await store.users() {
            let values: [XMLName: String] = [
                XMLName.DAV.displayname: candidate.displayName.lowercased(),
                XMLName.CalDAV.calendarUserAddressSet: "mailto:\(candidate.email.lowercased())",
                XMLName.CalendarServer.emailAddressSet: candidate.email.lowercased(),
            ]
            let results = searches.map { search in search.names.contains { name in values[name]?.contains(search.match) ?? false } }
            guard allOf ? results.allSatisfy({ $0 }) : results.contains(true) else { continue }
            let resource = DAVResource(kind: .principal(candidate), href: DAVPaths.principal(candidate.username), deadPropertyPath: nil, user: user)
            let propStats = try await properties.propStats(
                for: resource, request: PropFindRequest(kind: .properties(wanted)), deadProperties: [], minimal: minimal)
            responses.append(DAVResponse(href: resource.href, propStats: propStats))
        }
        return Multistatus(responses: responses).response()
    }

    /// principal-search-property-set (RFC 3744 §9.5).
    func principalSearchPropertySet() -> Response {
        let entries = Self.searchableProperties.map { name in
            XMLElement(
                XMLName.DAV.principalSearchProperty,
                elements: [XMLElement(XMLName.DAV.prop, elements: [XMLElement(name)]), XMLElement(XMLName.DAV.description, text: name.local)])
        }
        let body = XMLWriter.document(XMLElement(XMLName.DAV.principalSearchPropertySet, elements: entries))
        return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
