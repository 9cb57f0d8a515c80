import Auth
import Foundation
import Hummingbird
import Store

/// Refuses cross-site state changes twice over. First by where the request comes from: a
/// browser's `Sec-Fetch-Site` must say `same-origin` (or `none`, typed by the user), and
/// without it an `Origin` must name this server. Then by the synchronizer token: every POST
/// carries `_csrf`, the session's token (or, before sign-in, the pre-session form cookie's). Either
/// failing is a 403 and nothing is read further. The form is parsed here, once.
struct CSRFMiddleware<Parent: ClientAddressRequestContext>: RouterMiddleware {
    typealias Context = WebRequestContext<Parent>

    let settings: WebSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, request.method != .options else { return try await next(request, context) }
        try checkOrigin(request)
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.unsupportedMediaType, message: "forms are sent as application/x-www-form-urlencoded")
        }
        let form = FormBody(urlEncoded: String(buffer: buffer))
        let expected =
            context.session?.csrfToken ?? CookieJar.value(CookieJar.formCSRFName(secure: context.secureCookies), in: request)
        guard let expected, let presented = form["_csrf"], SessionSecret.matches(presented, expected) else {
            throw WebForbidden(reason: "csrf")
        }
        var context = context
        context.form = form
        return try await next(request, context)
    }

    private func checkOrigin(_ request: Request) throws {
        if let site = request.headers[.secFetchSite]?.lowercased() {
            guard site == "same-origin" || site == "none" else { throw WebForbidden(reason: "cross-site") }
            return
        }
        guard let origin = request.headers[.origin] else { return }
        guard let url = URL(string: origin), let host = url.host else { throw WebForbidden(reason: "origin") }
        let originAuthority = url.port.map { "\(host):\($0)" } ?? host
        let expected: String? =
            if let publicURL = settings.publicURL, let publicHost = publicURL.host {
                publicURL.port.map { "\(publicHost):\($0)" } ?? publicHost
            } else {
                request.head.authority
            }
        guard let expected, originAuthority.lowercased() == expected.lowercased() else { throw WebForbidden(reason: "origin") }
    }
}
