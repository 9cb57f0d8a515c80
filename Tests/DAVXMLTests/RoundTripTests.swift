import DAVXML
import Testing

/// What the writer writes, the parser reads back unchanged: dead properties are stored with
/// `XMLWriter.fragment` and served again with `DAVXMLParser.parseFragment`.
struct RoundTripTests {
    /// SplitMix64, so random cases are the same on every run and platform.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func roundTrip(_ element: XMLElement) throws -> XMLElement {
        try DAVXMLParser.parseFragment(XMLWriter.fragment(element))
    }

    static let litmus = "http://example.com/neon/litmus/"

    @Test(
        "dead property values survive storage",
        arguments: [
            // Empty namespace, as litmus's propnullns sets it.
            XMLElement(XMLName("", "nonamespace"), text: "randomvalue"),
            // High Unicode, as litmus's prophighunicode.
            XMLElement(XMLName(litmus, "high-unicode"), text: "\u{10000}\u{1F600}\u{10FFFF}"),
            // Namespaced child elements and mixed content, as litmus's propvalnspace and propwformed.
            XMLElement(
                XMLName(litmus, "valnspace"),
                children: [
                    .text("before "),
                    .element(
                        XMLElement(
                            XMLName("http://example.com/inner", "inner"),
                            attributes: [XMLName("http://example.com/inner", "attr"): "1", XMLName("", "plain"): "2"],
                            children: [.text("child"), .element(XMLElement(XMLName("", "bare"), text: "no namespace inside"))])),
                    .text(" after & <tail>"),
                ]),
            // An attribute in another namespace and xml:lang.
            XMLElement(
                XMLName(XMLNamespace.dav, "displayname"), attributes: [XMLName.xmlLang: "de-CH", XMLName("urn:meta", "source"): "a \"b\" c"],
                children: [.text("Grüezi\r\nmitenand\t!")]),
            // An empty element and whitespace-only text.
            XMLElement(XMLName(litmus, "empty")),
            XMLElement(XMLName(litmus, "spaces"), text: "  \n  "),
            // A prefix-looking namespace and one equal to a preferred prefix's.
            XMLElement(XMLName("D", "d"), elements: [XMLElement(XMLName.DAV.href, text: "/x")]),
        ])
    func deadPropertyValues(element: XMLElement) throws {
        #expect(try Self.roundTrip(element) == element)
    }

    @Test("a parsed PROPPATCH value is written and read back equal")
    func parsedValues() throws {
        let update = try PropertyUpdateRequest(try DAVXMLParser.parse(Array(Bodies.litmusProppatch.utf8)))
        for case .set(let value) in update.operations {
            #expect(try Self.roundTrip(value) == value)
        }
    }

    @Test("adjacent text nodes are read back as one")
    func adjacentText() throws {
        let element = XMLElement(XMLName("", "t"), children: [.text("a"), .text("b")])
        #expect(try Self.roundTrip(element) == XMLElement(XMLName("", "t"), text: "ab"))
    }

    @Test("random text and attribute values round trip, minus the characters XML cannot carry")
    func randomStrings() throws {
        let pool: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "\t", "\n", "\r", "&", "<", ">", "\"", "'", "]", ";", "#", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{85}",
            "\u{A0}", "\u{E9}", "\u{20AC}", "\u{D7FF}", "\u{E000}", "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{10000}", "\u{1F600}",
            "\u{10FFFF}",
        ]
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
            default: false
            }
        }
        var generator = SeededGenerator(state: 4918)
        for _ in 0..<500 {
            let length = Int.random(in: 0...40, using: &generator)
            let scalars = (0..<length).map { _ in pool.randomElement(using: &generator)! }
            let value = String(String.UnicodeScalarView(scalars))
            let expected = String(String.UnicodeScalarView(scalars.map { allowed($0) ? $0 : "\u{FFFD}" }))
            let element = XMLElement(XMLName("urn:x", "p"), attributes: [XMLName("", "v"): value], children: value.isEmpty ? [] : [.text(value)])
            let parsed = try Self.roundTrip(element)
            #expect(parsed.text == expected)
            #expect(parsed.attribute("v") == expected)
        }
    }

    @Test("a 10,000-response multistatus is written with one set of declarations and reads back equal")
    func largeMultistatus() throws {
        let responses = (0..<10_000).map { index in
            XMLElement(
                XMLName.DAV.response,
                elements: [
                    .href("/dav/calendars/ana/office/event-\(index).ics"),
                    XMLElement(
                        XMLName.DAV.propstat,
                        elements: [
                            XMLElement(
                                XMLName.DAV.prop,
                                elements: [
                                    XMLElement(XMLName.DAV.getetag, text: "\"\(index)\""),
                                    XMLElement(XMLName.DAV.getcontenttype, text: "text/calendar; charset=utf-8"),
                                    XMLElement(XMLName.CalendarServer.getctag, text: "c\(index)"),
                                    XMLElement(XMLName.DAV.resourcetype),
                                    XMLElement(XMLName.DAV.displayname, text: "Event \(index) & <more>"),
                                ]),
                            .status(200),
                        ]),
                ])
        }
        let root = XMLElement(XMLName.DAV.multistatus, elements: responses)
        let bytes = XMLWriter.documentBytes(root)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.split(separator: "xmlns:D=").count == 2)
        #expect(text.split(separator: "xmlns:CS=").count == 2)
        #expect(try DAVXMLParser.parse(bytes) == root)
    }
}
