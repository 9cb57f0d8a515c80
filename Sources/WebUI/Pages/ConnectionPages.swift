import Auth
import BookingFlow
import Connections
import Foundation
import Hummingbird
import ICalendar
import NIOCore
import Store

/// Availability › Calendar connections: each connected account with its status, last read and
/// last error, the calendars that count as busy time, refresh and disconnect; and the form that
/// connects a CalDAV or iCloud account (with how to make an iCloud app-specific password).
struct ConnectionPages<Parent: ClientAddressRequestContext>: Sendable {
    typealias Context = WebRequestContext<Parent>

    let kit: PageKit
    let engine: ConnectionEngine
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("availability/calendars", use: show)
        group.post("availability/calendars/connect", use: connect)
        group.post("availability/calendars/:id", use: save)
        group.post("availability/calendars/:id/refresh", use: refresh)
        group.post("availability/calendars/:id/disconnect", use: disconnect)
        // A link, not a form: `form-action 'self'` would stop the redirect to the provider.
        group.get("availability/calendars/authorize/:provider", use: authorize)
        group.get("api/availability/calendars/callback/:provider", use: callback)
    }

    struct Model: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var connections: [ConnectionView]
        var hasConnections: Bool
        /// "Connect Google Calendar"…, for the OAuth providers this server is configured for.
        var oauthProviders: [OptionView]
        var hasOAuthProviders: Bool
        var providers: [OptionView]
        var url: FieldView
        var username: FieldView
        var password: FieldView
        var errors: [ErrorLine]
        var hasErrors: Bool
    }

    struct ConnectionView: Sendable {
        var id: String
        var title: String
        var status: String
        var statusClass: String
        var lastSync: String
        var lastError: String?
        var isActive: Bool
        var calendars: [CalendarView]
        /// The OAuth provider to sign in to again, when the connection needs it.
        var reconnect: String?
    }

    struct CalendarView: Sendable {
        var fieldId: String
        var id: String
        var name: String
        var color: String?
        var checked: Bool
        var access: String
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        try await page(request, context, form: [:], errors: FieldErrors(), status: .ok)
    }

    @Sendable func connect(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let form = context.form
        let t = context.catalog
        let provider = CalendarProviderKind(rawValue: form["provider"] ?? "") ?? .caldav
        var errors = FieldErrors()
        do {
            _ = try await engine.connect(
                userId: user.id, provider: provider.usesPassword ? provider : .caldav, url: form["url"], username: form["username"] ?? "",
                password: form["password"] ?? "", now: now())
            throw WebRedirect(location: "/availability/calendars?notice=notice_calendar_connected")
        } catch let invalid as ConnectionEngine.InvalidRequest {
            errors.add(invalid.field, invalid.message)
        } catch let failure as ProviderError {
            switch failure {
            case .unauthorized, .appPasswordRequired: errors.add("password", failure.description)
            case .unreachable, .timeout, .rateLimited: errors.add("url", t.format("connections_unreachable", ["reason": failure.description]))
            default: errors.add("url", failure.description)
            }
        } catch let error as StoreError {
            errors.add("url", "\(error)")
        }
        var kept: [String: String] = [:]
        for name in ["provider", "url", "username"] { kept[name] = form[name] }
        return try await page(request, context, form: kept, errors: errors, status: .unprocessableContent)
    }

    @Sendable func save(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let connection = try await engine.store.connection(id: id, ownedBy: user.id) else { throw WebNotFound() }
        let form = context.form
        let checked = Set(form.values("calendar"))
        var choices: [String: Bool] = [:]
        for calendar in connection.calendars { choices[calendar.id] = checked.contains(calendar.id) }
        _ = try await engine.store.updateConnection(
            id: id, ownedBy: user.id, isActive: form["active"] == "on", checkForConflicts: choices, now: now())
        throw WebRedirect(location: "/availability/calendars?notice=notice_saved")
    }

    @Sendable func refresh(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard (try await engine.store.connection(id: id, ownedBy: user.id)) != nil else { throw WebNotFound() }
        let refreshed = try await engine.refresh(id: id, userId: user.id, now: now())
        let notice = refreshed.status == .ok ? "notice_calendar_refreshed" : "notice_calendar_refresh_refused"
        throw WebRedirect(location: "/availability/calendars?notice=\(notice)#connection-\(id)")
    }

    @Sendable func authorize(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        guard let provider = CalendarProviderKind(rawValue: try context.parameters.require("provider")), !provider.usesPassword,
            let url = try await engine.startAuthorization(userId: user.id, provider: provider, now: now())
        else { throw WebNotFound() }
        return Response(status: .seeOther, headers: [.location: url.absoluteString])
    }

    /// The provider's redirect back: the session's user must be the one who started.
    @Sendable func callback(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        guard let provider = CalendarProviderKind(rawValue: try context.parameters.require("provider")), !provider.usesPassword else {
            throw WebNotFound()
        }
        let query = request.uri.queryParameters
        let wantsJSON = request.headers[.accept]?.contains("application/json") == true
        do {
            let connection = try await engine.finishAuthorization(
                userId: user.id, provider: provider, code: query.get("code"), state: query.get("state"), error: query.get("error"), now: now())
            if wantsJSON {
                let body = try JSONEncoder().encode([
                    "id": connection.id, "provider": connection.provider.rawValue, "email": connection.email, "status": connection.status.rawValue,
                ])
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
            }
            throw WebRedirect(location: "/availability/calendars?notice=notice_calendar_connected#connection-\(connection.id)")
        } catch let refused as ConnectionEngine.AuthorizationRefused {
            var errors = FieldErrors()
            errors.add("provider", refused.description)
            return try await page(request, context, form: [:], errors: errors, status: .badRequest)
        } catch let failure as ProviderError {
            var errors = FieldErrors()
            errors.add("provider", failure.description)
            return try await page(request, context, form: [:], errors: errors, status: .badGateway)
        }
    }

    @Sendable func disconnect(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        do {
            try await engine.disconnect(id: id, userId: user.id)
        } catch is StoreError {
            throw WebNotFound()
        }
        throw WebRedirect(location: "/availability/calendars?notice=notice_calendar_disconnected")
    }

    func page(
        _ request: Request, _ context: Context, form: [String: String], errors: FieldErrors, status: HTTPResponse.Status
    ) async throws
        -> Response
    {
        let user = try context.requireUser()
        let t = context.catalog
        let format = TextFormat(catalog: t)
        let zone = ZoneRules.iana(user.timeZone) ?? .utc
        let at = now()
        let connections = try await engine.store.connections(ownedBy: user.id).map { connection in
            let status = engine.policy.displayedStatus(connection.status, lastSyncAt: connection.lastSyncAt, now: at)
            return ConnectionView(
                id: connection.id, title: "\(Self.providerName(connection.provider, t: t)): \(connection.email)",
                status: t["connection_status_" + status.rawValue], statusClass: status == .ok ? "ok" : (status == .syncing ? "" : "warning"),
                lastSync: connection.lastSyncAt.map { format.moment($0, zone: zone) } ?? t["connections_never"],
                lastError: connection.lastError.map { "\($0.message) (\(format.moment($0.at, zone: zone)))" },
                isActive: connection.isActive,
                calendars: connection.calendars.enumerated().map { index, calendar in
                    CalendarView(
                        fieldId: "calendar-\(connection.id)-\(index)", id: calendar.id, name: calendar.name, color: calendar.color,
                        checked: calendar.checkForConflicts, access: calendar.canWrite ? t["connections_writable"] : t["connections_read_only"])
                }, reconnect: status == .reauthRequired && !connection.provider.usesPassword ? connection.provider.rawValue : nil)
        }
        let chosen = CalendarProviderKind(rawValue: form["provider"] ?? "") ?? .apple
        let model = Model(
            chrome: kit.chrome(context, request, .calendars, title: t["connections_title"]), t: t.strings, connections: connections,
            hasConnections: !connections.isEmpty,
            oauthProviders: engine.oauth.configuredProviders.map {
                OptionView(
                    value: $0.rawValue, label: t.format("connections_connect_oauth", ["provider": Self.providerName($0, t: t)]), selected: false)
            }, hasOAuthProviders: !engine.oauth.configuredProviders.isEmpty,
            providers: [CalendarProviderKind.apple, .caldav].map {
                OptionView(value: $0.rawValue, label: Self.providerName($0, t: t), selected: $0 == chosen)
            },
            url: FieldView(
                id: "url", name: "url", label: t["connections_url"], value: form["url"] ?? "", type: "url", error: errors.message(for: "url"),
                hint: t["connections_url_hint"]),
            username: FieldView(
                id: "username", name: "username", label: t["connections_username"], value: form["username"] ?? "", type: "text",
                error: errors.message(for: "username"), required: true, autocomplete: "username"),
            password: FieldView(
                id: "password", name: "password", label: t["connections_password"], value: "", type: "password",
                error: errors.message(for: "password"), required: true, hint: t["connections_password_hint"], autocomplete: "new-password"),
            errors: errors.summary, hasErrors: !errors.isEmpty)
        return kit.page("connections", model, status: status)
    }

    static func providerName(_ provider: CalendarProviderKind, t: Catalog) -> String {
        t["provider_" + provider.rawValue]
    }
}
