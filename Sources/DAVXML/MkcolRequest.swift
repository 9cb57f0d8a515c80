/// The body of an extended MKCOL (RFC 5689 §5.1, `<D:mkcol>`) or of a MKCALENDAR (RFC 4791
/// §5.3.1, `<C:mkcalendar>`): properties to set on the new collection.
public struct MkcolRequest: Sendable, Hashable {
    /// Every property element inside `<D:set><D:prop>`, in document order, including
    /// `<D:resourcetype>` when present; each carries the `xml:lang` in scope.
    public var properties: [XMLElement]
    /// The children of a `<D:resourcetype>` property, e.g. `{DAV:}collection` and
    /// `{urn:ietf:params:xml:ns:caldav}calendar`; empty when none was set.
    public var resourceTypes: [XMLName]

    public init(properties: [XMLElement] = [], resourceTypes: [XMLName] = []) {
        self.properties = properties
        self.resourceTypes = resourceTypes
    }

    /// Reads a `<D:mkcol>` or `<C:mkcalendar>` root element.
    public init(_ root: XMLElement) throws(DAVXMLError) {
        try RequestBodyRules.requireRoot(root, XMLName.DAV.mkcol, XMLName.CalDAV.mkcalendar)
        let language = root.attributes[XMLName.xmlLang]
        var properties: [XMLElement] = []
        for instruction in root.elements {
            switch instruction.name {
            case XMLName.DAV.set:
                properties += try RequestBodyRules.propertiesToSet(in: instruction, language: language)
            case XMLName.DAV.remove:
                throw DAVXMLError("\(root.name) can only set properties, not remove them")
            default:
                continue  // Unknown elements are ignored (RFC 4918 §17).
            }
        }
        self.properties = properties
        self.resourceTypes = properties.first { $0.name == XMLName.DAV.resourcetype }?.elements.map(\.name) ?? []
    }
}
