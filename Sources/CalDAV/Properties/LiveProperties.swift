import Availability
import DAVXML
import Foundation
import ICalendar
import Store
import WebDAV

/// Every live property Horario computes, registered in one table (see ``PropertyRegistry``).
enum LiveProperties {
    typealias Provider = PropertyProvider<DAVResource>

    static func registry(store: any HorarioStore & DAVStore, limits: CalDAVServer.Limits) -> PropertyRegistry<DAVResource> {
        var registry = PropertyRegistry<DAVResource>()
        for provider in webDAV(store: store) + principal() + calendar(store: store, limits: limits) { registry.register(provider) }
        return registry
    }

    // MARK: - WebDAV (RFC 4918, 5397, 3744, 6578)

    static func webDAV(store: any HorarioStore & DAVStore) -> [Provider] {
        [
            Provider(XMLName.DAV.resourcetype, inAllProp: true) { XMLNode.empty(resourceTypes($0)) },
            Provider(XMLName.DAV.displayname, inAllProp: true, appliesTo: { displayName($0) != nil }) { displayName($0).map { [.text($0)] } },
            Provider(XMLName.DAV.getetag, inAllProp: true, appliesTo: { $0.etag != nil }) { $0.etag.map { [.text($0)] } },
            Provider(XMLName.DAV.getcontenttype, inAllProp: true, appliesTo: { contentType($0) != nil }) { contentType($0).map { [.text($0)] } },
            Provider(XMLName.DAV.getcontentlength, inAllProp: true, appliesTo: { !$0.isCollection }) { resource in
                switch resource.kind {
                case .object(_, let object): [.text(String(object.size))]
                case .plainFile(let entry): [.text(String(entry.size))]
                case .inboxMessage(let message): [.text(String(message.size))]
                default: nil
                }
            },
            Provider(XMLName.DAV.getlastmodified, inAllProp: true, appliesTo: { $0.lastModified != nil }) { resource in
                resource.lastModified.map { [.text(HTTPDate.imf($0))] }
            },
            Provider(XMLName.DAV.creationdate, inAllProp: true, appliesTo: { $0.createdAt != nil }) { resource in
                resource.createdAt.map { [.text(HTTPDate.rfc3339($0))] }
            },
            Provider(XMLName.DAV.supportedlock, inAllProp: true) { _ in [] },
            Provider(XMLName.DAV.lockdiscovery, inAllProp: true) { _ in [] },
            Provider(XMLName.DAV.currentUserPrincipal) { XMLNode.hrefs([DAVPaths.principal($0.user.username)]) },
            Provider(XMLName.DAV.principalCollectionSet) { _ in XMLNode.hrefs([DAVPaths.principals]) },
            Provider(XMLName.DAV.owner, appliesTo: isOwned) { XMLNode.hrefs([DAVPaths.principal($0.user.username)]) },
            Provider(XMLName.DAV.currentUserPrivilegeSet) { privileges($0) },
            Provider(XMLName.DAV.supportedReportSet) { supportedReports($0) },
            Provider(XMLName.DAV.syncToken, appliesTo: isCalendar) { resource in
                guard case .calendar(let calendar) = resource.kind else { return nil }
                return [.text(SyncToken.string(calendar))]
            },
            Provider(XMLName.DAV.quotaUsedBytes, appliesTo: isHomeOrCalendar) { resource in
                [.text(String(try await store.usedBytes(ownedBy: resource.user.id)))]
            },
            Provider(XMLName.DAV.quotaAvailableBytes, appliesTo: isHomeOrCalendar) { resource in
                let used = try await store.usedBytes(ownedBy: resource.user.id)
                return [.text(String(max(0, quotaBytes - used)))]
            },
        ]
    }

    /// What each user may store (calendars and plain files together).
    static let quotaBytes = 1 << 30

    // MARK: - Principals (RFC 3744, 4791 §6.2, 6638 §2)

    static func principal() -> [Provider] {
        [
            Provider(XMLName.DAV.principalURL, appliesTo: isPrincipal) { XMLNode.hrefs([principalHref($0)]) },
            // On every principal (a search for attendees reads it; the home itself stays private)
            // and on the DAV root, where Thunderbird's discovery asks for it first.
            Provider(XMLName.CalDAV.calendarHomeSet, appliesTo: { isPrincipal($0) || isRoot($0) }) { resource in
                if case .principal(let principal) = resource.kind { return XMLNode.hrefs([DAVPaths.home(principal.username)]) }
                return XMLNode.hrefs([DAVPaths.home(resource.user.username)])
            },
            Provider(XMLName.CalDAV.calendarUserAddressSet, appliesTo: isPrincipal) { resource in
                guard case .principal(let principal) = resource.kind else { return nil }
                return XMLNode.hrefs(["mailto:\(principal.email)", DAVPaths.principal(principal.username)])
            },
            Provider(XMLName.CalDAV.calendarUserType, appliesTo: isPrincipal) { _ in [.text("INDIVIDUAL")] },
            Provider(XMLName.CalDAV.scheduleInboxURL, appliesTo: isOwnPrincipal) { XMLNode.hrefs([DAVPaths.inbox($0.user.username)]) },
            Provider(XMLName.CalDAV.scheduleOutboxURL, appliesTo: isOwnPrincipal) { XMLNode.hrefs([DAVPaths.outbox($0.user.username)]) },
            Provider(XMLName.CalendarServer.emailAddressSet, appliesTo: isPrincipal) { resource in
                guard case .principal(let principal) = resource.kind else { return nil }
                return [.element(XMLElement(XMLName(XMLNamespace.calendarServer, "email-address"), text: principal.email))]
            },
            Provider(XMLName.DAV.alternateURISet, appliesTo: isPrincipal) { resource in
                guard case .principal(let principal) = resource.kind else { return nil }
                return XMLNode.hrefs(["mailto:\(principal.email)"])
            },
            Provider(XMLName.DAV.groupMembership, appliesTo: isPrincipal) { _ in [] },
        ]
    }

    // MARK: - Calendars (RFC 4791 §5.2, 6578, 7953, Apple and calendarserver.org extensions)

    static func calendar(store: any HorarioStore & DAVStore, limits: CalDAVServer.Limits) -> [Provider] {
        [
            Provider(XMLName.CalendarServer.getctag, appliesTo: isCalendar) { resource in
                guard case .calendar(let calendar) = resource.kind else { return nil }
                return [.text(SyncToken.string(calendar))]
            },
            Provider(XMLName.CalDAV.calendarDescription, appliesTo: isCalendar) { resource in
                guard case .calendar(let calendar) = resource.kind else { return nil }
                return calendar.description.isEmpty ? nil : [.text(calendar.description)]
            },
            Provider(XMLName.CalDAV.calendarTimezone, appliesTo: isCalendar) { resource in
                guard case .calendar(let calendar) = resource.kind else { return nil }
                if let timezone = calendar.timezone {
                    // Rows of the first schema held the schedule's IANA name here.
                    if timezone.hasPrefix("BEGIN:") { return [.text(timezone)] }
                    return CalendarTimeZone.vcalendar(iana: timezone).map { [.text($0)] }
                }
                guard let scheduleId = calendar.scheduleId,
                    let schedule = try await store.schedule(id: scheduleId, ownedBy: resource.user.id)
                else { return nil }
                return CalendarTimeZone.vcalendar(iana: schedule.schedule.timezone).map { [.text($0)] }
            },
            Provider(XMLName.Apple.calendarColor, appliesTo: isCalendar) { resource in
                guard case .calendar(let calendar) = resource.kind, let color = calendar.color else { return nil }
                return [.text(color)]
            },
            Provider(XMLName.Apple.calendarOrder, appliesTo: isCalendar) { resource in
                guard case .calendar(let calendar) = resource.kind else { return nil }
                return [.text(String(calendar.order))]
            },
            Provider(XMLName.CalDAV.supportedCalendarComponentSet, appliesTo: isCalendar) { resource in
                guard case .calendar(let calendar) = resource.kind else { return nil }
                return calendar.components.map { .element(XMLElement(XMLName.CalDAV.comp, attributes: [XMLName("", "name"): $0])) }
            },
            Provider(XMLName.CalDAV.supportedCalendarData, appliesTo: isCalendarOrHome) { _ in
                [
                    .element(
                        XMLElement(
                            XMLName.CalDAV.calendarData, attributes: [XMLName("", "content-type"): "text/calendar", XMLName("", "version"): "2.0"]))
                ]
            },
            Provider(XMLName.CalDAV.maxResourceSize, appliesTo: isCalendarOrHome) { _ in [.text(String(limits.maxObjectSize))] },
            Provider(XMLName.CalDAV.minDateTime, appliesTo: isCalendarOrHome) { _ in [.text("19000101T000000Z")] },
            Provider(XMLName.CalDAV.maxDateTime, appliesTo: isCalendarOrHome) { _ in [.text("29991231T235959Z")] },
            Provider(XMLName.CalDAV.scheduleCalendarTransp, appliesTo: isCalendar) { _ in [.element(XMLElement(XMLName.CalDAV.opaque))] },
            // RFC 6638 §3.2.10: on scheduling object resources only (objects with ORGANIZER).
            Provider(XMLName.CalDAV.scheduleTag, appliesTo: isObject) { resource in
                guard case .object(let calendar, let object) = resource.kind else { return nil }
                let text = object.ics.isEmpty ? try await store.calendarObject(named: object.name, in: calendar.id)?.ics : object.ics
                return text.flatMap(ScheduleTag.of).map { [.text($0)] }
            },
            // RFC 6638 §9.2: where the server puts the events invitations bring.
            Provider(XMLName.CalDAV.scheduleDefaultCalendarURL, appliesTo: isInbox) { resource in
                guard let calendar = try await store.defaultCalendar(ownedBy: resource.user.id) else { return nil }
                return XMLNode.hrefs([DAVPaths.calendar(resource.user.username, calendar.slug)])
            },
            Provider(XMLName.CalDAV.calendarAvailability, appliesTo: { $0.isBookingCalendar }) { resource in
                guard case .calendar(let calendar) = resource.kind, let scheduleId = calendar.scheduleId,
                    let stored = try await store.schedule(id: scheduleId, ownedBy: resource.user.id)
                else { return nil }
                guard let compiled = try? CompiledSchedule(stored.schedule) else { return nil }
                let component = compiled.vavailabilityComponent(uid: "schedule-\(scheduleId)", dtstamp: Instant(stored.updatedAt))
                return [.text(CalendarText.wrap([component]))]
            },
        ]
    }

    // MARK: - Values

    static func resourceTypes(_ resource: DAVResource) -> [XMLName] {
        switch resource.kind {
        case .root, .homes, .principals, .home, .plainCollection: [XMLName.DAV.collection]
        case .principal: [XMLName.DAV.principal]
        case .calendar: [XMLName.DAV.collection, XMLName.CalDAV.calendar]
        case .inbox: [XMLName.DAV.collection, XMLName.CalDAV.scheduleInbox]
        case .outbox: [XMLName.DAV.collection, XMLName.CalDAV.scheduleOutbox]
        case .object, .plainFile, .inboxMessage: []
        }
    }

    static func displayName(_ resource: DAVResource) -> String? {
        switch resource.kind {
        case .principal(let principal): principal.displayName
        case .calendar(let calendar): calendar.displayName
        case .root: "Horario"
        case .home: "\(resource.user.displayName)'s calendars"
        case .inbox: "Inbox"
        case .outbox: "Outbox"
        default: nil
        }
    }

    static func contentType(_ resource: DAVResource) -> String? {
        switch resource.kind {
        case .object(_, let object): objectContentType(object.componentType)
        case .inboxMessage: "text/calendar; charset=utf-8"
        case .plainFile(let entry): entry.contentType ?? "application/octet-stream"
        default: nil
        }
    }

    /// The content type of a calendar object, e.g. `text/calendar; charset=utf-8; component=vevent`.
    static func objectContentType(_ componentType: String) -> String {
        switch componentType {
        case "VEVENT": "text/calendar; charset=utf-8; component=vevent"
        case "VTODO": "text/calendar; charset=utf-8; component=vtodo"
        default: "text/calendar; charset=utf-8; component=\(componentType.lowercased())"
        }
    }

    static func principalHref(_ resource: DAVResource) -> String {
        if case .principal(let principal) = resource.kind { return DAVPaths.principal(principal.username) }
        return DAVPaths.principal(resource.user.username)
    }

    static func isPrincipal(_ resource: DAVResource) -> Bool {
        if case .principal = resource.kind { return true }
        return false
    }

    static func isObject(_ resource: DAVResource) -> Bool {
        if case .object = resource.kind { return true }
        return false
    }

    static func isInbox(_ resource: DAVResource) -> Bool {
        if case .inbox = resource.kind { return true }
        return false
    }

    static func isRoot(_ resource: DAVResource) -> Bool {
        if case .root = resource.kind { return true }
        return false
    }

    static func isOwnPrincipal(_ resource: DAVResource) -> Bool {
        if case .principal(let principal) = resource.kind { return principal.id == resource.user.id }
        return false
    }

    static func isCalendar(_ resource: DAVResource) -> Bool {
        if case .calendar = resource.kind { return true }
        return false
    }

    static func isCalendarOrHome(_ resource: DAVResource) -> Bool {
        switch resource.kind {
        case .calendar, .home: true
        default: false
        }
    }

    static func isHomeOrCalendar(_ resource: DAVResource) -> Bool { isCalendarOrHome(resource) }

    static func isOwned(_ resource: DAVResource) -> Bool {
        switch resource.kind {
        case .root, .homes, .principals: false
        case .principal(let principal): principal.id == resource.user.id
        default: true
        }
    }

    /// RFC 3744 §5.4: what the user may do here. Schedule calendars take new members (the
    /// expert's own entries) like any other; principals and the tree above homes are read-only.
    static func privileges(_ resource: DAVResource) -> [XMLNode] {
        let names: [XMLName]
        switch resource.kind {
        case .root, .homes, .principals, .outbox: names = [XMLName.DAV.read, XMLName.CalDAV.readFreeBusy]
        // The inbox's messages are the user's to read and delete (RFC 6638 §6.1.1).
        case .inbox: names = [XMLName.DAV.read, XMLName.CalDAV.readFreeBusy, XMLName.DAV.unbind]
        case .inboxMessage: names = [XMLName.DAV.read]
        case .principal: names = [XMLName.DAV.read]
        default:
            names = [
                XMLName.DAV.read, XMLName.CalDAV.readFreeBusy, XMLName.DAV.write, XMLName.DAV.writeContent, XMLName.DAV.writeProperties,
                XMLName.DAV.bind, XMLName.DAV.unbind, XMLName.DAV.readCurrentUserPrivilegeSet,
            ]
        }
        return names.map { .element(XMLElement(XMLName.DAV.privilege, elements: [XMLElement($0)])) }
    }

    /// RFC 3253 §3.1.5. Advertised on the home too: Apple clients assume sync support only
    /// when the home lists sync-collection.
    static func supportedReports(_ resource: DAVResource) -> [XMLNode] {
        var reports: [XMLName] = [XMLName.DAV.expandProperty, XMLName.DAV.principalPropertySearch, XMLName.DAV.principalSearchPropertySet]
        switch resource.kind {
        case .calendar, .home:
            reports += [XMLName.CalDAV.calendarQuery, XMLName.CalDAV.calendarMultiget, XMLName.CalDAV.freeBusyQuery, XMLName.DAV.syncCollection]
        case .object:
            reports += [XMLName.CalDAV.calendarQuery, XMLName.CalDAV.calendarMultiget]
        default: break
        }
        return reports.map {
            .element(XMLElement(XMLName.DAV.supportedReport, elements: [XMLElement(XMLName.DAV.report, elements: [XMLElement($0)])]))
        }
    }
}

extension XMLName.CalDAV {
    /// `read-free-busy` privilege (RFC 4791 §6.1.1).
    static let readFreeBusy = XMLName(XMLNamespace.calDAV, "read-free-busy")
}
