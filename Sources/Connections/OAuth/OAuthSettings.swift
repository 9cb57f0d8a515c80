public import Foundation
public import Store

/// The OAuth clients the operator registered, and where each provider lives. A provider
/// without a client id is offered nowhere. The base URLs default to the real services; tests
/// point them at a contract server (`HORARIO_GOOGLE_BASE_URL`, `HORARIO_MICROSOFT_BASE_URL`).
public struct OAuthSettings: Sendable {
    public struct Client: Sendable {
        public var id: String
        public var secret: String

        public init(id: String, secret: String) {
            self.id = id
            self.secret = secret
        }
    }

    public var google: Client?
    public var microsoft: Client?
    /// The server's public address: redirect URIs are built from it, never from a request's Host.
    public var publicURL: URL?
    /// `https://accounts.google.com`-style roots, replaced as a whole by the test override.
    public var googleBase: URL?
    public var microsoftBase: URL?

    public init(google: Client? = nil, microsoft: Client? = nil, publicURL: URL? = nil, googleBase: URL? = nil, microsoftBase: URL? = nil) {
        self.google = google
        self.microsoft = microsoft
        self.publicURL = publicURL
        self.googleBase = googleBase
        self.microsoftBase = microsoftBase
    }

    /// From `HORARIO_GOOGLE_CLIENT_ID`/`_SECRET`, `HORARIO_MICROSOFT_CLIENT_ID`/`_SECRET` and the
    /// base URL overrides; `publicURL` is `serve`'s.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment, publicURL: URL?) -> OAuthSettings {
        func client(_ prefix: String) -> Client? {
            guard let id = environment["HORARIO_\(prefix)_CLIENT_ID"], !id.isEmpty else { return nil }
            return Client(id: id, secret: environment["HORARIO_\(prefix)_CLIENT_SECRET"] ?? "")
        }
        return OAuthSettings(
            google: client("GOOGLE"), microsoft: client("MICROSOFT"), publicURL: publicURL,
            googleBase: environment["HORARIO_GOOGLE_BASE_URL"].flatMap(URL.init(string:)),
            microsoftBase: environment["HORARIO_MICROSOFT_BASE_URL"].flatMap(URL.init(string:)))
    }

    /// Where one provider's flow and API live, with its client; nil when not configured.
    public func endpoints(_ provider: CalendarProviderKind) -> OAuthEndpoints? {
        switch provider {
        case .google:
            guard let google else { return nil }
            let accounts = googleBase ?? URL(string: "https://accounts.google.com")!
            let oauth = googleBase ?? URL(string: "https://oauth2.googleapis.com")!
            let api = googleBase ?? URL(string: "https://www.googleapis.com")!
            return OAuthEndpoints(
                provider: provider, client: google, authorize: accounts.appending(path: "o/oauth2/v2/auth"), token: oauth.appending(path: "token"),
                revoke: oauth.appending(path: "revoke"), api: api.appending(path: "calendar/v3"),
                scopes: [
                    "openid", "email", "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
                    "https://www.googleapis.com/auth/calendar.events.freebusy", "https://www.googleapis.com/auth/calendar.events",
                ],
                redirect: redirectURI(provider))
        case .outlook, .office365:
            guard let microsoft else { return nil }
            // One registration serves both: personal accounts sign in at `consumers`, work ones at `organizations`.
            let tenant = provider == .outlook ? "consumers" : "organizations"
            let login = (microsoftBase ?? URL(string: "https://login.microsoftonline.com")!).appending(path: tenant)
            let graph = (microsoftBase ?? URL(string: "https://graph.microsoft.com")!).appending(path: "v1.0")
            return OAuthEndpoints(
                provider: provider, client: microsoft, authorize: login.appending(path: "oauth2/v2.0/authorize"),
                token: login.appending(path: "oauth2/v2.0/token"), revoke: nil, api: graph,
                scopes: ["offline_access", "openid", "email", "User.Read", "Calendars.ReadWrite"], redirect: redirectURI(provider))
        case .apple, .caldav:
            return nil
        }
    }

    func redirectURI(_ provider: CalendarProviderKind) -> URL {
        let base = publicURL ?? URL(string: "http://127.0.0.1:8080/")!
        return base.appending(path: "api/availability/calendars/callback/\(provider.rawValue)")
    }

    /// The providers offered on this server.
    public var configuredProviders: [CalendarProviderKind] {
        [.google, .outlook, .office365].filter { endpoints($0) != nil }
    }

    /// Provider hosts are the operator's choice, so they pass the address policy (a contract server on 127.0.0.1).
    var trustedHosts: Set<String> {
        Set([googleBase, microsoftBase].compactMap { url in url.flatMap { $0.host }.map { host in url?.port.map { "\(host):\($0)" } ?? host } })
    }
}

/// One OAuth provider's endpoints, client and scopes.
public struct OAuthEndpoints: Sendable {
    public var provider: CalendarProviderKind
    public var client: OAuthSettings.Client
    public var authorize: URL
    public var token: URL
    /// Google's; Microsoft has no per-app revocation.
    public var revoke: URL?
    /// Google Calendar API v3, or Microsoft Graph v1.0.
    public var api: URL
    public var scopes: [String]
    public var redirect: URL
}
