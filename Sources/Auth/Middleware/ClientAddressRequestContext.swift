public import Hummingbird

/// A request context that knows the address of the peer on the socket, for per-client limits
/// (failed sign-ins). Behind a reverse proxy this is the proxy; the web UI reads
/// `X-Forwarded-For` only when told the proxy is trusted.
public protocol ClientAddressRequestContext: RequestContext {
    /// The peer's IP address, or nil where there is no socket (in-process tests).
    var peerAddress: String? { get }
}
