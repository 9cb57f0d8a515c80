public import DAVXML
public import HTTPTypes
public import Hummingbird

/// A 207 Multi-Status answer written response by response, for answers of thousands of
/// responses (a calendar's listing, an initial sync) where building ``DAVResponse`` trees first
/// would cost more than writing. The bytes equal those of ``Multistatus`` with the same
/// responses, which the tests check.
public final class MultistatusStream {
    /// Where the responses go; ``appendFound(href:properties:)`` hands it to the caller.
    public let writer: XMLStreamWriter

    /// - Parameter expectedResponses: sizes the buffer (a few hundred bytes per response).
    public init(expectedResponses: Int) {
        writer = XMLStreamWriter(root: XMLName.DAV.multistatus, capacity: 256 + 512 * expectedResponses)
    }

    /// A response built as a tree (errors, 404s, resources without a fast path).
    public func append(_ response: DAVResponse) {
        writer.element(response.element)
    }

    /// A response whose asked properties were all found: one 200 propstat, whose `<D:prop>`
    /// content `properties` writes.
    public func appendFound(href: String, properties: (XMLStreamWriter) throws -> Void) rethrows {
        try appendFound(hrefPrefix: href, hrefRest: "", properties: properties)
    }

    /// ``appendFound(href:properties:)`` for the href `hrefPrefix + hrefRest`, e.g. a
    /// collection's href and a member's encoded name, without joining them first.
    public func appendFound(hrefPrefix: String, hrefRest: String, properties: (XMLStreamWriter) throws -> Void) rethrows {
        let tags = foundTags ?? FoundTags(writer)
        foundTags = tags
        writer.start(tags.response)
        writer.start(tags.href)
        writer.text(hrefPrefix)
        writer.text(hrefRest)
        writer.end(tags.href)
        writer.start(tags.propstat)
        writer.start(tags.prop)
        try properties(writer)
        writer.end(tags.prop)
        writer.element(tags.status, text: Self.okStatusLine)
        writer.end(tags.propstat)
        writer.end(tags.response)
    }

    /// The tags of a found response, rendered at the first one (so in document order).
    private struct FoundTags {
        let response, href, propstat, prop, status: XMLStreamWriter.Tag

        init(_ writer: XMLStreamWriter) {
            response = writer.tag(XMLName.DAV.response)
            href = writer.tag(XMLName.DAV.href)
            propstat = writer.tag(XMLName.DAV.propstat)
            prop = writer.tag(XMLName.DAV.prop)
            status = writer.tag(XMLName.DAV.status)
        }
    }

    private var foundTags: FoundTags?

    /// The answer, with the RFC 6578 sync token last when given.
    public func response(syncToken: String? = nil, headers extra: HTTPFields = [:]) -> Response {
        if let syncToken { writer.element(XMLName.DAV.syncToken, text: syncToken) }
        var headers = extra
        headers[.contentType] = "application/xml; charset=utf-8"
        let body = writer.finish { ByteBuffer(bytes: $0) }
        return Response(status: .multiStatus, headers: headers, body: .init(byteBuffer: body))
    }

    private static let okStatusLine = HTTPStatusLine.line(200)
}
