import DAVXML
import Testing

/// The writer's output: declaration, namespace declarations, prefixes and escaping.
struct XMLWriterTests {
    @Test("a document starts with the XML declaration and declares each namespace once, on the root")
    func documentShape() {
        let root = XMLElement(
            XMLName.DAV.multistatus,
            elements: [
                XMLElement(
                    XMLName.DAV.response,
                    elements: [
                        .href("/dav/a.ics"),
                        XMLElement(
                            XMLName.DAV.propstat,
                            elements: [
                                XMLElement(
                                    XMLName.DAV.prop,
                                    elements: [
                                        XMLElement(XMLName.CalendarServer.getctag, text: "7"), XMLElement(XMLName.CalDAV.calendarData, text: "x"),
                                        XMLElement(XMLName.Apple.calendarColor, text: "#FF0000"),
                                    ]),
                                .status(200),
                            ]),
                    ])
            ])
        #expect(
            XMLWriter.document(root) == """
                <?xml version="1.0" encoding="utf-8"?>
                <D:multistatus xmlns:D="DAV:" xmlns:CS="http://calendarserver.org/ns/" xmlns:C="urn:ietf:params:xml:ns:caldav" \
                xmlns:A="http://apple.com/ns/ical/"><D:response><D:href>/dav/a.ics</D:href><D:propstat><D:prop><CS:getctag>7</CS:getctag>\
                <C:calendar-data>x</C:calendar-data><A:calendar-color>#FF0000</A:calendar-color></D:prop>\
                <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>
                """)
        #expect(XMLWriter.documentBytes(root) == Array(XMLWriter.document(root).utf8))
    }

    @Test("other namespaces get x0, x1, … in order of first use, attributes included")
    func generatedPrefixes() {
        let root = XMLElement(
            XMLName("urn:first", "a"), attributes: [XMLName("urn:third", "attr"): "v"],
            children: [.element(XMLElement(XMLName("urn:second", "b"))), .element(XMLElement(XMLName("urn:first", "c")))])
        #expect(
            XMLWriter.fragment(root)
                == #"<x0:a xmlns:x0="urn:first" xmlns:x1="urn:third" xmlns:x2="urn:second" x1:attr="v"><x2:b/><x0:c/></x0:a>"#)
    }

    @Test("elements in no namespace are unprefixed, with no default namespace to undeclare")
    func noNamespace() throws {
        let root = XMLElement(XMLName.DAV.prop, elements: [XMLElement(XMLName("", "prop0"), text: "v")])
        let xml = XMLWriter.fragment(root)
        #expect(xml == #"<D:prop xmlns:D="DAV:"><prop0>v</prop0></D:prop>"#)
        #expect(try DAVXMLParser.parseFragment(xml) == root)
        #expect(XMLWriter.fragment(XMLElement(XMLName("", "bare"))) == "<bare/>")
    }

    @Test("xml:lang uses the reserved prefix and is never declared")
    func xmlLang() {
        let element = XMLElement(XMLName.DAV.displayname, attributes: [XMLName.xmlLang: "fr"], children: [.text("Réunion")])
        #expect(XMLWriter.fragment(element) == #"<D:displayname xmlns:D="DAV:" xml:lang="fr">Réunion</D:displayname>"#)
    }

    @Test("attributes are written in a fixed order")
    func attributeOrder() {
        let attributes = Dictionary(uniqueKeysWithValues: (0..<20).map { (XMLName("", "a\($0)"), "\($0)") })
        let element = XMLElement(XMLName("", "e"), attributes: attributes)
        let first = XMLWriter.fragment(element)
        #expect(first.hasPrefix(#"<e a0="0" a1="1" a10="10" a11="11""#))
        for _ in 0..<5 { #expect(XMLWriter.fragment(XMLElement(XMLName("", "e"), attributes: attributes)) == first) }
    }

    @Test("text escapes &, < and >, and carriage returns so they survive line-end normalisation")
    func textEscaping() {
        let element = XMLElement(XMLName("", "t"), text: "a & b < c > d ]]> \"q\" 'a'\r\n\tend")
        #expect(XMLWriter.fragment(element) == "<t>a &amp; b &lt; c &gt; d ]]&gt; \"q\" 'a'&#13;\n\tend</t>")
    }

    @Test("attribute values escape &, < and \", and white space characters parsers would normalise")
    func attributeEscaping() {
        let element = XMLElement(XMLName("", "t"), attributes: [XMLName("", "v"): "a&b<c>\"d\" 'e'\t\n\r"])
        #expect(XMLWriter.fragment(element) == #"<t v="a&amp;b&lt;c>&quot;d&quot; 'e'&#9;&#10;&#13;"/>"#)
    }

    @Test("characters XML 1.0 cannot carry become U+FFFD in text and attributes")
    func invalidCharacters() throws {
        let bad = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i"
        let expected = "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\u{FFFD}h\u{FFFD}i"
        let element = XMLElement(XMLName("", "t"), attributes: [XMLName("", "v"): bad], children: [.text(bad)])
        let xml = XMLWriter.fragment(element)
        #expect(xml == "<t v=\"\(expected)\">\(expected)</t>")
        let parsed = try DAVXMLParser.parseFragment(xml)
        #expect(parsed.text == expected)
        #expect(parsed.attribute("v") == expected)
    }

    @Test("characters that only look special are written as they are")
    func harmlessCharacters() {
        let text = "\u{7F}\u{85}\u{EF}\u{FFFD}\u{FEFF}\u{10FFFF}\u{1F600} ok"
        #expect(XMLWriter.fragment(XMLElement(XMLName("", "t"), text: text)) == "<t>\(text)</t>")
    }

    @Test("long text is escaped correctly wherever the special characters fall")
    func longText() throws {
        // Special characters at every offset modulo the writer's eight-byte steps.
        var text = ""
        for offset in 0..<64 {
            text += String(repeating: "x", count: offset % 11) + ["&", "<", ">", "\r", "\u{1}", "\u{FFFF}", "é", "\n"][offset % 8]
        }
        let parsed = try DAVXMLParser.parseFragment(XMLWriter.fragment(XMLElement(XMLName("", "t"), text: text)))
        let expected = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{1}" || $0 == "\u{FFFF}" ? "\u{FFFD}" : $0 }))
        #expect(parsed.text == expected)
    }

    @Test("error and status helpers build the usual WebDAV elements")
    func responseHelpers() {
        #expect(XMLElement.href("/a%20b") == XMLElement(XMLName.DAV.href, text: "/a%20b"))
        #expect(XMLElement.status(404) == XMLElement(XMLName.DAV.status, text: "HTTP/1.1 404 Not Found"))
        #expect(
            XMLWriter.fragment(.error(XMLName.DAV.cannotModifyProtectedProperty))
                == #"<D:error xmlns:D="DAV:"><D:cannot-modify-protected-property/></D:error>"#)
    }

    @Test(
        "status lines carry the reason phrase WebDAV clients expect",
        arguments: [
            (200, "OK"), (201, "Created"), (204, "No Content"), (207, "Multi-Status"), (403, "Forbidden"), (404, "Not Found"),
            (409, "Conflict"), (412, "Precondition Failed"), (424, "Failed Dependency"), (507, "Insufficient Storage"), (299, "Success"),
            (499, "Client Error"),
        ])
    func statusLines(code: Int, phrase: String) {
        #expect(HTTPStatusLine.line(code) == "HTTP/1.1 \(code) \(phrase)")
    }
}
