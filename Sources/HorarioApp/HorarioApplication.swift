public import AdminAPI
public import Auth
public import CalDAV
public import Connections
public import Foundation
public import Hummingbird
import NIOCore
public import Store
public import WebUI

/// The composition root: one router on which the server-wide parts are set up once — the
/// request log, metrics, health, the rendering of errors — and the admin API and the CalDAV
/// server each mount their routes as siblings. `horario serve` and the tests build the same.
///
/// ```swift
/// let router = HorarioApplication.router(store: database, hasher: PasswordHasher(), cache: CredentialCache())
/// ```
public enum HorarioApplication {
    /// Every route of the server.
    /// - Parameters:
    ///   - metrics: when given (and bootstrapped as the process's `MetricsSystem`), every
    ///     request is counted and timed, and `GET /metrics` renders the Prometheus text format.
    ///   - now: the clock of the booking rules; tests fix it.
    ///   - davLimits: the sizes the CalDAV server accepts and advertises.
    ///   - web: how the web UI is reached (public URL, proxy), which decides its cookies.
    ///   - connections: the calendar connections engine; without one (tests), an engine whose
    ///     secrets key lives only in memory.
    public static func router(
        store: some HorarioStore & DAVStore, hasher: PasswordHasher, cache: CredentialCache, metrics: ServerMetrics? = nil,
        now: @escaping @Sendable () -> Date = Date.init, davLimits: CalDAVServer.Limits = .init(), web: WebSettings = WebSettings(),
        connections: ConnectionEngine? = nil
    ) -> Router<AppRequestContext> {
        let connections =
            connections
            ?? ConnectionEngine(
                store: store, vault: CredentialVault(box: SecretBox(keys: [SecretBox.Key(id: 1, bytes: SecureRandom.bytes(count: 32))!])),
                addresses: .fromEnvironment())
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        if let metrics {
            router.add(middleware: MetricsMiddleware())
            router.get("metrics") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(bytes: metrics.render())))
            }
        }
        // Errors outside the DAV tree (which renders its own `<D:error>`) are problem+json.
        router.add(middleware: ProblemDetailsMiddleware())
        router.get("healthz") { _, _ in "ok\n" }
        do {
            try WebUI(store: store, hasher: hasher, cache: cache, settings: web, connections: connections, now: now).addRoutes(to: router)
        } catch {
            // The templates and static files are built into the package; without them the build is broken.
            fatalError("\(error)")
        }
        AdminAPI.mount(on: router, store: store, hasher: hasher, cache: cache, connections: connections, now: now)
        CalDAVServer(store: store, limits: davLimits).addRoutes(to: router, hasher: hasher, cache: cache)
        return router
    }
}
