/// A PROPPATCH body (RFC 4918 §9.2, §14.19): property changes to apply in document order, all
/// or none.
public struct PropertyUpdateRequest: Sendable, Hashable {
    public enum Operation: Sendable, Hashable {
        /// Set a property to this element: its name is the property's name, and the whole element
        /// (text, child elements, attributes, the `xml:lang` in scope) is the value to store.
        case set(XMLElement)
        /// Remove the property with this name.
        case remove(XMLName)
    }

    public var operations: [Operation]

    public init(operations: [Operation]) {
        self.operations = operations
    }

    /// Reads a `<D:propertyupdate>` root element: each property inside a `<D:set><D:prop>` or
    /// `<D:remove><D:prop>` is one operation.
    public init(_ root: XMLElement) throws(DAVXMLError) {
        try RequestBodyRules.requireRoot(root, XMLName.DAV.propertyupdate)
        let language = root.attributes[XMLName.xmlLang]
        var operations: [Operation] = []
        for instruction in root.elements {
            switch instruction.name {
            case XMLName.DAV.set:
                operations += try RequestBodyRules.propertiesToSet(in: instruction, language: language).map(Operation.set)
            case XMLName.DAV.remove:
                let props = instruction.all(XMLName.DAV.prop)
                guard !props.isEmpty else { throw DAVXMLError("\(instruction.name) must contain a \(XMLName.DAV.prop)") }
                operations += props.flatMap(\.elements).map { .remove($0.name) }
            default:
                continue  // Unknown elements are ignored (RFC 4918 §17).
            }
        }
        guard !operations.isEmpty else { throw DAVXMLError("\(root.name) must set or remove at least one property") }
        self.operations = operations
    }
}
