import Auth
import Foundation
import HTTPTypes
import Hummingbird
import Store

/// `/login` and `POST /logout`. A sign-in gets a new session id (never one the browser brought
/// along), so a planted cookie cannot become a signed-in session.
struct SignInPages<Repository: HorarioStore, Parent: ClientAddressRequestContext>: Sendable {
    typealias Context = WebRequestContext<Parent>

    let kit: PageKit
    let store: Repository
    let hasher: PasswordHasher
    let throttle: LoginThrottle
    let settings: WebSettings
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("login", use: show)
        group.post("login", use: signIn)
        group.post("logout", use: signOut)
    }

    struct Model: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var username: String
        var next: String
        var error: String?
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        if context.user != nil { return WebRedirect(location: next).response }
        return form(request, context, username: "", next: next, error: nil, status: .ok)
    }

    @Sendable func signIn(_ request: Request, context: Context) async throws -> Response {
        let username = context.form["username"] ?? ""
        let password = context.form.pairs.first { $0.name == "password" }?.value ?? ""
        let next = Self.safeNext(context.form["next"])
        let address = clientAddress(request, context)
        let t = context.catalog
        if let wait = await throttle.retryAfter(username: username, address: address, now: now()) {
            let minutes = String(Int((wait / 60).rounded(.up)))
            var response = form(
                request, context, username: username, next: next, error: t.format("login_throttled", ["minutes": minutes]), status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        let stored = try await store.credentials(username: username)
        if stored == nil { hasher.burnVerificationTime(password) }  // as long as a wrong password: names stay secret
        guard let stored, hasher.verify(password, against: stored.passwordHash) else {
            await throttle.recordFailure(username: username, address: address, now: now())
            return form(request, context, username: username, next: next, error: t["login_failed"], status: .unauthorized)
        }
        await throttle.recordSuccess(username: username)
        let id = SessionSecret.generate()
        let now = now()
        try await store.createSession(
            WebSession(
                idHash: SessionSecret.hash(id), userId: stored.user.id, csrfToken: SessionSecret.generate(), createdAt: now,
                expiresAt: now.addingTimeInterval(settings.sessionIdleTimeout)))
        _ = try? await store.deleteExpiredSessions(before: now)
        var response = WebRedirect(location: next).response
        let secure = context.secureCookies
        response.headers.append(
            HTTPField(
                name: .setCookie,
                value: CookieJar.setCookie(CookieJar.sessionName(secure: secure), value: id, maxAge: Int(settings.sessionLifetime), secure: secure)))
        response.headers.append(
            HTTPField(name: .setCookie, value: CookieJar.setCookie(CookieJar.formCSRFName(secure: secure), value: "", maxAge: 0, secure: secure)))
        return response
    }

    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        if let session = context.session { try await store.deleteSession(idHash: session.idHash) }
        var response = WebRedirect(location: "/login?notice=notice_signed_out").response
        response.headers.append(
            HTTPField(
                name: .setCookie,
                value: CookieJar.setCookie(CookieJar.sessionName(secure: context.secureCookies), value: "", maxAge: 0, secure: context.secureCookies))
        )
        return response
    }

    /// The sign-in form with a fresh pre-session CSRF token in a cookie and a hidden field.
    private func form(
        _ request: Request, _ context: Context, username: String, next: String, error: String?, status: HTTPResponse.Status
    )
        -> Response
    {
        // Only shown signed out, so always a fresh pre-session token and its cookie.
        let (token, cookie) = kit.formToken(context)
        let t = context.catalog
        let model = Model(
            chrome: kit.chrome(context, request, .signIn, title: t["login_title"], csrf: token), t: t.strings, username: username, next: next,
            error: error)
        var response = kit.page("login", model, status: status)
        if let cookie { response.headers.append(cookie) }
        return response
    }

    /// The client's address: the socket's peer, or the proxy's `X-Forwarded-For` when trusted.
    private func clientAddress(_ request: Request, _ context: Context) -> String? {
        if settings.trustProxy, let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").last {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return context.peerAddress
    }

    /// Where to go after sign-in: a path on this site only, never another host (`//evil`, `https:`).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\") else { return "/availability/schedules" }
        return next
    }
}
