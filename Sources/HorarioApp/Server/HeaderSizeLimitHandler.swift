import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers 431 Request Header Fields Too Large (RFC 6585 §5) when a request head is over the
/// HTTP decoder's limit (``HTTPLimits/maxHeaderBytes``), and closes the connection; the request
/// never reaches the router. The decoder throws `HTTPParserError.headerOverflow` as soon as the
/// limit is passed, so an oversize head is never buffered; without this handler Hummingbird
/// would answer that error with a 400.
///
/// The connection is half-closed (FIN after the answer) and what the client still sends is read
/// and dropped for a moment: closing with unread bytes makes the kernel send a reset, which can
/// destroy the 431 before the client reads it.
final class HeaderSizeLimitHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let linger: TimeAmount
    /// Between a head passed on and its end: an overflow now is in trailers, the route's to report.
    private var readingRequest = false
    /// Heads passed on whose answer has not been written to its end.
    private var answersOwed = 0
    /// An overflow in a pipelined head while an earlier answer is being written: reject after it.
    private var pendingReject = false
    private var rejected = false
    private var lingerTimer: Scheduled<Void>?

    init(linger: TimeAmount = .seconds(2)) {
        self.linger = linger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if rejected || pendingReject { return }
        switch unwrapInboundIn(data) {
        case .head:
            readingRequest = true
            answersOwed += 1
        case .body:
            break
        case .end:
            readingRequest = false
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Once answered, the decoder reports every dropped byte as an error: ignore them.
        if rejected || pendingReject { return }
        if case .headerOverflow? = error as? HTTPParserError, !readingRequest {
            if answersOwed == 0 { reject(context: context) } else { pendingReject = true }
            return
        }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var isEnd = false
        if case .end = unwrapOutboundIn(data) { isEnd = true }
        context.write(data, promise: promise)
        guard isEnd else { return }
        answersOwed = max(0, answersOwed - 1)
        if pendingReject, answersOwed == 0 { reject(context: context) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        lingerTimer?.cancel()
        lingerTimer = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        lingerTimer?.cancel()
        lingerTimer = nil
    }

    private func reject(context: ChannelHandlerContext) {
        pendingReject = false
        rejected = true
        let head = HTTPResponse(status: .requestHeaderFieldsTooLarge, headerFields: [.connection: "close", .contentLength: "0"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(mode: .output, promise: nil)
        lingerTimer = context.eventLoop.assumeIsolated().scheduleTask(in: linger) {
            context.close(promise: nil)
        }
    }
}

@available(*, unavailable)
extension HeaderSizeLimitHandler: Sendable {}
