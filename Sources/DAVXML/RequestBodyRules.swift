/// Checks shared by the typed request bodies.
enum RequestBodyRules {
    /// Throws unless `root` is one of `expected`, naming what was found instead.
    static func requireRoot(_ root: XMLElement, _ expected: XMLName...) throws(DAVXMLError) {
        guard !expected.contains(root.name) else { return }
        let wanted = expected.map { "\($0)" }.joined(separator: " or ")
        throw DAVXMLError("Expected a \(wanted) body, found \(root.name)")
    }

    /// The property elements of the `<D:prop>` inside a `<D:set>` (RFC 4918 §14.26), each carrying
    /// the `xml:lang` in scope so that a dead property keeps its language (RFC 4918 §4.3).
    static func propertiesToSet(in set: XMLElement, language: String?) throws(DAVXMLError) -> [XMLElement] {
        let language = set.attributes[XMLName.xmlLang] ?? language
        let props = set.all(XMLName.DAV.prop)
        guard !props.isEmpty else { throw DAVXMLError("\(set.name) must contain a \(XMLName.DAV.prop)") }
        var properties: [XMLElement] = []
        for prop in props {
            let language = prop.attributes[XMLName.xmlLang] ?? language
            for var property in prop.elements {
                if let language, property.attributes[XMLName.xmlLang] == nil { property.attributes[XMLName.xmlLang] = language }
                properties.append(property)
            }
        }
        return properties
    }
}
