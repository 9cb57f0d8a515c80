/// A node of a parsed or to-be-written XML document.
public enum XMLNode: Hashable, Sendable {
    case element(XMLElement)
    case text(String)
}

/// A Sendable, namespace-resolved XML element. Request bodies are parsed into this tree once
/// (libxml2 documents are not Sendable) and typed requests are read from it; responses are
/// built as trees and written by ``XMLWriter``.
public struct XMLElement: Hashable, Sendable {
    public var name: XMLName
    /// Attributes by expanded name (namespace "" for unprefixed attributes).
    public var attributes: [XMLName: String]
    public var children: [XMLNode]

    public init(_ name: XMLName, attributes: [XMLName: String] = [:], children: [XMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// An element holding only `text`.
    public init(_ name: XMLName, text: String) {
        self.init(name, children: [.text(text)])
    }

    /// An element holding only `elements`.
    public init(_ name: XMLName, elements: [XMLElement]) {
        self.init(name, children: elements.map(XMLNode.element))
    }

    /// The child elements, in document order.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// The first child element called `name`.
    public func first(_ name: XMLName) -> XMLElement? {
        for case .element(let element) in children where element.name == name { return element }
        return nil
    }

    /// Every child element called `name`.
    public func all(_ name: XMLName) -> [XMLElement] {
        elements.filter { $0.name == name }
    }

    /// The concatenated text of this element's direct text children.
    public var text: String {
        children.reduce(into: "") { result, node in if case .text(let text) = node { result += text } }
    }

    /// The value of an unqualified attribute.
    public func attribute(_ local: String) -> String? { attributes[XMLName("", local)] }
}
