public import Auth
public import Connections
public import Foundation
public import Hummingbird
public import Store

extension AdminAPI {
    /// Adds the whole JSON API to `router`: `GET /api/openapi.json`, the public booking API under
    /// `/api/public`, and `/api` behind authentication. The application around it sets up the
    /// request log, metrics and the rendering of errors as problem+json (`HorarioApplication`).
    ///
    /// - Parameter now: the clock of the booking rules; tests fix it.
    public static func mount(
        on router: Router<AppRequestContext>, store: some HorarioStore, hasher: PasswordHasher, cache: CredentialCache,
        connections: ConnectionEngine, now: @escaping @Sendable () -> Date = Date.init
    ) {
        OpenAPIDocument.addRoute(to: router)
        addPublicRoutes(to: router.group("api/public"), store: store, connections: connections, now: now)
        let api = router.group("api")
            .add(middleware: AuthenticationMiddleware(users: store, hasher: hasher, cache: cache))
            .add(middleware: RequireIdentityMiddleware())
        addRoutes(to: api, store: store, connections: connections, now: now)
    }
}
