public import Hummingbird

/// Answers 401, with a Basic challenge, to requests that reached it without an identity.
///
/// Put it after ``AuthenticationMiddleware`` on route groups that need a user; clients that
/// only send credentials when challenged (most CalDAV clients, `curl --anyauth`) then retry
/// with them.
public struct RequireIdentityMiddleware<Context: AuthenticatedRequestContext>: RouterMiddleware {
    private let realm: String

    /// - Parameter realm: the realm named in the challenge.
    public init(realm: String = AuthenticationChallenge.defaultRealm) {
        self.realm = realm
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.identity != nil else {
            throw AuthenticationChallenge.unauthorized(realm: realm, message: "Authentication required")
        }
        return try await next(request, context)
    }
}
