import Foundation
import Hummingbird

/// Microsoft Graph v1.0 (learn.microsoft.com/graph/api/resources/calendar): /me, calendars,
/// calendarView, getSchedule (work accounts only), events with `transactionId`, Teams meetings
/// where the calendar allows `teamsForBusiness`, 429 with Retry-After.
struct GraphRoutes {
    let state: FakeState

    static func calendars(tenant: String?) -> [[String: Any]] {
        [
            [
                "id": "AAMkDefault", "name": "Calendar", "isDefaultCalendar": true, "canEdit": true, "hexColor": "#0078d4",
                "allowedOnlineMeetingProviders": tenant == "consumers" ? ["skypeForConsumer"] : ["teamsForBusiness"],
            ],
            [
                "id": "AAMkBirthdays", "name": "Birthdays", "isDefaultCalendar": false, "canEdit": false, "hexColor": "",
                "allowedOnlineMeetingProviders": [],
            ],
        ]
    }

    func add(to router: Router<BasicRequestContext>) {
        let state = self.state
        let api = router.group("v1.0")
        api.get("me") { request, _ in
            try await Self.guarded(request, state: state) { _ in
                let email = await state.email(provider: "microsoft")
                return Reply.json(["id": "oid-" + email, "mail": email, "userPrincipalName": email])
            }
        }
        api.get("me/calendars") { request, _ in
            try await Self.guarded(request, state: state) { token in
                // One a page (@odata.nextLink).
                let all = Self.calendars(tenant: token.tenant)
                let page = Int(request.uri.queryParameters.get("page") ?? "0") ?? 0
                var body: [String: Any] = ["value": [all[page]]]
                if page + 1 < all.count {
                    body["@odata.nextLink"] = "http://\(request.head.authority ?? "127.0.0.1")/v1.0/me/calendars?page=\(page + 1)"
                }
                return Reply.json(body)
            }
        }
        api.get("me/calendars/:calendar/calendarView") { request, context in
            try await Self.guarded(request, state: state) { _ in
                let query = request.uri.queryParameters
                guard let from = Reply.date(query.get("startDateTime")), let to = Reply.date(query.get("endDateTime")) else {
                    return Reply.json(
                        ["error": ["code": "ErrorInvalidParameter", "message": "startDateTime and endDateTime are required"]], status: .badRequest)
                }
                let zulu = !(request.headers[values: .init("Prefer")!].contains { $0.contains("outlook.timezone=\"UTC\"") })
                let items = await state.busy(provider: "microsoft", calendar: context.parameters.get("calendar") ?? "", from: from, to: to)
                return Reply.json([
                    "value": items.map {
                        [
                            "start": ["dateTime": Reply.stamp($0.start, zulu: zulu), "timeZone": "UTC"],
                            "end": ["dateTime": Reply.stamp($0.end, zulu: zulu), "timeZone": "UTC"], "showAs": $0.showAs,
                            "isCancelled": $0.showAs == "cancelled", "isAllDay": false,
                        ]
                    }
                ])
            }
        }
        api.post("me/calendar/getSchedule") { request, _ in
            try await Self.guarded(request, state: state) { token in
                guard token.tenant != "consumers" else {
                    // "Not supported" for personal Microsoft accounts.
                    return Reply.json(
                        ["error": ["code": "ErrorInvalidUser", "message": "getSchedule is not supported for personal accounts"]], status: .badRequest)
                }
                let object = try await Reply.object(request)
                guard let from = Reply.date((object["startTime"] as? [String: Any])?["dateTime"] as? String),
                    let to = Reply.date((object["endTime"] as? [String: Any])?["dateTime"] as? String)
                else { return Reply.json(["error": ["code": "ErrorInvalidParameter", "message": "startTime and endTime"]], status: .badRequest) }
                let items = await state.busy(provider: "microsoft", calendar: "AAMkDefault", from: from, to: to)
                let schedules = (object["schedules"] as? [String] ?? []).map { address -> [String: Any] in
                    [
                        "scheduleId": address,
                        "scheduleItems": items.map {
                            [
                                "status": $0.showAs, "start": ["dateTime": Reply.stamp($0.start, zulu: false), "timeZone": "UTC"],
                                "end": ["dateTime": Reply.stamp($0.end, zulu: false), "timeZone": "UTC"],
                            ]
                        },
                    ]
                }
                return Reply.json(["value": schedules])
            }
        }
        api.post("me/calendars/:calendar/events") { request, context in
            try await Self.guarded(request, state: state, needsWrite: true) { token in
                var object = try await Reply.object(request)
                if let transaction = object["transactionId"] as? String, let earlier = await state.eventWithTransaction(transaction) {
                    // A retried POST with the same transactionId is dropped: the first event is answered.
                    await state.count("microsoft:duplicateDropped")
                    return Reply.json((try? JSONSerialization.jsonObject(with: earlier.body)) ?? [:], status: .created)
                }
                let calendar = context.parameters.get("calendar") ?? ""
                guard let start = Reply.date((object["start"] as? [String: Any])?["dateTime"] as? String),
                    let end = Reply.date((object["end"] as? [String: Any])?["dateTime"] as? String)
                else { return Reply.json(["error": ["code": "ErrorInvalidRequest", "message": "start and end"]], status: .badRequest) }
                if object["isOnlineMeeting"] as? Bool == true {
                    let allowed =
                        Self.calendars(tenant: token.tenant).first { $0["id"] as? String == calendar }?["allowedOnlineMeetingProviders"] as? [String]
                        ?? []
                    guard let provider = object["onlineMeetingProvider"] as? String, allowed.contains(provider) else {
                        return Reply.json(
                            ["error": ["code": "ErrorInvalidRequest", "message": "online meeting provider not allowed"]], status: .badRequest)
                    }
                }
                let id = "AAMkEvent" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
                object["id"] = id
                object["@odata.etag"] = "W/\"\(UUID().uuidString)\""
                if object["isOnlineMeeting"] as? Bool == true {
                    object["onlineMeeting"] = ["joinUrl": "https://teams.microsoft.com/l/meetup-join/fake-\(id.suffix(6))"]
                }
                await state.count("microsoft:create")
                await state.addEvent(
                    .init(
                        provider: "microsoft", calendar: calendar, id: id, start: start, end: end, showAs: object["showAs"] as? String ?? "busy",
                        body: try JSONSerialization.data(withJSONObject: object), transactionId: object["transactionId"] as? String))
                return Reply.json(object, status: .created)
            }
        }
        api.patch("me/events/:id") { request, context in
            try await Self.guarded(request, state: state, needsWrite: true) { _ in
                guard let event = await state.event(provider: "microsoft", id: context.parameters.get("id") ?? "") else {
                    return Reply.json(
                        ["error": ["code": "ErrorItemNotFound", "message": "The specified object was not found in the store."]], status: .notFound)
                }
                let (updated, object) = try event.patched(try await Reply.object(request))
                await state.addEvent(updated)
                await state.count("microsoft:patch")
                return Reply.json(object)
            }
        }
        api.delete("me/events/:id") { request, context in
            try await Self.guarded(request, state: state, needsWrite: true) { _ in
                guard await state.removeEvent(provider: "microsoft", id: context.parameters.get("id") ?? "") else {
                    return Reply.json(["error": ["code": "ErrorItemNotFound", "message": "Not found"]], status: .notFound)
                }
                await state.count("microsoft:delete")
                return Response(status: .noContent)
            }
        }
    }

    static func guarded(
        _ request: Request, state: FakeState, needsWrite: Bool = false, _ body: (FakeState.Token) async throws -> Response
    ) async throws -> Response {
        let delay = await state.delay()
        if delay > 0 { try await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
        if let failure = await state.injectedFailure() {
            return failure.status == 429
                ? Reply.json(
                    ["error": ["code": "TooManyRequests", "message": "Please retry again later."]], status: .tooManyRequests,
                    headers: [.retryAfter: failure.retryAfter ?? "1"])
                : Reply.json(["error": ["code": "generalException", "message": "General exception while processing."]], status: .internalServerError)
        }
        guard let token = await state.bearer(request.headers[.authorization], provider: "microsoft") else {
            await state.count("microsoft:401")
            return Reply.json(
                ["error": ["code": "InvalidAuthenticationToken", "message": "Access token has expired or is not yet valid."]], status: .unauthorized)
        }
        if needsWrite, !token.scopes.contains(where: { $0.lowercased() == "calendars.readwrite" }) {
            return Reply.json(
                ["error": ["code": "ErrorAccessDenied", "message": "Access is denied. Check credentials and try again."]], status: .forbidden)
        }
        return try await body(token)
    }
}
