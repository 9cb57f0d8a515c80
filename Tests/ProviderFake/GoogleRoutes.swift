import Foundation
import Hummingbird

/// Google Calendar API v3 (developers.google.com/calendar/api/v3/reference): calendarList,
/// freeBusy.query, events insert/get/patch/delete, with the documented errors.
struct GoogleRoutes {
    let state: FakeState
    static let writeScope = "https://www.googleapis.com/auth/calendar.events"

    func add(to router: Router<BasicRequestContext>) {
        let state = self.state
        let api = router.group("calendar/v3")
        api.get("users/me/calendarList") { request, _ in
            try await Self.guarded(request, state: state) { token in
                let email = await state.email(provider: "google")
                let all: [[String: Any]] = [
                    [
                        "id": email, "summary": "Work", "primary": true, "accessRole": "owner", "backgroundColor": "#1a73e8",
                        "timeZone": "America/Sao_Paulo", "conferenceProperties": ["allowedConferenceSolutionTypes": ["hangoutsMeet"]],
                    ],
                    ["id": "family@group.calendar.google.com", "summary": "Family", "accessRole": "reader", "backgroundColor": "#33b679"],
                ]
                // One a page, so that paging is exercised (calendarList.list, pageToken).
                let page = Int(request.uri.queryParameters.get("pageToken") ?? "0") ?? 0
                var body: [String: Any] = ["items": [all[page]]]
                if page + 1 < all.count { body["nextPageToken"] = String(page + 1) }
                _ = token
                return Reply.json(body)
            }
        }
        api.post("freeBusy") { request, _ in
            try await Self.guarded(request, state: state) { _ in
                let object = try await Reply.object(request)
                guard let from = Reply.date(object["timeMin"] as? String), let to = Reply.date(object["timeMax"] as? String), from < to else {
                    return Reply.error(.badRequest, "Bad Request", reason: "timeRangeEmpty")
                }
                let items = (object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                if to.timeIntervalSince(from) > 90 * 86_400 + 1 {
                    return Reply.error(.badRequest, "The requested time range is too long.", reason: "timeRangeTooLong")
                }
                if items.count > 50 { return Reply.error(.badRequest, "Too many calendars requested.", reason: "tooManyCalendarsRequested") }
                let failing = await state.knobs.calendarErrors
                var calendars: [String: Any] = [:]
                for id in items {
                    if failing.contains(id) {
                        calendars[id] = ["errors": [["domain": "global", "reason": "backendError"]], "busy": []]
                        continue
                    }
                    let busy = await state.busy(provider: "google", calendar: id, from: from, to: to).filter { $0.showAs != "free" }
                    calendars[id] = ["busy": busy.map { ["start": Reply.stamp(max($0.start, from)), "end": Reply.stamp(min($0.end, to))] }]
                }
                return Reply.json(["kind": "calendar#freeBusy", "timeMin": Reply.stamp(from), "timeMax": Reply.stamp(to), "calendars": calendars])
            }
        }
        api.post("calendars/:calendar/events") { request, context in
            try await Self.guarded(request, state: state, needsWrite: true) { _ in
                let calendar = Self.calendar(context)
                var object = try await Reply.object(request)
                let id = object["id"] as? String ?? UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
                guard id.count >= 5, id.allSatisfy({ ("0"..."9").contains($0) || ("a"..."v").contains($0) }) else {
                    return Reply.error(.badRequest, "Invalid resource id value.", reason: "invalid")
                }
                if await state.event(provider: "google", id: id) != nil {
                    return Reply.error(.conflict, "The requested identifier already exists.", reason: "duplicate")
                }
                guard let start = Reply.date((object["start"] as? [String: Any])?["dateTime"] as? String),
                    let end = Reply.date((object["end"] as? [String: Any])?["dateTime"] as? String)
                else { return Reply.error(.badRequest, "Missing start or end.", reason: "required") }
                await state.count("google:insert")
                object["id"] = id
                object["etag"] = "\"\(UUID().uuidString)\""
                if request.uri.queryParameters.get("conferenceDataVersion") == "1", let conference = object["conferenceData"] as? [String: Any],
                    var create = conference["createRequest"] as? [String: Any]
                {
                    // A new conference is pending at first (events.insert, conferenceData.createRequest.status).
                    create["status"] = ["statusCode": "pending"]
                    object["conferenceData"] = ["createRequest": create]
                }
                await state.addEvent(
                    .init(
                        provider: "google", calendar: calendar, id: id, start: start, end: end,
                        showAs: object["transparency"] as? String == "transparent" ? "free" : "busy",
                        body: try JSONSerialization.data(withJSONObject: object)))
                return Reply.json(object)
            }
        }
        api.get("calendars/:calendar/events/:id") { request, context in
            try await Self.guarded(request, state: state) { _ in
                guard let event = await state.pollConference(provider: "google", id: context.parameters.get("id") ?? "") else {
                    return Reply.error(.notFound, "Not Found", reason: "notFound")
                }
                var object = (try? JSONSerialization.jsonObject(with: event.body)) as? [String: Any] ?? [:]
                if var conference = object["conferenceData"] as? [String: Any], var create = conference["createRequest"] as? [String: Any] {
                    // Ready on the first look after the insert.
                    create["status"] = ["statusCode": "success"]
                    conference["createRequest"] = create
                    let link = "https://meet.google.com/fak-\(event.id.prefix(4))-\(event.id.suffix(3))"
                    conference["entryPoints"] = [["entryPointType": "video", "uri": link]]
                    object["conferenceData"] = conference
                    object["hangoutLink"] = link
                    var updated = event
                    updated.body = try JSONSerialization.data(withJSONObject: object)
                    await state.addEvent(updated)
                }
                return Reply.json(object)
            }
        }
        api.patch("calendars/:calendar/events/:id") { request, context in
            try await Self.guarded(request, state: state, needsWrite: true) { _ in
                guard let event = await state.event(provider: "google", id: context.parameters.get("id") ?? "") else {
                    return Reply.error(.notFound, "Not Found", reason: "notFound")
                }
                let (updated, object) = try event.patched(
                    try await Reply.object(request), keeping: ["conferenceData"], extra: ["etag": "\"\(UUID().uuidString)\""])
                await state.addEvent(updated)
                await state.count("google:patch")
                return Reply.json(object)
            }
        }
        api.delete("calendars/:calendar/events/:id") { request, context in
            try await Self.guarded(request, state: state, needsWrite: true) { _ in
                guard await state.removeEvent(provider: "google", id: context.parameters.get("id") ?? "") else {
                    return Reply.error(.gone, "Resource has been deleted", reason: "deleted")
                }
                await state.count("google:delete")
                return Response(status: .noContent)
            }
        }
    }

    static func calendar(_ context: BasicRequestContext) -> String {
        let raw = context.parameters.get("calendar") ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// Knob failures first, then the bearer token (401 `authError`) and, for writes, the scope (403).
    static func guarded(
        _ request: Request, state: FakeState, needsWrite: Bool = false, _ body: (FakeState.Token) async throws -> Response
    ) async throws -> Response {
        let delay = await state.delay()
        if delay > 0 { try await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
        if let failure = await state.injectedFailure() {
            return failure.status == 429
                ? Reply.error(.tooManyRequests, "Rate Limit Exceeded", reason: "rateLimitExceeded", headers: [.retryAfter: failure.retryAfter ?? "1"])
                : Reply.error(.internalServerError, "Backend Error", reason: "backendError")
        }
        guard let token = await state.bearer(request.headers[.authorization], provider: "google") else {
            await state.count("google:401")
            return Reply.error(.unauthorized, "Invalid Credentials", reason: "authError")
        }
        if needsWrite, !token.scopes.contains(writeScope) {
            return Reply.error(.forbidden, "Request had insufficient authentication scopes.", reason: "insufficientPermissions")
        }
        return try await body(token)
    }
}
