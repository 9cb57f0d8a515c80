import Connections
import Foundation
import Hummingbird
import Store

/// `/api/availability/calendars`: the caller's external calendar connections (the spec's five
/// endpoints, plus the password connect for CalDAV and iCloud, and PATCH for the choices).
struct CalendarConnectionController {
    let engine: ConnectionEngine
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: list)
        group.get("connect/:provider", use: authorize)
        group.post("connect/:provider", use: connect)
        // The OAuth callback is the browser's: it lives with the web UI's session (WebUI's ConnectionPages).
        group.patch(":id", use: update)
        group.post(":id/refresh", use: refresh)
        group.delete(":id", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONBox<[CalendarConnectionResponse]> {
        let user = try context.requireUser()
        let at = now()
        return JSONBox(try await engine.store.connections(ownedBy: user.id).map { CalendarConnectionResponse($0, now: at) })
    }

    /// The OAuth start. CalDAV and iCloud take a password instead; Google and Microsoft need a
    /// client id the operator has not configured.
    @Sendable func authorize(_ request: Request, context: AppRequestContext) async throws -> JSONBox<AuthorizationStart> {
        let user = try context.requireUser()
        let provider = try Self.provider(context)
        if provider.usesPassword {
            throw APIError(
                status: .badRequest, title: "credentials_required",
                detail:
                    "\(provider.rawValue) connects with a user name and password: POST them to /api/availability/calendars/connect/\(provider.rawValue)"
            )
        }
        guard let url = try await engine.startAuthorization(userId: user.id, provider: provider, now: now()) else {
            throw Self.notConfigured(provider)
        }
        return JSONBox(AuthorizationStart(authUrl: url.absoluteString))
    }

    @Sendable func connect(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<JSONBox<CalendarConnectionResponse>> {
        let user = try context.requireUser()
        let provider = try Self.provider(context)
        guard provider.usesPassword else {
            throw APIError(
                status: .badRequest, title: "oauth_required",
                detail: "\(provider.rawValue) connects through its sign-in page: GET /api/availability/calendars/connect/\(provider.rawValue)")
        }
        let body = try await request.decodeJSON(as: ConnectCalDAVRequest.self, schema: "ConnectCalDAV", context: context)
        let at = now()
        let connection = try await engine.connect(
            userId: user.id, provider: provider, url: body.url, username: body.username, password: body.password, now: at)
        return EditedResponse(
            status: .created, headers: [.location: "/api/availability/calendars/\(connection.id)"],
            response: JSONBox(CalendarConnectionResponse(connection, now: at)))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONBox<CalendarConnectionResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(as: UpdateCalendarConnectionRequest.self, schema: "UpdateCalendarConnection", context: context)
        var choices: [String: Bool] = [:]
        for choice in body.calendars ?? [] { choices[choice.id] = choice.checkForConflicts }
        let at = now()
        let connection = try await engine.store.updateConnection(
            id: id, ownedBy: user.id, isActive: body.isActive, checkForConflicts: choices, now: at)
        return JSONBox(CalendarConnectionResponse(connection, now: at))
    }

    @Sendable func refresh(_ request: Request, context: AppRequestContext) async throws -> JSONBox<CalendarConnectionResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let at = now()
        return JSONBox(CalendarConnectionResponse(try await engine.refresh(id: id, userId: user.id, now: at), now: at))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        try await engine.disconnect(id: try context.parameters.require("id"), userId: user.id)
        return Response(status: .noContent)
    }

    static func provider(_ context: AppRequestContext) throws -> CalendarProviderKind {
        let name = try context.parameters.require("provider")
        guard let provider = CalendarProviderKind(rawValue: name) else {
            throw APIError(
                status: .notFound, title: "Not found",
                detail: "unknown calendar provider \"\(name)\" (google, outlook, office365, apple or caldav)")
        }
        return provider
    }

    static func notConfigured(_ provider: CalendarProviderKind) -> APIError {
        APIError(
            status: .badRequest, title: "provider_not_configured",
            detail: "\(provider.rawValue) is not available on this server: its OAuth client is not configured")
    }
}
