import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A minimal HTTP/1.1 client over NIO, one connection per request, that sends exactly the
/// method, headers and bytes it is given: no redirects followed, no credentials retried, no
/// `Expect: 100-continue`, any method name (PROPFIND, REPORT, MKCALENDAR…). The CalDAV tests
/// need all of that to see what a real client would see.
struct HTTPTestClient: Sendable {
    let port: Int

    /// Sends one request and reads the whole answer. A body is sent in 1 MiB chunks, so large
    /// bodies stream; the server may answer before it has read them all.
    func execute(method: String, path: String, headers: [(String, String)], body: [UInt8]?) async throws -> HTTPAnswer {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: path)
            head.headers.add(name: "Host", value: "127.0.0.1:\(port)")
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            if let body { head.headers.replaceOrAdd(name: "Content-Length", value: String(body.count)) }
            try await outbound.write(.head(head))
            if let body {
                var offset = 0
                while offset < body.count {
                    let end = min(offset + (1 << 20), body.count)
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body[offset..<end]))))
                    offset = end
                }
            }
            try await outbound.write(.end(nil))
            var responseHead: HTTPResponseHead?
            var received = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let value): responseHead = value
                case .body(var chunk): received.writeBuffer(&chunk)
                case .end:
                    guard let responseHead else { throw HTTPTestClientError.noResponseHead }
                    return HTTPAnswer(
                        status: Int(responseHead.status.code), headers: responseHead.headers.map { ($0.name, $0.value) },
                        body: Array(received.readableBytesView))
                }
            }
            throw HTTPTestClientError.connectionClosedEarly
        }
    }
}

enum HTTPTestClientError: Error {
    case noResponseHead
    case connectionClosedEarly
}

/// A response as the client saw it.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? { headerValues(name).first }

    /// Every value of a header, in order.
    func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }
}
