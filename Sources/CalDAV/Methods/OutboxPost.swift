import Availability
import DAVXML
import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import Store
import WebDAV

extension CalDAVServer {
    /// POST to the scheduling outbox (RFC 6638 §5): a VFREEBUSY request answered for each
    /// attendee who is a user of this server (Thunderbird's attendee view asks this way).
    func post(_ exchange: Exchange, path: String) async throws -> Response {
        guard let resource = try await locator.locate(path: Substring(path), user: exchange.user).resource else {
            throw DAVError.notFound("No resource at this URL")
        }
        guard case .outbox = resource.kind else {
            throw DAVError.methodNotAllowed("POST is accepted only by the scheduling outbox", allow: Self.allow)
        }
        let bytes = try await DAVRequestBody.bytes(exchange.request, limit: limits.maxObjectSize)
        guard let text = String(validating: bytes, as: UTF8.self), let parsed = try? ICalendarParser.parse(text, mode: .lenient).calendar else {
            throw DAVError(.badRequest, condition: XMLName.CalDAV.validCalendarData, "The body is not an iCalendar object")
        }
        guard parsed.property("METHOD")?.value.uppercased() == "REQUEST", let request = parsed.components(named: "VFREEBUSY").first else {
            throw DAVError(
                .forbidden, condition: XMLName.CalDAV.validCalendarObjectResource,
                "The outbox answers only free-busy requests (METHOD:REQUEST with a VFREEBUSY)")
        }
        let resolver = TimeZoneResolver(calendar: parsed)
        guard let start = request.property("DTSTART").flatMap({ Self.instant($0, resolver: resolver) }),
            let end = request.property("DTEND").flatMap({ Self.instant($0, resolver: resolver) }), start < end
        else {
            throw DAVError(.forbidden, condition: XMLName.CalDAV.validCalendarObjectResource, "The VFREEBUSY request needs DTSTART before DTEND")
        }
        try Self.checkFreeBusyWindow(start..<end)
        let organizer = request.property("ORGANIZER")?.value
        let uid = request.property("UID")?.value
        let users = try await store.users()
        var responses: [XMLElement] = []
        for attendee in request.properties(named: "ATTENDEE") {
            let address = attendee.value
            let email = address.lowercased().hasPrefix("mailto:") ? String(address.dropFirst(7)) : address
            var children = [XMLElement(XMLName.CalDAV.recipient, elements: [XMLElement(XMLName.DAV.href, text: address)])]
            if let user = users.first(where: { $0.email.caseInsensitiveCompare(email) == .orderedSame }) {
                var reply = try await freeBusy(of: user, window: start..<end)
                reply.organizer = organizer
                reply.attendee = address
                reply.uid = uid
                children.append(XMLElement(XMLName.CalDAV.requestStatus, text: "2.0;Success"))
                children.append(XMLElement(XMLName.CalDAV.calendarData, text: CalendarText.wrap([reply.component], method: "REPLY")))
            } else {
                children.append(XMLElement(XMLName.CalDAV.requestStatus, text: "3.7;Invalid calendar user"))
            }
            responses.append(XMLElement(XMLName(XMLNamespace.calDAV, "response"), elements: children))
        }
        let body = XMLWriter.document(XMLElement(XMLName.CalDAV.scheduleResponse, elements: responses))
        return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// A user's free/busy: busy time, and BUSY-UNAVAILABLE outside their default schedule.
    func freeBusy(of user: User, window: Range<Instant>) async throws -> VFreeBusy {
        let busy = try await busyIntervals(of: user, in: window)
        let schedules = try await store.schedules(ownedBy: user.id)
        if let schedule = schedules.first(where: { $0.schedule.isDefault }) ?? schedules.first,
            let compiled = try? CompiledSchedule(schedule.schedule)
        {
            return compiled.freeBusy(window: window, busy: busy, dtstamp: Instant(Date()))
        }
        let periods = busy.map { FreeBusyPeriod(start: $0.start, end: $0.end, type: .busy) }
        return VFreeBusy(start: window.lowerBound, end: window.upperBound, dtstamp: Instant(Date()), periods: FreeBusyPeriod.merge(periods))
    }

    /// The instant of a DTSTART/DTEND: UTC as written, zoned through the calendar's or IANA's
    /// rules, floating and DATE values read as UTC.
    static func instant(_ property: Property, resolver: TimeZoneResolver) -> Instant? {
        guard let value = try? property.dateOrDateTime() else { return nil }
        let zone = value.tzid.flatMap { resolver.rules(for: $0) } ?? ZoneRules.utc
        return zone.instant(for: value.local)
    }
}
