import DAVXML
import Testing

/// The stream writer must give the tree writer's bytes, since PROPFIND and sync answers mix
/// responses written both ways.
struct XMLStreamWriterTests {
    private static let other = "http://example.com/ns/"

    /// The same document built as a tree and written child by child, with a namespace first
    /// met deep inside, escaped text between elements, an attribute and an empty element.
    @Test("children written one by one give the bytes of the same tree")
    func sameBytesAsTree() {
        let odd = XMLName(Self.other, "odd")
        let children: [XMLNode] = [
            .element(XMLElement(XMLName.DAV.response, elements: [.href("/a b&c"), XMLElement(XMLName.DAV.resourcetype)])),
            .text("between <&>\r"),
            .element(XMLElement(odd, attributes: [XMLName("", "k"): "v\"1"], children: [.text("x < y\r\n")])),
            .element(XMLElement(XMLName.CalDAV.calendarData, text: "")),
        ]
        let stream = XMLStreamWriter(root: XMLName.DAV.multistatus, capacity: 0)
        for child in children {
            switch child {
            case .element(let element): stream.element(element)
            case .text(let text): stream.text(text)
            }
        }
        let tree = XMLElement(XMLName.DAV.multistatus, children: children)
        let streamed = stream.finish { Array($0) }
        #expect(String(decoding: streamed, as: UTF8.self) == XMLWriter.document(tree))
        #expect(streamed == XMLWriter.documentBytes(tree))
    }

    @Test("a root with nothing written is an empty element, as in the tree writer")
    func emptyRoot() {
        let stream = XMLStreamWriter(root: XMLName.DAV.multistatus, capacity: 0)
        #expect(stream.finish { Array($0) } == XMLWriter.documentBytes(XMLElement(XMLName.DAV.multistatus)))
    }

    @Test("the buffer grows past its first capacity without losing bytes")
    func growth() {
        let text = String(repeating: "é&", count: 5_000)
        let stream = XMLStreamWriter(root: XMLName.DAV.multistatus, capacity: 10)
        for _ in 0..<20 { stream.element(.href(text)) }
        let tree = XMLElement(XMLName.DAV.multistatus, elements: Array(repeating: .href(text), count: 20))
        #expect(stream.finish { Array($0) } == XMLWriter.documentBytes(tree))
    }

    @Test("a template's parts with text between them give the bytes of the same tree, prefixes declared where first used")
    func templateSameBytesAsTree() {
        let odd = XMLName(Self.other, "odd")
        let stream = XMLStreamWriter(root: XMLName.DAV.multistatus, capacity: 0)
        stream.element(.href("first"))
        let template = stream.template([
            .start(XMLName.DAV.response), .start(XMLName.DAV.href), .text("/a&b/"), .hole, .end(XMLName.DAV.href), .empty(odd),
            .start(XMLName.CalDAV.calendarData), .hole, .end(XMLName.CalDAV.calendarData), .end(XMLName.DAV.response),
        ])
        #expect(template.partCount == 3)
        var tree: [XMLElement] = [.href("first")]
        for (name, data) in [("x.ics", "<&>\r"), ("y z.ics", "")] {
            stream.write(template, part: 0)
            stream.text(name)
            stream.write(template, part: 1)
            stream.text(data)
            stream.write(template, part: 2)
            tree.append(
                XMLElement(
                    XMLName.DAV.response, elements: [.href("/a&b/" + name), XMLElement(odd), XMLElement(XMLName.CalDAV.calendarData, text: data)]))
        }
        #expect(stream.finish { Array($0) } == XMLWriter.documentBytes(XMLElement(XMLName.DAV.multistatus, elements: tree)))
    }
}
