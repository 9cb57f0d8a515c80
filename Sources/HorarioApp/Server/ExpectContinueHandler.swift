import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` (RFC 9110 §10.1.1) with an interim 100 as soon as the
/// request head arrives. Without it, clients that ask (curl for large bodies, litmus, some
/// CalDAV clients) wait about a second before sending the body.
final class ExpectContinueHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var part = unwrapInboundIn(data)
        if case .head(var head) = part, let expect = head.headerFields[.expect], expect.lowercased() == "100-continue" {
            head.headerFields[.expect] = nil
            part = .head(head)
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelRead(wrapInboundOut(part))
    }
}
