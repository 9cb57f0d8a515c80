/// Writes ``XMLElement`` trees as UTF-8 XML: multistatus bodies (RFC 4918 §13), error bodies
/// (RFC 4918 §16) and stored dead property values.
///
/// Every namespace in the tree is declared once, on the outermost element, with the prefixes of
/// ``XMLNamespace/preferredPrefixes`` (`D`, `C`, `CS`, `A`) or generated ones (`x0`, `x1`, …).
/// No default namespace is ever declared, so elements in no namespace are simply unprefixed.
/// Text is escaped so that reading it back gives the same characters; characters XML 1.0 cannot
/// carry (most C0 controls, U+FFFE, U+FFFF) are replaced by U+FFFD. Adjacent text nodes read
/// back as one. Names are written as given and are not checked.
public enum XMLWriter {
    /// A complete document: the XML declaration, a newline and `root`.
    public static func document(_ root: XMLElement) -> String {
        write(root, declaration: true).makeString()
    }

    /// ``document(_:)`` as UTF-8 bytes, for a response body.
    public static func documentBytes(_ root: XMLElement) -> [UInt8] {
        write(root, declaration: true).makeArray()
    }

    /// One element with its own namespace declarations and no XML declaration, so it can be
    /// stored on its own and read back by ``DAVXMLParser/parseFragment(_:)`` (RFC 4918 §4.3: a
    /// dead property keeps its value's markup, attributes and `xml:lang`).
    public static func fragment(_ element: XMLElement) -> String {
        write(element, declaration: false).makeString()
    }

    private static func write(_ root: XMLElement, declaration: Bool) -> OutputBuffer {
        // Responses take a few hundred bytes per child of the root (one per resource); unused
        // capacity costs no memory until touched.
        var writer = XMLByteWriter(capacity: 256 + 512 * root.children.count)
        if declaration { writer.output.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n") }
        writer.writeDeclaringNamespaces(root)
        return writer.output
    }
}
