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

    /// Escaped character data.
    public func text(_ text: String) {
        openRoot()
        XMLEscaping.appendText(text, to: output)
    }

    /// A whole element tree.
    public func element(_ element: XMLElement) {
        openRoot()
        writer.write(element)
    }

    /// Renders `pieces` once, to be written many times: the markup between the holes becomes
    /// the template's parts (part 0 before the first hole, and so on), for the caller to write
    /// with text in between. Make it where its first piece would be written, in document
    /// order: namespaces are declared in order of first use, as by the tree writer.
    public func template(_ pieces: [XMLTemplate.Piece]) -> XMLTemplate {
        var parts: [[UInt8]] = [[]]
        for piece in pieces {
            switch piece {
            case .start(let name): parts[parts.count - 1] += [UInt8(ascii: "<")] + writer.renderedName(name) + [UInt8(ascii: ">")]
            case .end(let name): parts[parts.count - 1] += Array("</".utf8) + writer.renderedName(name) + [UInt8(ascii: ">")]
            case .empty(let name): parts[parts.count - 1] += [UInt8(ascii: "<")] + writer.renderedName(name) + Array("/>".utf8)
            case .text(let text):
                let escaped = OutputBuffer(capacity: text.utf8.count + 16)
                XMLEscaping.appendText(text, to: escaped)
                parts[parts.count - 1] += escaped.makeArray()
            case .hole: parts.append([])
            }
        }
        return XMLTemplate(parts: parts)
    }

    /// One part of a template.
    public func write(_ template: XMLTemplate, part: Int) {
        openRoot()
        output.append(template.part(part))
    }

    /// Ends the root, declares the namespaces and lends `body` the document (so a response
    /// body can copy it once). Call it once; the writer takes nothing after it.
    public func finish<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        if rootHasContent {
            writer.output.append("</")
            writer.writeName(root)
            writer.output.append(UInt8(ascii: ">"))
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

/// Markup rendered once with holes for text, e.g. a calendar object's `<D:response>` with holes
/// for its href and ETag (see ``XMLStreamWriter/template(_:)``). Writing a part is one copy,
/// with no lookups and no reference counting.
public final class XMLTemplate {
    public enum Piece: Sendable {
        case start(XMLName)
        case end(XMLName)
        case empty(XMLName)
        /// Fixed text, escaped once.
        case text(String)
        /// Where the caller writes text between two parts.
        case hole
    }

    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Where each part starts in `bytes`, and where the last ends.
    private let bounds: UnsafeMutableBufferPointer<Int>

    fileprivate init(parts: [[UInt8]]) {
        let all = parts.flatMap { $0 }
        bytes = .allocate(capacity: max(all.count, 1))
        _ = bytes.initialize(from: all)
        bounds = .allocate(capacity: parts.count + 1)
        var offset = 0
        for (index, part) in parts.enumerated() {
            bounds[index] = offset
            offset += part.count
        }
        bounds[parts.count] = offset
    }

    deinit {
        bytes.deallocate()
        bounds.deallocate()
    }

    /// How many parts: one more than the holes.
    public var partCount: Int { bounds.count - 1 }

    fileprivate func part(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < partCount, "no such template part")
        return UnsafeBufferPointer(rebasing: bytes[bounds[index]..<bounds[index + 1]])
    }
}
