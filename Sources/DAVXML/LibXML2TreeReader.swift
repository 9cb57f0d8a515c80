internal import CLibXML2

/// Copies a libxml2 element into the Sendable ``XMLElement`` tree: names resolved to
/// (namespace, local name), attributes by expanded name, text and CDATA merged into `.text`
/// nodes with whitespace kept, comments and processing instructions left out.
///
/// Recursion is bounded by ``maxDepth``, checked before each level (libxml2's own limit, 256
/// without XML_PARSE_HUGE, would come later and allow a deeper tree for every walk after this).
enum LibXML2TreeReader {
    /// The deepest element nesting accepted. WebDAV and CalDAV bodies nest about ten deep (a
    /// calendar-query filter: filter › comp-filter × 3 › prop-filter › param-filter › text-match).
    static let maxDepth = 64

    static func element(_ node: xmlNodePtr, depth: Int = 1) throws(DAVXMLError) -> XMLElement {
        guard depth <= maxDepth else {
            throw DAVXMLError("XML elements are nested more than \(maxDepth) deep (the limit)", line: Int(xmlGetLineNo(node)))
        }
        var element = XMLElement(XMLName(namespace(of: node.pointee.ns), string(node.pointee.name)))
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = XMLName(namespace(of: current.pointee.ns), string(current.pointee.name))
            element.attributes[name] = try text(of: current.pointee.children)
            attribute = current.pointee.next
        }

        var pendingText = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                if !pendingText.isEmpty {
                    element.children.append(.text(pendingText))
                    pendingText = ""
                }
                element.children.append(.element(try self.element(current, depth: depth + 1)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { pendingText += String(cString: content) }
            case XML_ENTITY_REF_NODE:
                throw DAVXMLError("Entity references are not allowed", line: Int(xmlGetLineNo(current)))
            default:
                break  // Comments and processing instructions carry nothing WebDAV reads.
            }
            child = current.pointee.next
        }
        if !pendingText.isEmpty { element.children.append(.text(pendingText)) }
        return element
    }

    /// An attribute's value: the concatenation of its text children.
    private static func text(of first: xmlNodePtr?) throws(DAVXMLError) -> String {
        var result = ""
        var child = first
        while let current = child {
            guard current.pointee.type == XML_TEXT_NODE else { throw DAVXMLError("Entity references are not allowed") }
            if let content = current.pointee.content { result += String(cString: content) }
            child = current.pointee.next
        }
        return result
    }

    private static func namespace(of ns: xmlNsPtr?) -> String {
        guard let href = ns?.pointee.href else { return "" }
        return String(cString: href)
    }

    private static func string(_ characters: UnsafePointer<xmlChar>?) -> String {
        characters.map { String(cString: $0) } ?? ""
    }
}
