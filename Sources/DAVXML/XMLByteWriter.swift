/// Writes ``XMLElement`` trees as UTF-8 into one ``OutputBuffer`` in a single pass.
///
/// Prefixes are assigned as namespaces are met, in document order; their declarations are
/// inserted into the outermost start tag once the whole tree is written, so the tree is walked
/// only once. Text and attribute values go through ``XMLEscaping``.
struct XMLByteWriter {
    let output: OutputBuffer
    private var prefixes = NamespacePrefixes()
    /// The two namespaces last looked up, with their qualifiers: neighbouring elements nearly
    /// always use one of them (say `D:` and `C:`), which saves hashing the namespace each time.
    private var recentNamespace = ""
    private var recentQualifier = Qualifier.none
    private var previousNamespace = ""
    private var previousQualifier = Qualifier.none

    init(capacity: Int) {
        output = OutputBuffer(capacity: capacity)
    }

    /// Writes `element` with every namespace of its subtree declared on it.
    mutating func writeDeclaringNamespaces(_ element: XMLElement) {
        output.append(UInt8(ascii: "<"))
        writeName(element.name)
        let declarationsOffset = output.count
        writeRest(of: element)
        insertDeclarations(at: declarationsOffset)
    }

    /// Declares every namespace met so far at `offset`, the end of the outermost element's name.
    mutating func insertDeclarations(at offset: Int) {
        let declarations = OutputBuffer(capacity: 128)
        for (namespace, prefix) in prefixes.declarations {
            declarations.append(" xmlns:")
            declarations.append(prefix)
            declarations.append("=\"")
            XMLEscaping.appendAttributeValue(namespace, to: declarations)
            declarations.append(UInt8(ascii: "\""))
        }
        output.insert(declarations.makeArray(), at: offset)
    }

    mutating func write(_ element: XMLElement) {
        output.append(UInt8(ascii: "<"))
        writeName(element.name)
        writeRest(of: element)
    }

    /// Everything after the name in the start tag: attributes, content and end tag.
    private mutating func writeRest(of element: XMLElement) {
        if !element.attributes.isEmpty { writeAttributes(element.attributes) }
        if element.children.isEmpty {
            output.append("/>")
            return
        }
        output.append(UInt8(ascii: ">"))
        let children = element.children
        var index = 0
        while index < children.count {
            switch children[index] {
            case .element(let child): write(child)
            case .text(let text): XMLEscaping.appendText(text, to: output)
            }
            index += 1
        }
        output.append("</")
        writeName(element.name)
        output.append(UInt8(ascii: ">"))
    }

    /// Attributes sorted by name, so the same tree always gives the same bytes.
    private mutating func writeAttributes(_ attributes: [XMLName: String]) {
        for (name, value) in attributes.sorted(by: { XMLName.writingOrder($0.key, $1.key) }) {
            output.append(UInt8(ascii: " "))
            writeName(name)
            output.append("=\"")
            XMLEscaping.appendAttributeValue(value, to: output)
            output.append(UInt8(ascii: "\""))
        }
    }

    /// `name` as ``writeName(_:)`` writes it (assigning its prefix now if it has none yet).
    mutating func renderedName(_ name: XMLName) -> [UInt8] {
        let scratch = OutputBuffer(capacity: 64)
        if !name.namespace.isEmpty { scratch.append(qualifier(for: name.namespace)) }
        scratch.append(name.local)
        return scratch.makeArray()
    }

    mutating func writeName(_ name: XMLName) {
        if !name.namespace.isEmpty {
            // String equality is a single comparison when both share storage, the usual case.
            output.append(name.namespace == recentNamespace ? recentQualifier : qualifier(for: name.namespace))
        }
        output.append(name.local)
    }

    private mutating func qualifier(for namespace: String) -> Qualifier {
        swap(&recentNamespace, &previousNamespace)
        swap(&recentQualifier, &previousQualifier)
        if namespace != recentNamespace {
            recentNamespace = namespace
            recentQualifier = prefixes.qualifier(for: namespace)
        }
        return recentQualifier
    }
}

extension XMLName {
    /// A fixed order for writing attributes: by namespace, then local name.
    static func writingOrder(_ lhs: XMLName, _ rhs: XMLName) -> Bool {
        (lhs.namespace, lhs.local) < (rhs.namespace, rhs.local)
    }
}
