public import Hummingbird
public import Store

/// A request context that can carry the user a request was authenticated as.
///
/// ``AuthenticationMiddleware`` fills ``identity``; routes that need a user sit behind
/// ``RequireIdentityMiddleware`` or read it themselves. nil means "anonymous", which public
/// routes (booking pages, `/healthz`) accept.
public protocol AuthenticatedRequestContext: RequestContext {
    /// The authenticated user, or nil for an anonymous request.
    var identity: User? { get set }
}
