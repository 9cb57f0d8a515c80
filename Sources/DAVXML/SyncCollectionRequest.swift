/// A sync-collection REPORT body (RFC 6578 §3.2, §6.1): the changes since a token.
public struct SyncCollectionRequest: Sendable, Hashable {
    /// How deep to look (RFC 6578 §6.3).
    public enum SyncLevel: Sendable, Hashable {
        /// `1`: the collection's immediate members.
        case one
        /// `infinite`: every member at any depth.
        case infinite
    }

    /// The token of the last sync; empty for the initial sync (RFC 6578 §3.2).
    public var syncToken: String
    public var syncLevel: SyncLevel
    /// The most results the client wants (`<D:limit><D:nresults>`, RFC 6578 §3.7), if it said.
    public var limit: Int?
    /// The properties to report for changed members: a `<D:prop>` list, or allprop.
    public var properties: PropFindRequest

    public init(syncToken: String, syncLevel: SyncLevel = .one, limit: Int? = nil, properties: PropFindRequest) {
        self.syncToken = syncToken
        self.syncLevel = syncLevel
        self.limit = limit
        self.properties = properties
    }

    /// Reads a `<D:sync-collection>` root element. A missing `<D:sync-token>` counts as the
    /// initial sync and a missing `<D:sync-level>` as `1`, which older clients relied on.
    public init(_ root: XMLElement) throws(DAVXMLError) {
        try RequestBodyRules.requireRoot(root, XMLName.DAV.syncCollection)
        self.syncToken = root.first(XMLName.DAV.syncToken).map { $0.text.trimmingXMLWhitespace() } ?? ""
        switch root.first(XMLName.DAV.syncLevel).map({ $0.text.trimmingXMLWhitespace() }) {
        case nil, "1": self.syncLevel = .one
        case "infinite", "infinity": self.syncLevel = .infinite  // "infinity" as in the Depth header: a common slip.
        case let other?: throw DAVXMLError("\(XMLName.DAV.syncLevel) must be 1 or infinite, not \"\(other)\"")
        }
        self.limit = try root.first(XMLName.DAV.limit).map { (limit) throws(DAVXMLError) in try Self.resultLimit(in: limit) }
        self.properties = PropFindRequest(kind: try PropFindRequest.kind(in: root, allowingPropertyNames: false))
    }

    /// The positive `<D:nresults>` of a `<D:limit>` (RFC 5323 §5.17).
    private static func resultLimit(in limit: XMLElement) throws(DAVXMLError) -> Int {
        guard let nresults = limit.first(XMLName.DAV.nresults) else {
            throw DAVXMLError("\(XMLName.DAV.limit) must contain \(XMLName.DAV.nresults)")
        }
        let text = nresults.text.trimmingXMLWhitespace()
        guard let count = Int(text), count > 0 else {
            throw DAVXMLError("\(XMLName.DAV.nresults) must be a positive integer, not \"\(text)\"")
        }
        return count
    }
}

extension String {
    /// Without leading and trailing XML white space (space, tab, line feed, carriage return).
    func trimmingXMLWhitespace() -> String {
        let isXMLWhitespace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isXMLWhitespace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isXMLWhitespace($0) })!
        return String(scalars[first...last])
    }
}
