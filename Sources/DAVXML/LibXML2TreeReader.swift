internal import CLibXML2

/// Copies a libxml2 element into the Sendable ``XMLElement`` tree: names resolved to
/// (namespace, local name), attributes by expanded name, text and CDATA merged into `.text`
/// nodes with whitespace kept, comments and processing instructions left out.
///
/// Recursion depth is bounded by libxml2's own nesting limit (256 without XML_PARSE_HUGE).
enum LibXML2TreeReader {
    static func element(_ node: xmlNodePtr) throws(DAVXMLError) -> XMLElement {
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
                element.children.append(.element(try self.element(current)))
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
