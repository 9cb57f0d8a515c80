/// A PROPFIND body (RFC 4918 §9.1, §14.20): which properties the client wants.
public struct PropFindRequest: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `<D:allprop/>`: every dead property and the live ones RFC 4918 defines, plus those
        /// named by `<D:include>` (RFC 4918 §9.1, §14.8).
        case allProperties(include: [XMLName])
        /// `<D:propname/>`: the names of all properties, without values.
        case propertyNames
        /// `<D:prop>`: just these properties, in the order asked.
        case properties([XMLName])
    }

    public var kind: Kind

    public init(kind: Kind) {
        self.kind = kind
    }

    /// What an empty PROPFIND body asks for (RFC 4918 §9.1: "as if it were an allprop request").
    public static let allProperties = PropFindRequest(kind: .allProperties(include: []))

    /// Reads a `<D:propfind>` root element.
    public init(_ root: XMLElement) throws(DAVXMLError) {
        try RequestBodyRules.requireRoot(root, XMLName.DAV.propfind)
        self.kind = try Self.kind(in: root, allowingPropertyNames: true)
    }

    /// The property names inside a `<D:prop>` element, in order, each once. Used for PROPFIND
    /// and for the `<D:prop>` of REPORT bodies (RFC 4791 §7.8, §7.9; RFC 6578 §3.2).
    /// - Throws: when `prop` is missing.
    public static func properties(in prop: XMLElement?) throws(DAVXMLError) -> [XMLName] {
        guard let prop else { throw DAVXMLError("Missing \(XMLName.DAV.prop) element") }
        var seen = Set<XMLName>()
        return prop.elements.map(\.name).filter { seen.insert($0).inserted }
    }

    /// The selection in a propfind-like element: exactly one of `prop`, `allprop` (with an optional
    /// `include`) or `propname`; anything else inside is ignored (RFC 4918 §17).
    static func kind(in container: XMLElement, allowingPropertyNames: Bool) throws(DAVXMLError) -> Kind {
        let props = container.all(XMLName.DAV.prop)
        let allprop = container.first(XMLName.DAV.allprop)
        let propname = allowingPropertyNames ? container.first(XMLName.DAV.propname) : nil
        let found = [!props.isEmpty, allprop != nil, propname != nil].filter { $0 }.count
        let choices = allowingPropertyNames ? "prop, allprop or propname" : "prop or allprop"
        guard found == 1 else {
            let problem = found == 0 ? "must contain" : "must contain only one of"
            throw DAVXMLError("\(container.name) \(problem) \(choices)")
        }
        if allprop != nil {
            let include = try container.first(XMLName.DAV.include).map { (include) throws(DAVXMLError) in try properties(in: include) } ?? []
            return .allProperties(include: include)
        }
        if propname != nil { return .propertyNames }
        // Several <D:prop> elements are not in the DTD, but their union is the only sensible reading.
        return .properties(try properties(in: XMLElement(XMLName.DAV.prop, elements: props.flatMap(\.elements))))
    }
}
