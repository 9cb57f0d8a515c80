import DAVXML
import Foundation
import HTTPTypes
import Hummingbird
import Store
import WebDAV

extension CalDAVServer {
    /// MKCOL (RFC 4918 §9.3, extended by RFC 5689) and MKCALENDAR (RFC 4791 §5.3.1). A plain
    /// MKCOL makes a plain collection anywhere in the home; calendars live at its top level.
    func mkcol(_ exchange: Exchange, path: String, calendar isCalendarMethod: Bool) async throws -> Response {
        let request = try await mkcolBody(exchange)
        let target = try await locator.locate(path: Substring(path), user: exchange.user)
        let wantsCalendar = isCalendarMethod || request?.resourceTypes.contains(XMLName.CalDAV.calendar) == true
        switch target {
        case .existing:
            if isCalendarMethod { throw DAVError.forbidden(CalDAVNames.resourceMustBeNull, "Something already exists at this URL") }
            throw DAVError.methodNotAllowed("Something already exists at this URL", allow: Self.allow)
        case .newObject:
            throw DAVError.forbidden(XMLName.CalDAV.calendarCollectionLocationOk, "Calendars cannot contain collections")
        case .impossible:
            throw DAVError.conflict("No collection exists to hold this one")
        case .newPlain(let path, _):
            let topLevel = !path.contains("/")
            if wantsCalendar {
                guard topLevel else {
                    throw DAVError.forbidden(
                        XMLName.CalDAV.calendarCollectionLocationOk, "Calendars can only be created directly in the calendar home")
                }
                try await createCalendar(exchange, slug: path, properties: request?.properties ?? [])
            } else {
                if let types = request?.resourceTypes, !types.allSatisfy({ $0 == XMLName.DAV.collection }) {
                    throw DAVError.forbidden(XMLName.DAV.validResourcetype, "Only plain collections and calendars can be created here")
                }
                if topLevel, DAVPaths.reservedHomeNames.contains(path) { throw DAVError.methodNotAllowed("This name is reserved", allow: Self.allow) }
                try await mappingStoreErrors {
                    do {
                        try await store.createDAVCollection(path: path, ownedBy: exchange.user.id)
                    } catch StoreError.conflict(let message) {
                        throw DAVError.methodNotAllowed(message, allow: Self.allow)
                    }
                }
                try await storeDeadProperties(request?.properties ?? [], path: path, user: exchange.user)
            }
            return Response(status: .created, headers: [.contentLength: "0"])
        }
    }

    /// The body of a MKCOL/MKCALENDAR: none, or XML (anything else is 415, RFC 4918 §9.3).
    private func mkcolBody(_ exchange: Exchange) async throws -> MkcolRequest? {
        let bytes = try await DAVRequestBody.bytes(exchange.request, limit: DAVRequestBody.maxXMLSize)
        guard !bytes.isEmpty else { return nil }
        let contentType = exchange.headers[.contentType]?.lowercased() ?? "application/xml"
        guard contentType.contains("xml") else {
            throw DAVError(.unsupportedMediaType, "A MKCOL body must be XML (extended MKCOL), not \(contentType)")
        }
        do {
            return try MkcolRequest(try DAVXMLParser.parse(bytes))
        } catch {
            throw DAVError.badRequest("Malformed MKCOL body: \(error.message)")
        }
    }

    private func createCalendar(_ exchange: Exchange, slug: String, properties: [XMLElement]) async throws {
        if DAVPaths.reservedHomeNames.contains(slug) { throw DAVError.forbidden(CalDAVNames.resourceMustBeNull, "This name is reserved") }
        var changes = CalendarChanges()
        // Without a supported-calendar-component-set a calendar takes every kind clients write.
        var components = ["VEVENT", "VTODO", "VJOURNAL"]
        var dead: [XMLElement] = []
        for property in properties {
            if Self.writableCalendarProperties.contains(property.name) {
                try Self.applyCalendarProperty(name: property.name, value: property, to: &changes)
            } else if property.name == XMLName.CalDAV.supportedCalendarComponentSet {
                components = property.all(XMLName.CalDAV.comp).compactMap { $0.attribute("name")?.uppercased() }
                let known: Set = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"]
                guard !components.isEmpty, components.allSatisfy(known.contains) else {
                    throw DAVError.forbidden(XMLName.CalDAV.supportedCalendarComponent, "Unsupported supported-calendar-component-set")
                }
            } else if property.name == XMLName.DAV.resourcetype {
                continue
            } else if Self.isProtectedName(property.name) {
                throw DAVError.forbidden(XMLName.DAV.cannotModifyProtectedProperty, "\(property.name.local) is a protected property")
            } else {
                dead.append(property)
            }
        }
        let new = NewCalendar(
            slug: slug, displayName: changes.displayName ?? slug, description: changes.description ?? "", color: changes.color ?? nil,
            order: changes.order ?? 0, timezone: changes.timezone ?? nil, components: components)
        _ = try await mappingStoreErrors {
            do {
                return try await store.createCalendar(new, ownedBy: exchange.user.id)
            } catch StoreError.conflict(let message) {
                throw DAVError.forbidden(CalDAVNames.resourceMustBeNull, message)
            }
        }
        try await storeDeadProperties(dead, path: slug, user: exchange.user)
    }

    private static func isProtectedName(_ name: XMLName) -> Bool {
        [XMLName.DAV.getetag, XMLName.DAV.getcontentlength, XMLName.DAV.getlastmodified, XMLName.DAV.syncToken, XMLName.CalendarServer.getctag]
            .contains(name)
    }

    func storeDeadProperties(_ elements: [XMLElement], path: String, user: User) async throws {
        guard !elements.isEmpty else { return }
        let dead = elements.map { DeadProperty(namespace: $0.name.namespace, name: $0.name.local, xml: XMLWriter.fragment($0)) }
        try await mappingStoreErrors { try await store.updateDeadProperties(path: path, ownedBy: user.id, set: dead, remove: []) }
    }
}
