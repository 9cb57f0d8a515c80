import Foundation
import ICalendar
import Store

/// Google Calendar API v3 (CONNECTIONS.md §2.2): the calendar list, busy time through
/// `freeBusy.query` (by 50 calendars and 90 days; a calendar's `errors` fail it, never read as
/// free), events inserted with a client-chosen id (the booking's id: hex digits are base32hex, so
/// a retried insert is a 409 and becomes a patch), patched, deleted, and Meet links through
/// `conferenceData.createRequest`.
struct GoogleDriver: CalendarDriver {
    let endpoints: OAuthEndpoints
    let http: OutgoingHTTP

    func call(_ auth: ConnectionCredentials) throws(ProviderError) -> RESTCall {
        guard case .oauth(let tokens) = auth else { throw .unauthorized("the connection holds no Google token; reconnect it") }
        return RESTCall(http: http, accessToken: tokens.accessToken, providerName: "Google Calendar")
    }

    static let writeScopes: Set<String> = ["https://www.googleapis.com/auth/calendar.events", "https://www.googleapis.com/auth/calendar"]

    func listCalendars(_ connection: CalendarConnection, auth: ConnectionCredentials) async throws(ProviderError) -> [CalDAVDriver.ListedCalendar] {
        let call = try call(auth)
        guard case .oauth(let tokens) = auth else { return [] }
        let mayWrite = !tokens.scopes.isDisjoint(with: Self.writeScopes)
        var result: [CalDAVDriver.ListedCalendar] = []
        var pageToken: String?
        repeat {
            var components = URLComponents(url: endpoints.api.appending(path: "users/me/calendarList"), resolvingAgainstBaseURL: false)!
            components.queryItems =
                [URLQueryItem(name: "minAccessRole", value: "freeBusyReader")]
                + (pageToken.map { [URLQueryItem(name: "pageToken", value: $0)] } ?? [])
            let answer = try await call.send("GET", components.url!)
            for item in answer.json["items"] as? [[String: Any]] ?? [] {
                guard let id = item["id"] as? String else { continue }
                let role = item["accessRole"] as? String ?? ""
                let solutions = (item["conferenceProperties"] as? [String: Any])?["allowedConferenceSolutionTypes"] as? [String] ?? []
                result.append(
                    CalDAVDriver.ListedCalendar(
                        calendar: ConnectedCalendar(
                            id: id, name: item["summaryOverride"] as? String ?? item["summary"] as? String ?? id,
                            isPrimary: item["primary"] as? Bool ?? false, color: item["backgroundColor"] as? String,
                            canWrite: mayWrite && (role == "writer" || role == "owner"), timeZone: item["timeZone"] as? String,
                            conference: solutions.contains("hangoutsMeet") ? "hangoutsMeet" : nil),
                        changeTag: nil))
            }
            pageToken = answer.json["nextPageToken"] as? String
        } while pageToken != nil
        return result
    }

    func busy(
        _ connection: CalendarConnection, calendars: [(calendar: ConnectedCalendar, floatingZone: ZoneRules)], window: DateInterval,
        auth: ConnectionCredentials, timeout: TimeInterval?
    ) async throws(ProviderError) -> [String: [ExternalBusy]] {
        let call = try call(auth)
        var result: [String: [ExternalBusy]] = [:]
        for calendar in calendars { result[calendar.calendar.id] = [] }
        let ids = calendars.map(\.calendar.id)
        var start = window.start
        while start < window.end {
            let end = min(window.end, start.addingTimeInterval(90 * 86_400))
            for chunk in stride(from: 0, to: ids.count, by: 50).map({ Array(ids[$0..<min($0 + 50, ids.count)]) }) {
                let answer = try await call.send(
                    "POST", endpoints.api.appending(path: "freeBusy"),
                    body: ["timeMin": RFC3339Text.string(start), "timeMax": RFC3339Text.string(end), "items": chunk.map { ["id": $0] }],
                    timeout: timeout)
                let byCalendar = answer.json["calendars"] as? [String: Any] ?? [:]
                for id in chunk {
                    guard let entry = byCalendar[id] as? [String: Any] else {
                        throw .badResponse("Google Calendar said nothing about calendar \(id)")
                    }
                    if let errors = entry["errors"] as? [[String: Any]], !errors.isEmpty {
                        let reason = errors.compactMap { $0["reason"] as? String }.joined(separator: ", ")
                        throw .badResponse("Google Calendar could not read calendar \(id) (\(reason))")
                    }
                    for period in entry["busy"] as? [[String: Any]] ?? [] {
                        guard let from = (period["start"] as? String).flatMap(RFC3339Text.date),
                            let to = (period["end"] as? String).flatMap(RFC3339Text.date)
                        else { continue }
                        result[id, default: []].append(ExternalBusy(connectionId: connection.id, calendarId: id, start: from, end: to))
                    }
                }
            }
            start = end
        }
        return result
    }

    /// The event id Google keeps: the booking id's hex digits (within base32hex, 32 characters).
    static func eventId(_ booking: Booking) -> String { booking.id.replacingOccurrences(of: "-", with: "").lowercased() }

    func eventBody(_ event: BookingEvent, withConference: Bool) -> [String: Any] {
        var body: [String: Any] = [
            "id": Self.eventId(event.booking),
            "summary": "\(event.title): \(event.booking.attendee.name)",
            "description": event.booking.notes ?? "",
            "location": event.booking.location,
            "start": ["dateTime": RFC3339Text.string(event.booking.start)],
            "end": ["dateTime": RFC3339Text.string(event.booking.end)],
            // The booker only: the account's own address as an attendee duplicates events (Cal.com #5588).
            "attendees": [["email": event.booking.attendee.email, "displayName": event.booking.attendee.name]],
            "transparency": "opaque",
            "extendedProperties": ["private": ["horarioBookingId": event.booking.id]],
        ]
        if withConference {
            body["conferenceData"] = ["createRequest": ["requestId": event.booking.uid, "conferenceSolutionKey": ["type": "hangoutsMeet"]]]
        }
        return body
    }

    func write(
        _ event: BookingEvent, calendarId: String, existing: ExternalWrite, auth: ConnectionCredentials
    ) async throws(ProviderError)
        -> WrittenEvent
    {
        let call = try call(auth)
        let events = endpoints.api.appending(path: "calendars").appending(path: calendarId).appending(path: "events")
        let id = Self.eventId(event.booking)
        var answer: RESTCall.Answer
        if existing.href == nil {
            let insert = URL(string: events.absoluteString + "?conferenceDataVersion=1&sendUpdates=none")!
            answer = try await call.send("POST", insert, body: eventBody(event, withConference: event.wantsConference), accept: [409])
            if answer.status == 409 {
                // Made by an earlier attempt whose answer was lost: bring it up to date instead.
                answer = try await patch(call, events: events, id: id, event: event)
            }
        } else {
            answer = try await patch(call, events: events, id: id, event: event)
        }
        var link = Self.conferenceLink(answer.json)
        // A Meet link may still be in the making: ask again a few times (1, 2, 4 s).
        var delay: UInt64 = 1
        while event.wantsConference, link == nil, Self.conferencePending(answer.json), delay <= 4 {
            try? await Task.sleep(nanoseconds: delay * 1_000_000_000)
            answer = try await call.send("GET", events.appending(path: id))
            link = Self.conferenceLink(answer.json)
            delay *= 2
        }
        return WrittenEvent(href: id, etag: answer.json["etag"] as? String, conferenceURL: link ?? existing.conferenceURL)
    }

    func patch(_ call: RESTCall, events: URL, id: String, event: BookingEvent) async throws(ProviderError) -> RESTCall.Answer {
        var body = eventBody(event, withConference: false)
        body["id"] = nil
        return try await call.send(
            "PATCH", URL(string: events.appending(path: id).absoluteString + "?conferenceDataVersion=1&sendUpdates=none")!, body: body)
    }

    func delete(_ event: BookingEvent, calendarId: String, existing: ExternalWrite, auth: ConnectionCredentials) async throws(ProviderError) {
        let url = endpoints.api.appending(path: "calendars").appending(path: calendarId).appending(path: "events").appending(
            path: Self.eventId(event.booking))
        _ = try await call(auth).send("DELETE", url, accept: [404, 410])
    }

    static func conferenceLink(_ json: [String: Any]) -> String? {
        if let link = json["hangoutLink"] as? String { return link }
        let points = (json["conferenceData"] as? [String: Any])?["entryPoints"] as? [[String: Any]] ?? []
        return points.first { $0["entryPointType"] as? String == "video" }?["uri"] as? String
    }

    static func conferencePending(_ json: [String: Any]) -> Bool {
        let request = (json["conferenceData"] as? [String: Any])?["createRequest"] as? [String: Any]
        return (request?["status"] as? [String: Any])?["statusCode"] as? String == "pending"
    }
}
