import CalDAVQuery
import DAVXML
import Foundation
import Hummingbird
import ICalendar
import Store
import WebDAV

extension CalDAVServer {
    /// calendar-multiget (RFC 4791 §7.9): the objects named by href, each found one with its
    /// properties, each missing one as a 404 response. One store query per calendar.
    func calendarMultiget(_ request: CalendarMultigetRequest, resource: DAVResource, minimal: Bool) async throws -> Response {
        let user = resource.user
        var byCalendar: [String: [(index: Int, name: String)]] = [:]
        var responses = [DAVResponse?](repeating: nil, count: request.hrefs.count)
        var calendars: [String: CalendarCollection] = [:]
        // Clients send a multiget to the calendar its hrefs are in, which the request already read.
        let requestCalendar: CalendarCollection?
        if case .calendar(let calendar) = resource.kind { requestCalendar = calendar } else { requestCalendar = nil }
        if let requestCalendar { calendars[requestCalendar.slug] = requestCalendar }
        for (index, href) in request.hrefs.enumerated() {
            let path = Substring(Self.pathOfHref(href))
            if let requestCalendar, let name = DAVPath.memberName(path, below: resource.href) {
                byCalendar[requestCalendar.slug, default: []].append((index, name))
                continue
            }
            guard let segments = DAVPath.segments(path), segments.count == 5, segments[0] == "dav", segments[1] == "calendars",
                segments[2] == user.username
            else {
                responses[index] = DAVResponse(href: href, status: 404)
                continue
            }
            if calendars[segments[3]] == nil, let calendar = try await store.calendar(slug: segments[3], ownedBy: user.id) {
                calendars[segments[3]] = calendar
            }
            guard calendars[segments[3]] != nil else {
                responses[index] = DAVResponse(href: href, status: 404)
                continue
            }
            byCalendar[segments[3], default: []].append((index, segments[4]))
        }
        let wantsData = Self.asksForCalendarData(request.properties)
        let writer = ObjectPropertyWriter(request.properties)
        var found = [(calendar: CalendarCollection, object: CalendarObject, data: String?)?](repeating: nil, count: request.hrefs.count)
        let budget = ExpansionBudget()
        for (slug, wanted) in byCalendar {
            let calendar = calendars[slug]!
            let objects = try await store.calendarObjects(in: calendar.id, named: wanted.map(\.name))
            let byName = Dictionary(objects.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let floatingZone = wantsData && request.calendarData?.returnsStoredText == false ? Self.floatingZone(calendar.timezone) : nil
            for (index, name) in wanted {
                guard let object = byName[name] else {
                    responses[index] = DAVResponse(href: request.hrefs[index], status: 404)
                    continue
                }
                var data: String?
                if wantsData {
                    if request.calendarData?.returnsStoredText ?? true {
                        data = object.ics
                    } else if let parsed = parsedObjects.calendar(for: object) {
                        data = try CalendarDataRenderer.render(
                            storedText: object.ics, calendar: parsed, request: request.calendarData, floatingZone: floatingZone ?? .utc,
                            budget: budget)
                    }
                }
                found[index] = (calendar, object, data)
            }
        }
        let stream = MultistatusStream(expectedResponses: request.hrefs.count)
        for index in request.hrefs.indices {
            if let response = responses[index] {
                stream.append(response)
            } else if let (calendar, object, data) = found[index] {
                if let writer {
                    writer.write(object.summary, href: request.hrefs[index], calendarData: data, to: stream)
                    continue
                }
                let objectResource = DAVResource(
                    kind: .object(calendar, object), href: request.hrefs[index], deadPropertyPath: "\(calendar.slug)/\(object.name)", user: user)
                stream.append(try await objectResponse(objectResource, selection: request.properties, calendarData: data, minimal: minimal))
            }
        }
        return stream.response()
    }

    /// The path of an href that may be an absolute URI.
    static func pathOfHref(_ href: String) -> String {
        let trimmed = href.trimmingASCIIWhitespace()
        // Byte search: String.range(of:) goes through Foundation's string search, per href.
        let bytes = trimmed.utf8
        guard bytes.first != UInt8(ascii: "/"), let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
            bytes[colon...].starts(with: "://".utf8)
        else { return trimmed }
        let rest = bytes[bytes.index(colon, offsetBy: 3)...]
        return rest.firstIndex(of: UInt8(ascii: "/")).map { String(trimmed[$0...]) } ?? "/"
    }
}
