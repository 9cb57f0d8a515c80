public import Auth
public import Hummingbird
import Logging
public import Store

extension AdminAPI {
    /// The whole HTTP surface on one router: health check, then `/api` behind authentication.
    /// Errors anywhere become problem+json; every request is logged with its status and time.
    ///
    /// ```swift
    /// let router = AdminAPI.buildRouter(store: database, hasher: PasswordHasher(), cache: CredentialCache())
    /// let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
    /// ```
    public static func buildRouter(store: some HorarioStore, hasher: PasswordHasher, cache: CredentialCache) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: ProblemDetailsMiddleware())
        router.get("healthz") { _, _ in "ok\n" }
        OpenAPIDocument.addRoute(to: router)
        let api = router.group("api")
            .add(middleware: AuthenticationMiddleware(users: store, hasher: hasher, cache: cache))
            .add(middleware: RequireIdentityMiddleware())
        addRoutes(to: api, store: store)
        return router
    }
}
