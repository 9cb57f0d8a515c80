public import Foundation

/// How the web UI is reached, which decides its cookies and its same-origin checks.
public struct WebSettings: Sendable {
    /// The address users open (`HORARIO_PUBLIC_URL`, `serve --public-url`); nil when they open
    /// the listening address directly.
    public var publicURL: URL?
    /// Whether a reverse proxy in front sets `X-Forwarded-For` and `X-Forwarded-Proto` honestly
    /// (`serve --trust-proxy`). Without it those headers are ignored: any client can send them.
    public var trustProxy: Bool
    /// Whether the server listens on a loopback address, where browsers keep Secure cookies
    /// even over plain HTTP.
    public var listensOnLoopback: Bool
    /// A session unused this long is over.
    public var sessionIdleTimeout: TimeInterval
    /// A session is over this long after sign-in, however much it is used.
    public var sessionLifetime: TimeInterval

    public init(
        publicURL: URL? = nil, trustProxy: Bool = false, listensOnLoopback: Bool = true, sessionIdleTimeout: TimeInterval = 12 * 3600,
        sessionLifetime: TimeInterval = 14 * 86_400
    ) {
        self.publicURL = publicURL
        self.trustProxy = trustProxy
        self.listensOnLoopback = listensOnLoopback
        self.sessionIdleTimeout = sessionIdleTimeout
        self.sessionLifetime = sessionLifetime
    }

    /// Whether a host name or address is loopback (`localhost`, 127.0.0.0/8, `::1`).
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare.hasSuffix(".localhost") || bare.hasPrefix("127.") || bare == "::1"
    }
}
