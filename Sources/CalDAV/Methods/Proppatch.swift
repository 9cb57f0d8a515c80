import DAVXML
import Foundation
import Hummingbird
import ICalendar
import Store
import WebDAV

extension CalDAVServer {
    /// Live properties a client may set on its calendars (RFC 4791 §5.2, Apple extensions).
    static let writableCalendarProperties: Set<XMLName> = [
        XMLName.DAV.displayname, XMLName.CalDAV.calendarDescription, XMLName.CalDAV.calendarTimezone, XMLName.Apple.calendarColor,
        XMLName.Apple.calendarOrder,
    ]

    /// PROPPATCH (RFC 4918 §9.2): all instructions succeed or none does (the others get 424).
    func proppatch(_ exchange: Exchange, path: String) async throws -> Response {
        let conditions = EntityTagConditions(exchange.headers)
        guard let resource = try await locator.locate(path: Substring(path), user: exchange.user).resource else {
            // RFC 9110 §13.1.1: If-Match fails on a resource that does not exist.
            if conditions.ifMatch != nil { throw DAVError.preconditionFailed("If-Match: no resource at this URL") }
            throw DAVError.notFound("No resource at this URL")
        }
        // A collection without an entity tag still exists: `If-Match: *` holds for it.
        guard conditions.allows(current: resource.etag ?? "\"exists\"") else {
            throw DAVError.preconditionFailed("The resource's current entity tag does not match the request's condition")
        }
        guard let body = try await DAVRequestBody.xml(exchange.request) else { throw DAVError.badRequest("PROPPATCH needs a propertyupdate body") }
        let update: PropertyUpdateRequest
        do { update = try PropertyUpdateRequest(body) } catch { throw DAVError.badRequest(error.message) }

        var changes = CalendarChanges()
        var deadSets: [DeadProperty] = []
        var deadRemovals: [XMLQualifiedName] = []
        var results: [(name: XMLName, status: Int, error: XMLName?)] = []
        for operation in update.operations {
            let name: XMLName
            let value: XMLElement?
            switch operation {
            case .set(let element): (name, value) = (element.name, element)
            case .remove(let removed): (name, value) = (removed, nil)
            }
            do {
                try plan(name: name, value: value, resource: resource, changes: &changes, deadSets: &deadSets, deadRemovals: &deadRemovals)
                results.append((name, 200, nil))
            } catch {
                results.append((name, Int(error.status.code), error.condition))
            }
        }
        let failed = results.contains { $0.status != 200 }
        if !failed {
            try await mappingStoreErrors {
                if case .calendar(let calendar) = resource.kind, changes != CalendarChanges() {
                    _ = try await store.updateCalendar(id: calendar.id, ownedBy: exchange.user.id, changes: changes)
                }
                if let deadPath = resource.deadPropertyPath, !(deadSets.isEmpty && deadRemovals.isEmpty) {
                    try await store.updateDeadProperties(path: deadPath, ownedBy: exchange.user.id, set: deadSets, remove: deadRemovals)
                }
            }
        }
        var byStatus: [Int: [XMLElement]] = [:]
        var errors: [Int: XMLName] = [:]
        for result in results {
            let status = failed && result.status == 200 ? 424 : result.status
            byStatus[status, default: []].append(XMLElement(result.name))
            if let error = result.error { errors[status] = error }
        }
        let propStats = byStatus.keys.sorted().map { PropStat(status: $0, properties: byStatus[$0]!, error: errors[$0]) }
        return Multistatus(responses: [DAVResponse(href: resource.href, propStats: propStats)]).response()
    }

    /// Decides what one set/remove does, or throws the DAVError that becomes its propstat.
    private func plan(
        name: XMLName, value: XMLElement?, resource: DAVResource, changes: inout CalendarChanges, deadSets: inout [DeadProperty],
        deadRemovals: inout [XMLQualifiedName]
    ) throws(DAVError) {
        if case .calendar = resource.kind, Self.writableCalendarProperties.contains(name) {
            try Self.applyCalendarProperty(name: name, value: value, to: &changes)
            return
        }
        if properties.isLive(name, for: resource) || name == XMLName.DAV.getetag || name == XMLName.DAV.resourcetype {
            throw DAVError(.forbidden, condition: XMLName.DAV.cannotModifyProtectedProperty, "\(name.local) is a protected property")
        }
        guard resource.deadPropertyPath != nil else {
            throw DAVError(.forbidden, condition: XMLName.DAV.cannotModifyProtectedProperty, "This resource takes no properties")
        }
        // Instructions apply in document order (RFC 4918 §9.2): a later one for the same
        // name replaces an earlier one, so the store gets only the final state.
        let qualified = XMLQualifiedName(namespace: name.namespace, name: name.local)
        deadSets.removeAll { $0.namespace == name.namespace && $0.name == name.local }
        deadRemovals.removeAll { $0 == qualified }
        if let value {
            deadSets.append(DeadProperty(namespace: name.namespace, name: name.local, xml: XMLWriter.fragment(value)))
        } else {
            deadRemovals.append(qualified)
        }
    }

    /// Reads a writable calendar property into `changes`, checking its value.
    static func applyCalendarProperty(name: XMLName, value: XMLElement?, to changes: inout CalendarChanges) throws(DAVError) {
        let text = value.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        switch name {
        case XMLName.DAV.displayname: changes.displayName = text ?? ""
        case XMLName.CalDAV.calendarDescription: changes.description = text ?? ""
        case XMLName.Apple.calendarColor: changes.color = .some(text.flatMap { $0.isEmpty ? nil : $0 })
        case XMLName.Apple.calendarOrder:
            guard let text else {
                changes.order = 0
                return
            }
            guard let order = Int(text) else { throw DAVError(.conflict, "calendar-order must be an integer, not \"\(text)\"") }
            changes.order = order
        case XMLName.CalDAV.calendarTimezone:
            guard let text, !text.isEmpty else {
                changes.timezone = .some(nil)
                return
            }
            try validateTimeZone(text)
            changes.timezone = .some(text)
        default: break
        }
    }

    /// A `calendar-timezone` value must be a VCALENDAR with exactly one readable VTIMEZONE
    /// (RFC 4791 §5.2.2).
    static func validateTimeZone(_ text: String) throws(DAVError) {
        let zones: [Component]
        do {
            zones = try ICalendarParser.parse(text, mode: .lenient).components.flatMap { $0.components(named: "VTIMEZONE") }
        } catch {
            throw DAVError(.forbidden, condition: XMLName.CalDAV.validCalendarData, "calendar-timezone is not iCalendar: \(error)")
        }
        guard zones.count == 1, (try? VTimeZoneRules.rules(from: zones[0])) != nil else {
            throw DAVError(.forbidden, condition: XMLName.CalDAV.validCalendarData, "calendar-timezone must hold exactly one valid VTIMEZONE")
        }
    }
}
