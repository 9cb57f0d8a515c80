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
    ///
    /// Read as python caldav sends it too: without any property-search it lists every principal,
    /// and property elements beside an empty `<D:prop/>` are the properties asked for; asking
    /// for none answers displayname and calendar-home-set, what a principal search is for.
    func principalPropertySearch(_ body: XMLElement, user: User, minimal: Bool) async throws -> Response {
        let searches = body.all(XMLName.DAV.propertySearch).map { search in
            (names: search.first(XMLName.DAV.prop)?.elements.map(\.name) ?? [], match: search.first(XMLName.DAV.match)?.text.lowercased() ?? "")
        }
        let allOf = body.attribute("test") == "allof"
        let structure: Set<XMLName> = [XMLName.DAV.propertySearch, XMLName.DAV.prop, XMLName(XMLNamespace.dav, "apply-to-principal-collection-set")]
        var wanted = body.first(XMLName.DAV.prop)?.elements.map(\.name) ?? []
        for stray in body.elements.map(\.name) where !structure.contains(stray) && !wanted.contains(stray) { wanted.append(stray) }
        if wanted.isEmpty { wanted = [XMLName.DAV.displayname, XMLName.CalDAV.calendarHomeSet] }
        var responses: [DAVResponse] = []
        for candidate in try await store.users() {
            let values: [XMLName: String] = [
                XMLName.DAV.displayname: candidate.displayName.lowercased(),
                XMLName.CalDAV.calendarUserAddressSet: "mailto:\(candidate.email.lowercased())",
                XMLName.CalendarServer.emailAddressSet: candidate.email.lowercased(),
            ]
            let results = searches.map { search in search.names.contains { name in values[name]?.contains(search.match) ?? false } }
            guard searches.isEmpty || (allOf ? results.allSatisfy({ $0 }) : results.contains(true)) else { continue }
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
