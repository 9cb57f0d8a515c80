public import Auth
public import Foundation
public import Hummingbird
import Logging
import NIOCore
public import Store

extension AdminAPI {
    /// The whole HTTP surface on one router: health check, then `/api` behind authentication.
    /// Errors anywhere become problem+json; every request is logged with its status and time.
    ///
    /// ```swift
    /// let router = AdminAPI.buildRouter(store: database, hasher: PasswordHasher(), cache: CredentialCache())
    /// let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
    /// ```
    /// - Parameters:
    ///   - metrics: when given (and bootstrapped as the process's `MetricsSystem`), every
    ///     request is counted and timed, and `GET /metrics` renders the Prometheus text format.
    ///   - now: the clock of the booking rules; tests fix it.
    public static func buildRouter(
        store: some HorarioStore, hasher: PasswordHasher, cache: CredentialCache, metrics: ServerMetrics? = nil,
        now: @escaping @Sendable () -> Date = Date.init
    ) -> Router<AppRequestContext> {
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
        router.add(middleware: ProblemDetailsMiddleware())
        router.get("healthz") { _, _ in "ok\n" }
        OpenAPIDocument.addRoute(to: router)
        addPublicRoutes(to: router.group("api/public"), store: store, now: now)
        let api = router.group("api")
            .add(middleware: AuthenticationMiddleware(users: store, hasher: hasher, cache: cache))
            .add(middleware: RequireIdentityMiddleware())
        addRoutes(to: api, store: store, now: now)
        return router
    }
}
