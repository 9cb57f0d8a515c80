import DAVXML
import Testing

/// Hostile and broken bodies are refused with a clear error, before any entity is expanded or
/// any file or URL is read.
struct ParserSafetyTests {
    /// Parses `xml`, expecting an error, and returns it.
    static func refusal(_ xml: String) -> DAVXMLError? {
        refusal(Array(xml.utf8))
    }

    static func refusal(_ bytes: [UInt8]) -> DAVXMLError? {
        do {
            let root = try DAVXMLParser.parse(bytes)
            Issue.record("parsed into \(root)")
            return nil
        } catch {
            return error
        }
    }

    /// `xml` in UTF-16LE with a byte order mark, which the byte-level DOCTYPE gate cannot read.
    static func utf16(_ xml: String) -> [UInt8] {
        [0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <D:propfind xmlns:D="DAV:"><D:prop><D:displayname>&lol9;</D:displayname></D:prop></D:propfind>
        """

    static let externalEntity = """
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE propfind [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:displayname>&xxe;</D:displayname></D:prop></D:set></D:propertyupdate>
        """

    // MARK: - Document type declarations

    @Test("billion laughs is refused at its DOCTYPE")
    func billionLaughs() {
        let error = Self.refusal(Self.billionLaughs)
        #expect(error == DAVXMLError("DOCTYPE is not allowed", line: 2))
        #expect(error?.description == "line 2: DOCTYPE is not allowed")
    }

    @Test("billion laughs in UTF-16 is refused too")
    func billionLaughsInUTF16() {
        #expect(Self.refusal(Self.utf16(Self.billionLaughs)) == DAVXMLError("DOCTYPE is not allowed", line: 2))
    }

    @Test(
        "external entities, external DTDs and parameter entities are refused and read nothing",
        arguments: [
            externalEntity,
            #"<!DOCTYPE foo SYSTEM "file:///etc/passwd"><foo/>"#,
            #"<!DOCTYPE foo [<!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext;]><foo/>"#,
            #"<!DOCTYPE foo [<!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]><foo>&remote;</foo>"#,
        ])
    func externalEntities(xml: String) {
        for bytes in [Array(xml.utf8), Self.utf16(xml)] {
            let error = Self.refusal(bytes)
            #expect(error?.message == "DOCTYPE is not allowed")
            #expect(error?.description.contains("root:") == false)
        }
    }

    @Test("quadratic blowup (one large entity referenced many times) is refused")
    func quadraticBlowup() {
        let entity = String(repeating: "a", count: 50_000)
        let references = String(repeating: "&a;", count: 50_000)
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE kaboom [<!ENTITY a \"\(entity)\">]><kaboom>\(references)</kaboom>"
        #expect(Self.refusal(xml)?.message == "DOCTYPE is not allowed")
    }

    @Test(
        "a DOCTYPE after a declaration, comments and instructions, or in lower case, is refused",
        arguments: [
            "<?xml version=\"1.0\"?>\n<!-- a comment -->\n<?app x?>\n<!DOCTYPE a><a/>",
            "<!doctype a><a/>",
            "\u{FEFF}<!DOCTYPE a []><a/>",
        ])
    func doctypeAnywhereInProlog(xml: String) {
        #expect(Self.refusal(xml)?.message.contains("DOCTYPE") == true)
    }

    @Test("the text <!DOCTYPE inside a comment, CDATA or text is harmless")
    func doctypeTextElsewhere() throws {
        let root = try DAVXMLParser.parse(Array("<!-- <!DOCTYPE x> --><a><![CDATA[<!DOCTYPE y>]]>&lt;!DOCTYPE z></a>".utf8))
        #expect(root.text == "<!DOCTYPE y><!DOCTYPE z>")
    }

    @Test("an entity reference without a DTD is an error, not an empty string")
    func undefinedEntity() {
        let error = Self.refusal("<a>&xxe;</a>")
        #expect(error?.message == "Entity 'xxe' not defined")
        #expect(error?.line == 1)
    }

    // MARK: - Masses of attributes and namespaces

    /// A start tag with `count` attributes, or namespace declarations.
    static func element(attributes count: Int, namespaces: Bool = false) -> String {
        "<a" + (0..<count).map { namespaces ? " xmlns:p\($0)='urn:\($0)'" : " a\($0)='\($0)'" }.joined() + "/>"
    }

    @Test("an element with 100 attributes parses; one with 101 is refused before libxml2's quadratic duplicate check")
    func attributeLimit() throws {
        #expect(try DAVXMLParser.parse(Array(Self.element(attributes: 100).utf8)).attributes.count == 100)
        #expect(Self.refusal(Self.element(attributes: 101)) == DAVXMLError("An element has more than 100 attributes", line: 1))
        #expect(Self.refusal(Self.element(attributes: 400_000))?.message == "An element has more than 100 attributes")
    }

    @Test("more than 50 namespace declarations in scope are refused, however they are nested")
    func namespaceLimit() throws {
        let nested = (0..<6).map { depth in "<e\(depth)" + (0..<9).map { " xmlns:p\(depth)x\($0)='urn:\($0)'" }.joined() + ">" }.joined()
        #expect(Self.refusal(nested) == DAVXMLError("More than 50 namespace declarations are in scope", line: 1))
        let fifty =
            "<r" + (0..<41).map { " xmlns:r\($0)='urn:\($0)'" }.joined() + ">"
            + String(repeating: "<a" + (0..<9).map { " xmlns:p\($0)='urn:\($0)'" }.joined() + "/>", count: 3) + "</r>"
        #expect(try DAVXMLParser.parse(Array(fifty.utf8)).elements.count == 3)
        // Siblings each declaring their own namespace, as Apple's clients do, never accumulate.
        let siblings =
            "<D:prop xmlns:D='DAV:'>" + String(repeating: "<x:a xmlns:x='urn:x'/><y:b xmlns:y='urn:y'></y:b>\n", count: 1_000) + "</D:prop>"
        #expect(try DAVXMLParser.parse(Array(siblings.utf8)).elements.count == 2_000)
        #expect(Self.refusal(Self.element(attributes: 60, namespaces: true))?.message == "More than 50 namespace declarations are in scope")
    }

    @Test("equals signs in text, attribute values, comments and CDATA are not attributes")
    func equalsSignsElsewhere() throws {
        let noise = String(repeating: "=", count: 300)
        let xml = "<!-- \(noise) --><a v='\(noise) > \(noise)' w=\"x=y\">\(noise)<![CDATA[\(noise)<b c=d>]]><?p \(noise)?></a>"
        let root = try DAVXMLParser.parse(Array(xml.utf8))
        #expect(root.attributes.count == 2)
        #expect(root.text == noise + noise + "<b c=d>")
    }

    // MARK: - Malformed XML

    @Test("a tag mismatch names both tags and the line")
    func tagMismatch() {
        let xml = "<?xml version=\"1.0\"?>\n<D:propfind xmlns:D=\"DAV:\">\n  <D:prop>\n</D:propfind>"
        let error = Self.refusal(xml)
        #expect(error?.message.contains("Opening and ending tag mismatch: prop") == true)
        #expect(error?.message.contains("propfind") == true)
        #expect(error?.line == 4)
    }

    @Test(
        "malformed documents are refused",
        arguments: [
            "<a>", "<a></b>", "<a/><b/>", "<a/>trailing", "text", "<a b=1/>", "<a b='1' b='2'/>", "<a>\u{0}</a>", "<a><!-- -- --></a>",
            "<1a/>", "<a>]]></a>",
        ])
    func malformed(xml: String) {
        let error = Self.refusal(xml)
        #expect(error?.message.isEmpty == false)
    }

    @Test("nesting beyond libxml2's depth limit is refused rather than recursed into")
    func excessiveDepth() {
        let xml = String(repeating: "<a>", count: 5_000) + String(repeating: "</a>", count: 5_000)
        #expect(Self.refusal(xml)?.message.contains("depth") == true)
    }

    // MARK: - Namespaces

    @Test("a prefix bound to the empty namespace is an error")
    func emptyPrefixedNamespace() {
        let error = Self.refusal(#"<foo:bar xmlns:foo=""/>"#)
        #expect(error?.message.contains("Empty XML namespace") == true)
    }

    @Test("undeclared element and attribute prefixes are errors", arguments: ["<x:foo/>", "<a x:attr=\"1\"/>", "<D:a xmlns:D=\"DAV:\"><C:b/></D:a>"])
    func undeclaredPrefix(xml: String) {
        let error = Self.refusal(xml)
        #expect(error?.message.contains("is not defined") == true)
        #expect(error?.line == 1)
    }

    @Test("the first namespace error is reported, not the last")
    func firstNamespaceError() {
        #expect(Self.refusal("<x:first>\n<y:second/></x:first>")?.message == "Namespace prefix x on first is not defined")
    }

    @Test("undeclaring the default namespace is allowed")
    func emptyDefaultNamespace() throws {
        let root = try DAVXMLParser.parse(Array(#"<a xmlns="urn:x"><b xmlns=""/></a>"#.utf8))
        #expect(root.elements.first?.name == XMLName("", "b"))
    }

    // MARK: - Bytes

    @Test("an empty or blank body is refused", arguments: [[], Array("   \n".utf8)] as [[UInt8]])
    func emptyBody(bytes: [UInt8]) {
        #expect(Self.refusal(bytes) == DAVXMLError("The XML body is empty"))
    }

    @Test("a UTF-16 body with a byte order mark parses like its UTF-8 twin")
    func utf16Body() throws {
        #expect(try DAVXMLParser.parse(Self.utf16(Bodies.thunderbirdPropfind)) == DAVXMLParser.parse(Array(Bodies.thunderbirdPropfind.utf8)))
    }

    @Test(
        "UTF-32 and EBCDIC bodies are refused",
        arguments: [[0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x3C], [0x4C, 0x6F, 0xA7, 0x94]] as [[UInt8]])
    func unsupportedEncodings(bytes: [UInt8]) {
        #expect(Self.refusal(bytes)?.message.hasSuffix("XML bodies are not supported; send UTF-8") == true)
    }

    @Test(
        "bytes that are not UTF-8 are refused",
        arguments: [
            Array("<a>".utf8) + [0xC3, 0x28] + Array("</a>".utf8),
            Array("<a>".utf8) + [0xFF] + Array("</a>".utf8),
            Array("<a>".utf8) + [0xED, 0xA0, 0x80] + Array("</a>".utf8),  // An encoded surrogate.
            [0x00, 0x01, 0x02, 0x03, 0x04, 0x05],
        ])
    func notUTF8(bytes: [UInt8]) {
        #expect(Self.refusal(bytes) != nil)
    }
}
