import CalDAVQuery
import DAVXML
import Foundation
import Hummingbird
import ICalendar
import Store
import WebDAV

extension CalDAVServer {
    /// calendar-query (RFC 4791 §7.8). The time range of the filter narrows the objects by the
    /// stored first-start/last-end index first, so only candidates are parsed and evaluated.
    func calendarQuery(_ query: CalendarQueryRequest, resource: DAVResource, depth: Depth, minimal: Bool) async throws -> Response {
        let calendar: CalendarCollection
        var candidates: [CalendarObject]
        switch resource.kind {
        case .calendar(let collection):
            calendar = collection
            // Depth 0 on a calendar would match nothing; clients that omit Depth mean its objects.
            let window = query.filter.indexWindow.map { DateInterval(start: $0.lowerBound.date, end: $0.upperBound.date) }
            candidates = try await store.calendarObjects(in: collection.id, overlapping: window, withData: true)
        case .object(let collection, let object):
            calendar = collection
            candidates = [object]
        default:
            throw DAVError.forbidden(XMLName.DAV.supportedReport, "calendar-query applies to a calendar or a calendar object")
        }
        if let type = query.filter.componentType { candidates.removeAll { $0.componentType != type } }
        let floatingZone = query.timezoneRules ?? Self.floatingZone(calendar.timezone) ?? .utc
        let wantsData = Self.asksForCalendarData(query.properties)
        let writer = ObjectPropertyWriter(query.properties)
        let stream = MultistatusStream(expectedResponses: candidates.count)
        let collectionHref = DAVPaths.calendar(resource.user.username, calendar.slug)
        let budget = ExpansionBudget()
        for object in candidates {
            guard let (parsed, memo) = parsedObjects.parsed(object) else { continue }
            guard query.filter.matches(parsed, floatingZone: floatingZone, memo: memo) else { continue }
            let data =
                wantsData
                ? try CalendarDataRenderer.render(
                    storedText: object.ics, calendar: parsed, request: query.calendarData, floatingZone: floatingZone, budget: budget) : nil
            if let writer {
                writer.write(object.summary, collectionHref: collectionHref, calendarData: data, to: stream)
                continue
            }
            let objectResource = DAVResource(
                kind: .object(calendar, object), href: DAVPaths.object(resource.user.username, calendar.slug, object.name),
                deadPropertyPath: "\(calendar.slug)/\(object.name)", user: resource.user)
            stream.append(try await objectResponse(objectResource, selection: query.properties, calendarData: data, minimal: minimal))
        }
        return stream.response()
    }

    /// The zone of floating and all-day times: the query's or calendar's VTIMEZONE, else UTC.
    static func floatingZone(_ vcalendar: String?) -> ZoneRules? {
        guard let vcalendar else { return nil }
        if !vcalendar.hasPrefix("BEGIN:") { return ZoneRules.iana(vcalendar) }
        guard let parsed = try? ICalendarParser.parse(vcalendar, mode: .lenient).calendar,
            let zone = parsed.components(named: "VTIMEZONE").first
        else { return nil }
        if let tzid = zone.property("TZID")?.value, let iana = ZoneRules.iana(tzid) { return iana }
        return try? VTimeZoneRules.rules(from: zone)
    }
}
