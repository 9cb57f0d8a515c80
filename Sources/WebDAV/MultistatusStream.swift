public import DAVXML
public import HTTPTypes
public import Hummingbird

/// A 207 Multi-Status answer written response by response, for answers of thousands of
/// responses (a calendar's listing, an initial sync) where building ``DAVResponse`` trees first
/// would cost more than writing them. Responses built as trees and responses written through
/// ``writer`` (e.g. from an ``XMLTemplate``) mix freely; the bytes equal those of
/// ``Multistatus`` with the same responses.
public final class MultistatusStream {
    /// Where the responses go.
    public let writer: XMLStreamWriter

    /// - Parameter expectedResponses: sizes the buffer (a few hundred bytes per response).
    public init(expectedResponses: Int) {
        writer = XMLStreamWriter(root: XMLName.DAV.multistatus, capacity: 256 + 512 * expectedResponses)
    }

    /// A response built as a tree (errors, 404s, resources without a faster path).
    public func append(_ response: DAVResponse) {
        writer.element(response.element)
    }

    /// The pieces of a response whose properties were all found, with a hole for the href
    /// (after `hrefPrefix`) and `properties` (pieces with holes of their own) in its one
    /// 200 propstat: what ``DAVResponse`` writes for `propStats: [PropStat(status: 200, …)]`.
    public static func foundResponsePieces(hrefPrefix: String, properties: [XMLTemplate.Piece]) -> [XMLTemplate.Piece] {
        [
            .start(XMLName.DAV.response), .start(XMLName.DAV.href), .text(hrefPrefix), .hole, .end(XMLName.DAV.href), .start(XMLName.DAV.propstat),
            .start(XMLName.DAV.prop),
        ]
            + properties
            + [
                .end(XMLName.DAV.prop), .start(XMLName.DAV.status), .text(HTTPStatusLine.line(200)), .end(XMLName.DAV.status),
                .end(XMLName.DAV.propstat), .end(XMLName.DAV.response),
            ]
    }

    /// The answer, with the RFC 6578 sync token last when given.
    public func response(syncToken: String? = nil, headers extra: HTTPFields = [:]) -> Response {
        if let syncToken { writer.element(XMLElement(XMLName.DAV.syncToken, text: syncToken)) }
        var headers = extra
        headers[.contentType] = "application/xml; charset=utf-8"
        let body = writer.finish { ByteBuffer(bytes: $0) }
        return Response(status: .multiStatus, headers: headers, body: .init(byteBuffer: body))
    }
}
