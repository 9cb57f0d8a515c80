public import Auth
public import Connections
public import Foundation
import HTTPTypes
public import Hummingbird
import ICalendar
public import Store

/// The web UI: server-rendered pages for experts and clinic admins, signed in by a session
/// cookie. It mounts beside the JSON API and the CalDAV server (which keep Basic and Bearer and
/// never read the cookie) on the application's router.
///
/// ```swift
/// let web = try WebUI(store: database, hasher: PasswordHasher(), settings: WebSettings(), connections: engine)
/// web.addRoutes(to: router)
/// ```
public struct WebUI<Repository: HorarioStore>: Sendable {
    let store: Repository
    let hasher: PasswordHasher
    let cache: CredentialCache?
    let settings: WebSettings
    let renderer: PageRenderer
    let assets: StaticAssets
    let throttle: LoginThrottle
    let connections: ConnectionEngine
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - cache: the API's verified-credential cache, emptied for a user whose password changes here.
    ///   - now: the clock of sessions and of the booking rules the troubleshooter applies; tests fix it.
    public init(
        store: Repository, hasher: PasswordHasher, cache: CredentialCache? = nil, settings: WebSettings = WebSettings(),
        connections: ConnectionEngine, now: @escaping @Sendable () -> Date = Date.init
    ) throws {
        self.connections = connections
        self.store = store
        self.hasher = hasher
        self.cache = cache
        self.settings = settings
        self.renderer = try PageRenderer()
        self.assets = try StaticAssets()
        self.throttle = LoginThrottle()
        self.now = now
    }

    /// Adds `/static/…`, `/login`, `/logout`, `/` and every signed-in page to `router`.
    public func addRoutes<Parent: ClientAddressRequestContext>(to router: Router<Parent>) {
        let assets = self.assets
        router.get("static/:name") { request, context in
            assets.response(name: context.parameters.get("name") ?? "", request: request)
        }
        let web = router.group("", context: WebRequestContext<Parent>.self)
            .add(middleware: SecurityHeadersMiddleware())
            .add(middleware: SessionMiddleware(store: store, settings: settings, now: now))
            .add(middleware: WebErrorMiddleware(renderer: renderer, assetVersion: assets.version))
            .add(middleware: CSRFMiddleware(settings: settings))
        web.get { _, context in
            WebRedirect(location: context.user == nil ? "/login" : "/availability/schedules").response
        }
        SignInPages(kit: kit, store: store, hasher: hasher, throttle: throttle, settings: settings, now: now).addRoutes(to: web)
        let signedIn = web.group().add(middleware: RequireSignInMiddleware())
        SchedulePages(kit: kit, store: store, now: now).addRoutes(to: signedIn)
        EventTypePages(kit: kit, store: store).addRoutes(to: signedIn)
        AppointmentPages(kit: kit, store: store, connections: connections, now: now).addRoutes(to: signedIn)
        CalendarPage(kit: kit, store: store, now: now).addRoutes(to: signedIn)
        ConnectionPages(kit: kit, engine: connections, now: now).addRoutes(to: signedIn)
        LimitsPage(kit: kit, store: store).addRoutes(to: signedIn)
        TroubleshootPage(kit: kit, store: store, now: now).addRoutes(to: signedIn)
        OrganizationPages(kit: kit, store: store).addRoutes(to: signedIn)
        AccountPages(kit: kit, store: store, hasher: hasher, cache: cache, settings: settings, now: now).addRoutes(to: signedIn)
        // Last: `/{username}` and `/{username}/{slug}` must not shadow the pages above (the
        // router prefers literal segments anyway, and such usernames are refused).
        PublicPages(kit: kit, store: store, connections: connections, now: now).addRoutes(to: web)
    }

    var kit: PageKit { PageKit(renderer: renderer, assetVersion: assets.version) }
}

/// What every page controller needs to render: the templates and the assets' version.
struct PageKit: Sendable {
    let renderer: PageRenderer
    let assetVersion: String

    func chrome(
        _ context: WebRequestContext<some ClientAddressRequestContext>, _ request: Request, _ section: Section, title: String, csrf: String? = nil
    ) -> Chrome {
        Chrome.make(context, request: request, section: section, title: title, assetVersion: assetVersion, csrf: csrf)
    }

    func page(_ name: String, _ model: some Sendable, status: HTTPResponse.Status = .ok) -> Response {
        renderer.page(name, model, status: status)
    }

    /// The CSRF token for a page's forms: the session's when signed in, else a new one the
    /// response must also set as the pre-session form cookie (`cookie`).
    func formToken(_ context: WebRequestContext<some ClientAddressRequestContext>) -> (token: String, cookie: HTTPField?) {
        if let session = context.session { return (session.csrfToken, nil) }
        let token = SessionSecret.generate()
        let secure = context.secureCookies
        return (
            token,
            HTTPField(
                name: .setCookie, value: CookieJar.setCookie(CookieJar.formCSRFName(secure: secure), value: token, maxAge: 3600, secure: secure))
        )
    }
}
