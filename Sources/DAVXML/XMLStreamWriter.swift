/// Writes one XML document piece by piece, for answers too large to build as a tree first: a
/// multistatus listing 10,000 calendar objects costs more to build as ``XMLElement``s and free
/// again than to write. The bytes equal ``XMLWriter/documentBytes(_:)`` of the same tree: every
/// namespace is declared on the root, in order of first use, and text is escaped the same way.
///
/// Callers keep the nesting balanced; names are written as given and are not checked.
public final class XMLStreamWriter {
    private var writer: XMLByteWriter
    /// The writer's buffer, held here too so that hot paths never touch `writer` (a mutable
    /// stored struct, each access of which the runtime checks for exclusivity).
    private let output: OutputBuffer
    private let root: XMLName
    /// Where the root's namespace declarations go, once all of them are known.
    private let declarationsOffset: Int
    /// Whether the root's start tag has been closed with `>` (it has content).
    private var rootHasContent = false

    /// Starts the document: the XML declaration and the root's start tag.
    /// - Parameter capacity: the expected size in bytes (memory is only touched as written).
    public init(root: XMLName, capacity: Int) {
        writer = XMLByteWriter(capacity: max(capacity, 256))
        output = writer.output
        writer.output.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        writer.output.append(UInt8(ascii: "<"))
        writer.writeName(root)
        self.root = root
        declarationsOffset = writer.output.count
    }

    /// `<name>`, to be closed by ``end(_:)``.
    public func start(_ name: XMLName) {
        openRoot()
        writer.output.append(UInt8(ascii: "<"))
        writer.writeName(name)
        writer.output.append(UInt8(ascii: ">"))
    }

    /// `</name>`.
    public func end(_ name: XMLName) {
        writer.output.append("</")
        writer.writeName(name)
        writer.output.append(UInt8(ascii: ">"))
    }

    /// `<name/>`.
    public func empty(_ name: XMLName) {
        openRoot()
        writer.output.append(UInt8(ascii: "<"))
        writer.writeName(name)
        writer.output.append("/>")
    }

    /// Escaped character data.
    public func text(_ text: String) {
        openRoot()
        XMLEscaping.appendText(text, to: output)
    }

    /// `<name>text</name>`, as `XMLElement(name, text: text)` is written (even when empty).
    public func element(_ name: XMLName, text: String) {
        start(name)
        XMLEscaping.appendText(text, to: writer.output)
        end(name)
    }

    /// A whole element tree.
    public func element(_ element: XMLElement) {
        openRoot()
        writer.write(element)
    }

    /// An element's start, end and empty tags rendered once, for elements written thousands of
    /// times: writing one is then a copy of its bytes.
    public struct Tag: Sendable {
        fileprivate let start: [UInt8]
        fileprivate let end: [UInt8]
        fileprivate let empty: [UInt8]
    }

    /// Renders `name`'s tags. Make it where the name is first written, in document order: its
    /// namespace is declared in order of first use, as by the tree writer.
    public func tag(_ name: XMLName) -> Tag {
        let rendered = writer.renderedName(name)
        return Tag(start: [UInt8(ascii: "<")] + rendered + [UInt8(ascii: ">")], end: Array("</".utf8) + rendered + [UInt8(ascii: ">")],
            empty: [UInt8(ascii: "<")] + rendered + Array("/>".utf8))
    }

    public func start(_ tag: Tag) {
        openRoot()
        tag.start.withUnsafeBufferPointer { output.append($0) }
    }

    public func end(_ tag: Tag) {
        tag.end.withUnsafeBufferPointer { output.append($0) }
    }

    public func empty(_ tag: Tag) {
        openRoot()
        tag.empty.withUnsafeBufferPointer { output.append($0) }
    }

    /// `<tag>text</tag>`, escaped.
    public func element(_ tag: Tag, text: String) {
        start(tag)
        XMLEscaping.appendText(text, to: output)
        end(tag)
    }

    /// Ends the root, declares the namespaces and lends `body` the document (so a response
    /// body can copy it once). Call it once; the writer takes nothing after it.
    public func finish<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        if rootHasContent {
            end(root)
        } else {
            writer.output.append("/>")
        }
        writer.insertDeclarations(at: declarationsOffset)
        return try writer.output.withUnsafeBytes(body)
    }

    private func openRoot() {
        guard !rootHasContent else { return }
        rootHasContent = true
        writer.output.append(UInt8(ascii: ">"))
    }
}
