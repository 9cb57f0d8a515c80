import DAVXML
import Testing

/// PROPPATCH bodies (RFC 4918 §9.2, §14.19).
struct PropertyUpdateRequestTests {
    static let litmus = "http://example.com/neon/litmus/"

    static func request(_ xml: String) throws(DAVXMLError) -> PropertyUpdateRequest {
        try PropertyUpdateRequest(try DAVXMLParser.parse(Array(xml.utf8)))
    }

    @Test("sets and removes come out in document order, each set with its whole element")
    func litmusStyle() throws {
        let request = try Self.request(Bodies.litmusProppatch)
        #expect(request.operations.count == 4)
        guard request.operations.count == 4 else { return }
        #expect(request.operations[0] == .set(XMLElement(XMLName("", "prop0"), text: "value0")))
        #expect(request.operations[1] == .set(XMLElement(XMLName(Self.litmus, "high-unicode"), text: "\u{10000}\u{1F600}")))
        let inner = XMLElement(
            XMLName("http://example.com/inner", "inner"), attributes: [XMLName("http://example.com/inner", "attr"): "1"], children: [.text("child")])
        #expect(
            request.operations[2] == .set(XMLElement(XMLName(Self.litmus, "valnspace"), children: [.text("text "), .element(inner), .text(" tail")])))
        #expect(request.operations[3] == .remove(XMLName(Self.litmus, "prop9")))
    }

    @Test("interleaved set and remove instructions keep their order")
    func interleaved() throws {
        let request = try Self.request(
            """
            <D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:z">
              <D:remove><D:prop><Z:a/><Z:b/></D:prop></D:remove>
              <D:set><D:prop><Z:a>1</Z:a></D:prop></D:set>
              <D:remove><D:prop><Z:c/></D:prop></D:remove>
            </D:propertyupdate>
            """)
        #expect(
            request.operations == [
                .remove(XMLName("urn:z", "a")), .remove(XMLName("urn:z", "b")), .set(XMLElement(XMLName("urn:z", "a"), text: "1")),
                .remove(XMLName("urn:z", "c")),
            ])
    }

    @Test("the xml:lang in scope is kept on each property set (RFC 4918 §4.3)")
    func languageInScope() throws {
        let request = try Self.request(
            """
            <D:propertyupdate xmlns:D="DAV:" xml:lang="en"><D:set><D:prop>\
            <D:displayname>Meeting</D:displayname><D:comment xml:lang="fr">Réunion</D:comment>\
            </D:prop></D:set><D:set xml:lang="de"><D:prop><D:note>Notiz</D:note></D:prop></D:set></D:propertyupdate>
            """)
        let languages = request.operations.compactMap { operation -> String? in
            guard case .set(let element) = operation else { return nil }
            return element.attributes[XMLName.xmlLang]
        }
        #expect(languages == ["en", "fr", "de"])
    }

    @Test(
        "a body that is not a usable propertyupdate says what is wrong",
        arguments: [
            (#"<D:propfind xmlns:D="DAV:"/>"#, "Expected a {DAV:}propertyupdate body, found {DAV:}propfind"),
            (#"<D:propertyupdate xmlns:D="DAV:"/>"#, "{DAV:}propertyupdate must set or remove at least one property"),
            (#"<D:propertyupdate xmlns:D="DAV:"><D:set/></D:propertyupdate>"#, "{DAV:}set must contain a {DAV:}prop"),
            (#"<D:propertyupdate xmlns:D="DAV:"><D:remove><D:x/></D:remove></D:propertyupdate>"#, "{DAV:}remove must contain a {DAV:}prop"),
            (
                #"<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop/></D:set></D:propertyupdate>"#,
                "{DAV:}propertyupdate must set or remove at least one property"
            ),
        ])
    func refusals(xml: String, message: String) {
        #expect(throws: DAVXMLError(message)) { try Self.request(xml) }
    }
}
