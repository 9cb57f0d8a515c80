public import DAVXML
public import HTTPTypes
public import Hummingbird

/// Properties of one resource grouped by the status they got (RFC 4918 §14.22).
public struct PropStat: Sendable, Hashable {
    public var status: Int
    public var properties: [XMLElement]
    /// A precondition element, e.g. `<D:cannot-modify-protected-property/>`.
    public var error: XMLName?

    public init(status: Int, properties: [XMLElement], error: XMLName? = nil) {
        self.status = status
        self.properties = properties
        self.error = error
    }
}

/// One `<D:response>`: either propstats or a bare status (e.g. 404 in a multiget).
public struct DAVResponse: Sendable, Hashable {
    public var href: String
    public var propStats: [PropStat]
    public var status: Int?
    public var error: XMLName?

    public init(href: String, propStats: [PropStat]) {
        self.href = href
        self.propStats = propStats
        self.status = nil
    }

    public init(href: String, status: Int, error: XMLName? = nil) {
        self.href = href
        self.propStats = []
        self.status = status
        self.error = error
    }

    var element: XMLElement {
        var children: [XMLElement] = [.href(href)]
        if let status {
            children.append(.status(status))
            if let error { children.append(XMLElement(XMLName.DAV.error, elements: [XMLElement(error)])) }
        }
        for propStat in propStats {
            var inner: [XMLElement] = [XMLElement(XMLName.DAV.prop, elements: propStat.properties), .status(propStat.status)]
            if let error = propStat.error { inner.append(XMLElement(XMLName.DAV.error, elements: [XMLElement(error)])) }
            children.append(XMLElement(XMLName.DAV.propstat, elements: inner))
        }
        return XMLElement(XMLName.DAV.response, elements: children)
    }
}

/// A 207 Multi-Status answer (RFC 4918 §13), optionally with an RFC 6578 sync token.
public struct Multistatus: Sendable {
    public var responses: [DAVResponse]
    public var syncToken: String?

    public init(responses: [DAVResponse], syncToken: String? = nil) {
        self.responses = responses
        self.syncToken = syncToken
    }

    public var element: XMLElement {
        var children = responses.map(\.element)
        if let syncToken { children.append(XMLElement(XMLName.DAV.syncToken, text: syncToken)) }
        return XMLElement(XMLName.DAV.multistatus, elements: children)
    }

    public func response(headers extra: HTTPFields = [:]) -> Response {
        let stream = MultistatusStream(expectedResponses: responses.count)
        for response in responses { stream.append(response) }
        return stream.response(syncToken: syncToken, headers: extra)
    }
}

extension HTTPResponse.Status {
    /// 207 Multi-Status (RFC 4918 §11.1); swift-http-types has no constant for it.
    public static let multiStatus = HTTPResponse.Status(code: 207, reasonPhrase: "Multi-Status")
    /// 507 Insufficient Storage (RFC 4918 §11.5), used when a sync-collection is truncated.
    public static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
}
