import Hummingbird

/// The headers of every web UI response: a strict Content-Security-Policy (our own script and
/// stylesheet only; no inline code, no third party), no framing, no sniffing, no referrer
/// outside the site.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        // A page may ask for less (`no-referrer` where the URL holds a booking's token).
        if response.headers[.referrerPolicy] == nil { response.headers[.referrerPolicy] = "same-origin" }
        response.headers[.permissionsPolicy] = "camera=(), microphone=(), geolocation=()"
        return response
    }
}
