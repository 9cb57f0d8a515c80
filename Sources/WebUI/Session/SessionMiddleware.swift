import Auth
import Foundation
import Hummingbird
import Store

/// Reads the session cookie: a live session signs the request in and moves its idle expiry
/// forward (at most once a minute, so reading pages does not write on every request); the
/// page's language is the user's choice, else the browser's.
struct SessionMiddleware<Repository: AccountStore, Parent: ClientAddressRequestContext>: RouterMiddleware {
    typealias Context = WebRequestContext<Parent>

    let store: Repository
    let settings: WebSettings
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.secureCookies = CookieJar.isSecure(request, settings: settings)
        if let id = CookieJar.value(CookieJar.sessionName(secure: context.secureCookies), in: request) {
            let now = now()
            if let (session, user) = try await store.session(idHash: SessionSecret.hash(id), now: now) {
                context.session = session
                context.user = user
                let slid = min(now.addingTimeInterval(settings.sessionIdleTimeout), session.createdAt.addingTimeInterval(settings.sessionLifetime))
                if slid.timeIntervalSince(session.expiresAt) > 60 { try await store.touchSession(idHash: session.idHash, expiresAt: slid) }
            }
        }
        context.language = Language.negotiate(userChoice: context.user?.language, acceptLanguage: request.headers[.acceptLanguage])
        return try await next(request, context)
    }
}

/// Sends anyone not signed in to `/login`, remembering where they were going.
struct RequireSignInMiddleware<Parent: ClientAddressRequestContext>: RouterMiddleware {
    typealias Context = WebRequestContext<Parent>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.user != nil else {
            let target = request.method == .get ? request.uri.description : "/"
            let encoded = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_.~"))) ?? "/"
            return WebRedirect(location: "/login?next=\(encoded)").response
        }
        return try await next(request, context)
    }
}
