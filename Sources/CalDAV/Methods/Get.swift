import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import Store
import WebDAV

extension CalDAVServer {
    /// GET/HEAD: an object's iCalendar text, a plain file, or a whole calendar as one
    /// `text/calendar` file (ICS export). `If-None-Match` gives 304.
    func get(_ exchange: Exchange, path: String, head: Bool) async throws -> Response {
        guard let resource = try await locator.locate(path: Substring(path), user: exchange.user).resource else {
            throw DAVError.notFound("No resource at this URL")
        }
        var headers: HTTPFields = [:]
        let body: [UInt8]
        switch resource.kind {
        case .object(_, let object):
            headers[.contentType] = "text/calendar; charset=utf-8"
            if let tag = ScheduleTag.of(object.ics) { headers[.scheduleTag] = tag }
            body = Array(object.ics.utf8)
        case .inboxMessage(let message):
            headers[.contentType] = "text/calendar; charset=utf-8; method=\(message.method)"
            body = Array(try await store.inboxMessage(named: message.name, ownedBy: exchange.user.id)?.ics.utf8 ?? "".utf8)
        case .plainFile(let entry):
            headers[.contentType] = entry.contentType ?? "application/octet-stream"
            body = head ? [] : [UInt8](try await store.davResource(path: entry.path, ownedBy: exchange.user.id)?.body ?? Data())
            if head { headers[.contentLength] = String(entry.size) }
        case .calendar(let calendar):
            headers[.contentType] = "text/calendar; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"\(calendar.slug).ics\""
            body = Array(try await exportCalendar(calendar).utf8)
        default:
            headers[.contentType] = "text/plain; charset=utf-8"
            body = Array("Horario CalDAV collection \(resource.href)\n".utf8)
        }
        if let etag = resource.etag {
            headers[.eTag] = etag
            if let ifNoneMatch = EntityTagConditions(exchange.headers).ifNoneMatch, ifNoneMatch.contains(etag) || ifNoneMatch.contains("*") {
                return Response(status: .notModified, headers: headers)
            }
        }
        if let modified = resource.lastModified { headers[.lastModified] = HTTPDate.imf(modified) }
        if head {
            if headers[.contentLength] == nil { headers[.contentLength] = String(body.count) }
            return Response(status: .ok, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Every object of a calendar in one VCALENDAR, each time zone once (RFC 5545 §3.4).
    func exportCalendar(_ calendar: CalendarCollection) async throws -> String {
        let objects = try await store.calendarObjects(in: calendar.id, overlapping: nil, withData: true)
        var zones: [String: Component] = [:]
        var components: [Component] = []
        for object in objects {
            guard let parsed = parsedObjects.calendar(for: object) else { continue }
            for component in parsed.components {
                if component.name == "VTIMEZONE" {
                    if let tzid = component.property("TZID")?.value, zones[tzid] == nil { zones[tzid] = component }
                } else {
                    components.append(component)
                }
            }
        }
        let sortedZones = zones.keys.sorted().map { zones[$0]! }
        return CalendarText.wrap(sortedZones + components)
    }
}
