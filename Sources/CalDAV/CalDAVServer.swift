public import Auth
import DAVXML
import HTTPTypes
public import Hummingbird
import Logging
public import Store
import WebDAV

/// The CalDAV server (RFC 4791, 4918, 6578, 6638, 6764): mounts `/.well-known/caldav` and
/// every DAV method on `/dav/…` (plus PROPFIND/OPTIONS on `/`, where clients start discovery).
///
/// ```swift
/// let router = Router(context: AppRequestContext.self)
/// CalDAVServer(store: store).addRoutes(to: router, hasher: hasher, cache: cache)
/// ```
public struct CalDAVServer: Sendable {
    let store: any HorarioStore & DAVStore
    let locator: ResourceLocator
    let properties: PropertyRegistry<DAVResource>
    let limits: Limits
    let parsedObjects = ParsedObjectCache()
    let scheduler: ImplicitScheduler

    /// Sizes the server accepts and advertises.
    public struct Limits: Sendable {
        /// `max-resource-size` of calendar objects (RFC 4791 §5.2.5).
        public var maxObjectSize: Int
        /// The largest PUT body read at all (plain files too); beyond it, 413.
        public var maxBodySize: Int
        /// Most results of one sync-collection without a client limit.
        public var maxSyncResults: Int

        public init(maxObjectSize: Int = 1 << 20, maxBodySize: Int = 10 << 20, maxSyncResults: Int = 100_000) {
            self.maxObjectSize = maxObjectSize
            self.maxBodySize = maxBodySize
            self.maxSyncResults = maxSyncResults
        }
    }

    public init(store: some HorarioStore & DAVStore, limits: Limits = Limits()) {
        self.store = store
        self.locator = ResourceLocator(store: store)
        self.properties = LiveProperties.registry(store: store, limits: limits)
        self.limits = limits
        self.scheduler = ImplicitScheduler(store: store)
    }

    /// The DAV methods Horario answers; anything else on a DAV path is a 405 listing these.
    static let methods = [
        "OPTIONS", "GET", "HEAD", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "MKCOL", "MKCALENDAR", "COPY", "MOVE", "REPORT", "POST",
    ]
    static let allow = methods.joined(separator: ", ")
    /// Compliance classes of the `DAV` header (RFC 4918 §10.1, RFC 4791 §5.1, RFC 6638 §2 with
    /// implicit scheduling (`calendar-auto-schedule`),
    /// RFC 7953 §7.1, RFC 5689 §3.1, RFC 6578 §3).
    static let compliance =
        "1, 3, access-control, calendar-access, calendar-schedule, calendar-auto-schedule, calendar-availability, extended-mkcol, sync-collection"

    public func addRoutes<Context: AuthenticatedRequestContext>(to router: Router<Context>, hasher: PasswordHasher, cache: CredentialCache) {
        let dav = router.group("dav")
            .add(middleware: DAVErrorMiddleware())
            .add(middleware: AuthenticationMiddleware(users: store, hasher: hasher, cache: cache))
            .add(middleware: RequireIdentityMiddleware())
        let unknownMethods = ["LOCK", "UNLOCK", "PATCH", "ACL", "SEARCH", "BIND", "UNBIND", "REBIND", "MKWORKSPACE", "VERSION-CONTROL"]
        // OPTIONS tells what the server can do, not what is stored: clients probe it before
        // they have credentials (RFC 4918 §9.1 leaves it open; Thunderbird asks first).
        for pattern in ["dav", "dav/**", ""] {
            router.on(RouterPath(pattern), method: .options) { _, _ in
                var response = options()
                response.headers[.dav] = Self.compliance
                return response
            }
        }
        for name in Self.methods.filter({ $0 != "OPTIONS" }) + unknownMethods {
            let method = HTTPRequest.Method(name)!
            dav.on("", method: method) { request, context in try await handle(request, context: context) }
            dav.on("**", method: method) { request, context in try await handle(request, context: context) }
        }
        // Discovery (RFC 6764 §5): a permanent redirect, which TbSync needs (not 302).
        for name in ["GET", "HEAD", "PROPFIND", "OPTIONS"] {
            router.on(".well-known/caldav", method: HTTPRequest.Method(name)!) { _, _ in
                Response(status: .movedPermanently, headers: [.location: DAVPaths.root])
            }
        }
        // Clients probe the bare server URL: answer PROPFIND there as the DAV root.
        let root = router.group("")
            .add(middleware: DAVErrorMiddleware())
            .add(middleware: AuthenticationMiddleware(users: store, hasher: hasher, cache: cache))
            .add(middleware: RequireIdentityMiddleware())
        for name in ["PROPFIND", "REPORT"] {
            root.on("", method: HTTPRequest.Method(name)!) { request, context in try await handle(request, context: context) }
        }
    }

    /// One DAV request, dispatched by method.
    func handle<Context: AuthenticatedRequestContext>(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.identity else { throw DAVError(.unauthorized, "Authentication required") }
        let path = request.uri.path
        let exchange = Exchange(request: request, user: user, logger: context.logger)
        var response: Response
        switch request.method.rawValue {
        case "OPTIONS": response = options()
        case "PROPFIND": response = try await propfind(exchange, path: path)
        case "PROPPATCH": response = try await proppatch(exchange, path: path)
        case "GET": response = try await get(exchange, path: path, head: false)
        case "HEAD": response = try await get(exchange, path: path, head: true)
        case "PUT": response = try await put(exchange, path: path)
        case "DELETE": response = try await delete(exchange, path: path)
        case "MKCOL": response = try await mkcol(exchange, path: path, calendar: false)
        case "MKCALENDAR": response = try await mkcol(exchange, path: path, calendar: true)
        case "COPY": response = try await copyMove(exchange, path: path, move: false)
        case "MOVE": response = try await copyMove(exchange, path: path, move: true)
        case "REPORT": response = try await report(exchange, path: path)
        case "POST": response = try await post(exchange, path: path)
        default:
            throw DAVError.methodNotAllowed("\(request.method.rawValue) is not supported (no locking: DAV class 1 and 3 only)", allow: Self.allow)
        }
        response.headers[.dav] = Self.compliance
        return response
    }

    func options() -> Response {
        Response(status: .ok, headers: [.allow: Self.allow, .contentLength: "0"])
    }
}

/// What every method handler needs about the request.
struct Exchange: Sendable {
    let request: Request
    let user: User
    let logger: Logger

    var headers: HTTPFields { request.headers }
}
