import DAVXML
import Hummingbird
import Store
import WebDAV

extension CalDAVServer {
    /// sync-collection (RFC 6578 §3): members changed since the token, deleted ones as 404,
    /// the new token at the end. An empty token is the initial sync (no deletions listed). A
    /// token that is not this calendar's is `valid-sync-token` (403; InfCloud breaks on 409).
    func syncCollection(_ request: SyncCollectionRequest, resource: DAVResource, minimal: Bool) async throws -> Response {
        guard case .calendar(let calendar) = resource.kind else {
            if case .home = resource.kind { return try await syncHome(request, resource: resource, minimal: minimal) }
            throw DAVError.forbidden(XMLName.DAV.supportedReport, "sync-collection applies to a calendar")
        }
        let initial = request.syncToken.isEmpty
        var since = 0
        if !initial {
            guard let revision = SyncToken.revision(request.syncToken, calendar: calendar) else {
                throw DAVError.forbidden(XMLName.DAV.validSyncToken, "The sync token is not one of this calendar's")
            }
            since = revision
        }
        let limit = request.limit.map { min($0, limits.maxSyncResults) } ?? limits.maxSyncResults
        var wantsData = false
        var propFind = request.properties
        if case .properties(let names) = request.properties.kind, names.contains(XMLName.CalDAV.calendarData) {
            wantsData = true
            propFind = PropFindRequest(kind: .properties(names.filter { $0 != XMLName.CalDAV.calendarData }))
        }
        let writer = ObjectPropertyWriter(propFind)
        if initial, !wantsData, let writer {
            // The first sync lists every object; the listing answers it without the change log,
            // unless the client's limit cuts it (then the log's order decides the cut).
            let listing = try await mappingStoreErrors { try await store.objectListing(in: calendar.id) }
            if listing.objects.count <= limit {
                let stream = MultistatusStream(expectedResponses: listing.objects.count)
                for object in listing.objects { writer.write(object, collectionHref: resource.href, calendarData: nil, to: stream) }
                var current = calendar
                current.syncRevision = listing.revision
                return stream.response(syncToken: SyncToken.string(current))
            }
        }
        let changeSet = try await mappingStoreErrors { try await store.changes(in: calendar.id, since: since, limit: limit) }
        let changes = initial ? changeSet.changes.filter { !$0.deleted } : changeSet.changes
        let present = changes.filter { !$0.deleted }.map(\.name)
        let objects = present.isEmpty ? [] : try await store.calendarObjects(in: calendar.id, named: present)
        let byName = Dictionary(objects.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let stream = MultistatusStream(expectedResponses: changes.count + 1)
        for change in changes {
            guard !change.deleted, let object = byName[change.name] else {
                stream.append(DAVResponse(href: DAVPaths.object(resource.user.username, calendar.slug, change.name), status: 404))
                continue
            }
            let calendarData = wantsData ? object.ics : nil
            if let writer {
                writer.write(object.summary, collectionHref: resource.href, calendarData: calendarData, to: stream)
                continue
            }
            let objectResource = DAVResource(
                kind: .object(calendar, object), href: DAVPaths.object(resource.user.username, calendar.slug, object.name),
                deadPropertyPath: "\(calendar.slug)/\(object.name)", user: resource.user)
            stream.append(try await objectResponse(objectResource, request: propFind, calendarData: calendarData, minimal: minimal))
        }
        if changeSet.truncated {
            stream.append(DAVResponse(href: resource.href, status: 507, error: XMLName.DAV.numberOfMatchesWithinLimits))
        }
        var current = calendar
        current.syncRevision = changeSet.revision
        return stream.response(syncToken: SyncToken.string(current))
    }

    /// sync-collection on the home (Apple asks): its calendars, always in full, with a token
    /// that changes whenever any calendar does.
    private func syncHome(_ request: SyncCollectionRequest, resource: DAVResource, minimal: Bool) async throws -> Response {
        let members = try await locator.members(of: resource)
        let responses = try await propertyResponses(members, request: request.properties, minimal: minimal, user: resource.user)
        let calendars = try await store.calendars(ownedBy: resource.user.id)
        let signature = calendars.map { "\($0.id)-\($0.syncRevision)" }.joined(separator: ",")
        var hasher = FNV1a()
        hasher.combine(signature)
        return Multistatus(responses: responses, syncToken: "urn:x-horario:home-sync:\(hasher.value)").response()
    }
}

/// A stable (unseeded) 64-bit FNV-1a hash, for tokens that must survive restarts.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }
}
