import DAVXML
import Hummingbird
import Store
import WebDAV

extension CalDAVServer {
    /// PROPFIND (RFC 4918 §9.1) with Depth 0 or 1; `Depth: infinity` is refused with
    /// `propfind-finite-depth` on collections, as RFC 4918 §9.1 allows.
    func propfind(_ exchange: Exchange, path: String) async throws -> Response {
        guard let resource = try await locator.locate(path: Substring(path), user: exchange.user).resource else {
            throw DAVError.notFound("No resource at this URL")
        }
        let depth = try Depth.parse(exchange.headers, absent: .infinity)
        if depth == .infinity, resource.isCollection {
            throw DAVError.forbidden(XMLName.DAV.propfindFiniteDepth, "Depth: infinity is not supported; ask with Depth 0 or 1")
        }
        let request: PropFindRequest
        do {
            request = try await DAVRequestBody.xml(exchange.request).map { try PropFindRequest($0) } ?? .allProperties
        } catch let error as DAVXMLError {
            throw DAVError.badRequest(error.message)
        }
        let minimal = prefersMinimalResponse(exchange.headers)
        var headers: HTTPFields = [:]
        if minimal { headers[.preferenceApplied] = "return=minimal" }
        if depth != .zero, case .calendar(let calendar) = resource.kind, let writer = ObjectPropertyWriter(request) {
            return try await calendarListing(calendar, resource: resource, request: request, writer: writer, minimal: minimal, headers: headers)
        }
        var resources = [resource]
        if depth != .zero { resources += try await locator.members(of: resource) }
        let responses = try await propertyResponses(resources, request: request, minimal: minimal, user: exchange.user)
        return Multistatus(responses: responses).response(headers: headers)
    }

    /// PROPFIND Depth 1 on a calendar asking only for properties every object has (what
    /// clients poll): the calendar's own response, then its objects written straight from the
    /// store's listing.
    private func calendarListing(
        _ calendar: CalendarCollection, resource: DAVResource, request: PropFindRequest, writer: ObjectPropertyWriter, minimal: Bool,
        headers: HTTPFields
    ) async throws -> Response {
        let own = try await propertyResponses([resource], request: request, minimal: minimal, user: resource.user)
        let listing = try await mappingStoreErrors { try await store.objectListing(in: calendar.id) }
        let stream = MultistatusStream(expectedResponses: listing.objects.count + 1)
        for response in own { stream.append(response) }
        for object in listing.objects {
            writer.write(object, collectionHref: resource.href, calendarData: nil, to: stream)
        }
        return stream.response(headers: headers)
    }

    /// One `<D:response>` per resource, with dead properties fetched in one batch when the
    /// request can need them.
    func propertyResponses(_ resources: [DAVResource], request: PropFindRequest, minimal: Bool, user: User) async throws -> [DAVResponse] {
        let dead = try await deadProperties(of: resources, request: request, user: user)
        var responses: [DAVResponse] = []
        responses.reserveCapacity(resources.count)
        for resource in resources {
            let stored = resource.deadPropertyPath.flatMap { dead[$0] } ?? []
            let propStats = try await properties.propStats(for: resource, request: request, deadProperties: stored, minimal: minimal)
            responses.append(DAVResponse(href: resource.href, propStats: propStats))
        }
        return responses
    }

    /// Dead properties by path, parsed back into elements; skipped when every asked name is live.
    func deadProperties(of resources: [DAVResource], request: PropFindRequest, user: User) async throws -> [String: [XMLElement]] {
        var paths: [String] = []
        // Only resources for which some asked name is not live can have it as a dead one.
        // Liveness depends on the kind of resource only, so it is decided once per kind.
        var allLiveByKind: [DAVResource.KindKey: Bool] = [:]
        for resource in resources {
            guard let path = resource.deadPropertyPath else { continue }
            if case .properties(let names) = request.kind {
                let key = resource.kindKey
                let allLive = allLiveByKind[key] ?? names.allSatisfy { properties.isLive($0, for: resource) }
                allLiveByKind[key] = allLive
                if allLive { continue }
            }
            paths.append(path)
        }
        guard !paths.isEmpty else { return [:] }
        let stored = try await store.deadProperties(paths: paths, ownedBy: user.id)
        var result: [String: [XMLElement]] = [:]
        for (path, properties) in stored {
            result[path] = properties.compactMap { try? DAVXMLParser.parseFragment($0.xml) }
        }
        return result
    }
}
