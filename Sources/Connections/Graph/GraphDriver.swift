import Foundation
import ICalendar
import Store

/// Microsoft Graph v1.0 for Outlook.com (`outlook`) and Microsoft 365 (`office365`),
/// CONNECTIONS.md §2.4: `/me/calendars`, busy time from `getSchedule` for a work account's own
/// mailbox (personal accounts are not served by it) and `calendarView` otherwise (free,
/// working-elsewhere and cancelled items skipped), events created with the booking's id as
/// `transactionId` (Graph drops a retried POST), patched and deleted, Teams links where the
/// calendar allows `teamsForBusiness`. A 429's `Retry-After` is honoured by the engine.
struct GraphDriver: CalendarDriver {
    let endpoints: OAuthEndpoints
    let http: OutgoingHTTP

    func call(_ auth: ConnectionCredentials) throws(ProviderError) -> RESTCall {
        guard case .oauth(let tokens) = auth else { throw .unauthorized("the connection holds no Microsoft token; reconnect it") }
        return RESTCall(http: http, accessToken: tokens.accessToken, providerName: "Microsoft Graph")
    }

    /// The signed-in account's address (`mail`, else `userPrincipalName`).
    func accountEmail(_ auth: ConnectionCredentials) async throws(ProviderError) -> String? {
        let answer = try await call(auth).send("GET", endpoints.api.appending(path: "me"))
        return answer.json["mail"] as? String ?? answer.json["userPrincipalName"] as? String
    }

    func listCalendars(_ connection: CalendarConnection, auth: ConnectionCredentials) async throws(ProviderError) -> [CalDAVDriver.ListedCalendar] {
        let call = try call(auth)
        guard case .oauth(let tokens) = auth else { return [] }
        let mayWrite = tokens.scopes.contains { $0.lowercased().hasSuffix("calendars.readwrite") }
        var next: URL? = URL(
            string: endpoints.api.appending(path: "me/calendars").absoluteString
                + "?$select=id,name,hexColor,isDefaultCalendar,canEdit,allowedOnlineMeetingProviders")
        var result: [CalDAVDriver.ListedCalendar] = []
        while let url = next {
            let answer = try await call.send("GET", url)
            for item in answer.json["value"] as? [[String: Any]] ?? [] {
                guard let id = item["id"] as? String else { continue }
                let providers = item["allowedOnlineMeetingProviders"] as? [String] ?? []
                let color = (item["hexColor"] as? String).flatMap { $0.isEmpty ? nil : $0 }
                result.append(
                    CalDAVDriver.ListedCalendar(
                        calendar: ConnectedCalendar(
                            id: id, name: item["name"] as? String ?? id, isPrimary: item["isDefaultCalendar"] as? Bool ?? false, color: color,
                            canWrite: mayWrite && (item["canEdit"] as? Bool ?? false),
                            conference: providers.contains("teamsForBusiness") ? "teamsForBusiness" : nil),
                        changeTag: nil))
            }
            next = (answer.json["@odata.nextLink"] as? String).flatMap(URL.init(string:))
        }
        return result
    }

    func busy(
        _ connection: CalendarConnection, calendars: [(calendar: ConnectedCalendar, floatingZone: ZoneRules)], window: DateInterval,
        auth: ConnectionCredentials, timeout: TimeInterval?
    ) async throws(ProviderError) -> [String: [ExternalBusy]] {
        let call = try call(auth)
        var result: [String: [ExternalBusy]] = [:]
        for (calendar, _) in calendars {
            if connection.provider == .office365, calendar.isPrimary {
                result[calendar.id] = try await schedule(call, connection: connection, calendarId: calendar.id, window: window, timeout: timeout)
            } else {
                result[calendar.id] = try await calendarView(call, connection: connection, calendarId: calendar.id, window: window, timeout: timeout)
            }
        }
        return result
    }

    /// `showAs` values that block time; `free` and `workingElsewhere` do not.
    static func blocks(_ showAs: String?) -> ExternalBusy.Kind? {
        switch showAs {
        case "free", "workingElsewhere": return nil
        case "tentative": return .tentative
        default: return .busy
        }
    }

    func calendarView(
        _ call: RESTCall, connection: CalendarConnection, calendarId: String, window: DateInterval, timeout: TimeInterval?
    )
        async throws(ProviderError) -> [ExternalBusy]
    {
        var components = URLComponents(
            url: endpoints.api.appending(path: "me/calendars").appending(path: calendarId).appending(path: "calendarView"),
            resolvingAgainstBaseURL: false)!
        components.queryItems = [
            URLQueryItem(name: "startDateTime", value: RFC3339Text.string(window.start)),
            URLQueryItem(name: "endDateTime", value: RFC3339Text.string(window.end)),
            URLQueryItem(name: "$select", value: "start,end,showAs,isCancelled,isAllDay"),
        ]
        var next = components.url
        var busy: [ExternalBusy] = []
        while let url = next {
            let answer = try await call.send(
                "GET", url, headers: [("Prefer", "outlook.timezone=\"UTC\""), ("Prefer", "odata.maxpagesize=200")], timeout: timeout)
            for item in answer.json["value"] as? [[String: Any]] ?? [] {
                guard !(item["isCancelled"] as? Bool ?? false), let kind = Self.blocks(item["showAs"] as? String),
                    let start = ((item["start"] as? [String: Any])?["dateTime"] as? String).flatMap(RFC3339Text.date),
                    let end = ((item["end"] as? [String: Any])?["dateTime"] as? String).flatMap(RFC3339Text.date)
                else { continue }
                busy.append(ExternalBusy(connectionId: connection.id, calendarId: calendarId, start: start, end: end, kind: kind))
            }
            next = (answer.json["@odata.nextLink"] as? String).flatMap(URL.init(string:))
        }
        return busy
    }

    /// A work mailbox's free/busy (`getSchedule`, at most 62 days a call).
    func schedule(
        _ call: RESTCall, connection: CalendarConnection, calendarId: String, window: DateInterval, timeout: TimeInterval?
    )
        async throws(ProviderError) -> [ExternalBusy]
    {
        var busy: [ExternalBusy] = []
        var start = window.start
        while start < window.end {
            let end = min(window.end, start.addingTimeInterval(62 * 86_400))
            let answer = try await call.send(
                "POST", endpoints.api.appending(path: "me/calendar/getSchedule"),
                body: [
                    "schedules": [connection.email], "availabilityViewInterval": 30,
                    "startTime": ["dateTime": RFC3339Text.string(start), "timeZone": "UTC"],
                    "endTime": ["dateTime": RFC3339Text.string(end), "timeZone": "UTC"],
                ], headers: [("Prefer", "outlook.timezone=\"UTC\"")], timeout: timeout)
            for schedule in answer.json["value"] as? [[String: Any]] ?? [] {
                if let error = schedule["error"] as? [String: Any] {
                    throw .badResponse("Microsoft Graph could not read the schedule (\(error["message"] as? String ?? "error"))")
                }
                for item in schedule["scheduleItems"] as? [[String: Any]] ?? [] {
                    guard let kind = Self.blocks(item["status"] as? String),
                        let from = ((item["start"] as? [String: Any])?["dateTime"] as? String).flatMap(RFC3339Text.date),
                        let to = ((item["end"] as? [String: Any])?["dateTime"] as? String).flatMap(RFC3339Text.date)
                    else { continue }
                    busy.append(ExternalBusy(connectionId: connection.id, calendarId: calendarId, start: from, end: to, kind: kind))
                }
            }
            start = end
        }
        return busy
    }

    func eventBody(_ event: BookingEvent) -> [String: Any] {
        [
            "subject": "\(event.title): \(event.booking.attendee.name)",
            "body": ["contentType": "text", "content": event.booking.notes ?? ""],
            "start": ["dateTime": RFC3339Text.string(event.booking.start), "timeZone": "UTC"],
            "end": ["dateTime": RFC3339Text.string(event.booking.end), "timeZone": "UTC"],
            "location": ["displayName": event.booking.location],
            "attendees": [
                ["emailAddress": ["address": event.booking.attendee.email, "name": event.booking.attendee.name], "type": "required"]
            ],
            "showAs": "busy",
        ]
    }

    func write(
        _ event: BookingEvent, calendarId: String, existing: ExternalWrite, auth: ConnectionCredentials
    ) async throws(ProviderError)
        -> WrittenEvent
    {
        let call = try call(auth)
        let answer: RESTCall.Answer
        if let id = existing.href {
            answer = try await call.send("PATCH", endpoints.api.appending(path: "me/events").appending(path: id), body: eventBody(event))
        } else {
            var body = eventBody(event)
            body["transactionId"] = event.booking.id
            if event.wantsConference {
                body["isOnlineMeeting"] = true
                body["onlineMeetingProvider"] = "teamsForBusiness"
            }
            answer = try await call.send(
                "POST", endpoints.api.appending(path: "me/calendars").appending(path: calendarId).appending(path: "events"), body: body,
                headers: [("Prefer", "IdType=\"ImmutableId\"")])
        }
        guard let id = answer.json["id"] as? String ?? existing.href else { throw .badResponse("Microsoft Graph returned no event id") }
        let link = (answer.json["onlineMeeting"] as? [String: Any])?["joinUrl"] as? String
        return WrittenEvent(href: id, etag: answer.json["@odata.etag"] as? String, conferenceURL: link ?? existing.conferenceURL)
    }

    func delete(_ event: BookingEvent, calendarId: String, existing: ExternalWrite, auth: ConnectionCredentials) async throws(ProviderError) {
        guard let id = existing.href else { return }
        _ = try await call(auth).send("DELETE", endpoints.api.appending(path: "me/events").appending(path: id), accept: [404, 410])
    }
}
