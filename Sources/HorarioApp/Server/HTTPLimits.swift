import Hummingbird
public import HummingbirdCore
public import NIOCore

/// The HTTP/1.1 server's limits against slow and oversized requests.
public enum HTTPLimits {
    /// Bytes of the request target and all header names and values together; beyond it, 431.
    public static let maxHeaderBytes = 16 * 1024
    /// Header fields per request; beyond it, 431.
    public static let maxHeaderFields = 200

    /// HTTP/1.1 with the limits: a connection that sends no complete request head within
    /// `idleTimeout` of opening or of its previous answer is closed — a client that sends a
    /// byte a second (or nothing) holds a descriptor that long at most.
    public static func http1(idleTimeout: TimeAmount) -> HTTPServerBuilder {
        .http1(
            configuration: .init(
                additionalChannelHandlers: [HeaderSizeLimitHandler(), ExpectContinueHandler()],
                idleTimeout: idleTimeout,
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: maxHeaderBytes, maxHeaderListSize: maxHeaderBytes, maxHeaderFieldCount: maxHeaderFields)))
    }
}
