import Foundation
import HTTPTypes
import Hummingbird

/// The web UI's cookies: the session and, before sign-in, the CSRF token of the sign-in form.
///
/// When the browser keeps Secure cookies (HTTPS, or a loopback address, which browsers treat
/// as a secure context) they get `Secure` and the `__Host-` prefix, which also forbids a
/// `Domain`, so no other host can plant or read them. All are HttpOnly and SameSite=Lax:
/// links from e-mail still arrive signed in, cross-site POSTs arrive without them.
enum CookieJar {
    static func sessionName(secure: Bool) -> String { secure ? "__Host-horario_session" : "horario_session" }
    /// The CSRF token of forms shown before sign-in: the sign-in form and the public booking pages.
    static func formCSRFName(secure: Bool) -> String { secure ? "__Host-horario_form" : "horario_form" }

    /// The value of cookie `name` in the request's `Cookie` headers.
    static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name {
                    return pair[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// A `Set-Cookie` value; `maxAge` 0 deletes the cookie.
    static func setCookie(_ name: String, value: String, maxAge: Int, secure: Bool) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "Max-Age=\(maxAge)", "HttpOnly", "SameSite=Lax"]
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    /// Whether cookies for this request get `Secure`: the public URL is HTTPS, a trusted proxy
    /// says the client used HTTPS, or the browser talks to a loopback address.
    static func isSecure(_ request: Request, settings: WebSettings) -> Bool {
        if let url = settings.publicURL {
            if url.scheme == "https" { return true }
            if let host = url.host, WebSettings.isLoopback(host) { return true }
            return settings.trustProxy && request.headers[.xForwardedProto]?.lowercased() == "https"
        }
        if settings.trustProxy, request.headers[.xForwardedProto]?.lowercased() == "https" { return true }
        return settings.listensOnLoopback
    }
}

extension HTTPField.Name {
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}
