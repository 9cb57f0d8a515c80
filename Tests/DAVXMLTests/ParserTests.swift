import DAVXML
import Testing

/// Real-world bodies parse into the expected namespace-resolved trees.
struct ParserTests {
    static let apple = "http://apple.com/ns/ical/"

    @Test("Thunderbird's PROPFIND resolves every prefix to its namespace")
    func thunderbirdPropfind() throws {
        let root = try DAVXMLParser.parse(Array(Bodies.thunderbirdPropfind.utf8))
        #expect(root.name == XMLName.DAV.propfind)
        let names = try #require(root.first(XMLName.DAV.prop)).elements.map(\.name)
        #expect(
            names == [
                XMLName.DAV.resourcetype, XMLName.DAV.owner, XMLName.DAV.currentUserPrincipal, XMLName.DAV.currentUserPrivilegeSet,
                XMLName.DAV.supportedReportSet, XMLName.CalDAV.supportedCalendarComponentSet, XMLName.CalendarServer.getctag,
            ])
    }

    @Test("Apple's re-bound prefixes are told apart by namespace, not by prefix")
    func applePropfind() throws {
        let root = try DAVXMLParser.parse(Array(Bodies.applePropfind.utf8))
        #expect(root.name == XMLName.DAV.propfind)
        let names = try #require(root.first(XMLName.DAV.prop)).elements.map(\.name)
        #expect(names.count == 12)
        #expect(names.contains(XMLName.Apple.calendarColor))
        #expect(names.contains(XMLName(Self.apple, "autoprovisioned")))
        #expect(names.contains(XMLName("http://me.com/_namespace/", "bulk-requests")))
        #expect(names.contains(XMLName.CalDAV.calendarDescription))
        #expect(names.contains(XMLName.DAV.syncToken))
        #expect(!names.contains(XMLName(XMLNamespace.dav, "calendar-color")))
    }

    @Test("a default namespace applies to unprefixed elements")
    func davx5Propfind() throws {
        let root = try DAVXMLParser.parse(Array(Bodies.davx5Propfind.utf8))
        let names = try #require(root.first(XMLName.DAV.prop)).elements.map(\.name)
        #expect(names.first == XMLName.DAV.currentUserPrivilegeSet)
        #expect(names.contains(XMLName.Apple.calendarColor))
        #expect(names.contains(XMLName.CalDAV.calendarTimezone))
        #expect(names.last == XMLName.DAV.syncToken)
    }

    @Test("a calendar-query keeps attributes, nested filters and unescaped text")
    func calendarQuery() throws {
        let root = try DAVXMLParser.parse(Array(Bodies.calendarQuery.utf8))
        #expect(root.name == XMLName.CalDAV.calendarQuery)
        let calendarData = try #require(root.first(XMLName.DAV.prop)?.first(XMLName.CalDAV.calendarData))
        let vcalendar = try #require(calendarData.first(XMLName.CalDAV.comp))
        #expect(vcalendar.attribute("name") == "VCALENDAR")
        #expect(vcalendar.first(XMLName.CalDAV.comp)?.all(XMLName.CalDAV.prop).compactMap { $0.attribute("name") } == ["SUMMARY", "UID"])

        let event = try #require(root.first(XMLName.CalDAV.filter)?.first(XMLName.CalDAV.compFilter)?.first(XMLName.CalDAV.compFilter))
        #expect(event.attribute("name") == "VEVENT")
        let textMatch = try #require(event.first(XMLName.CalDAV.propFilter)?.first(XMLName.CalDAV.textMatch))
        #expect(textMatch.text == "Review & plan")
        #expect(textMatch.attribute("collation") == "i;ascii-casemap")
        #expect(textMatch.attribute("negate-condition") == "no")
        let timeRange = try #require(event.first(XMLName.CalDAV.timeRange))
        #expect(timeRange.attributes == [XMLName("", "start"): "20260104T000000Z", XMLName("", "end"): "20260105T000000Z"])
    }

    @Test("a multiget lists its hrefs in order")
    func multiget() throws {
        let root = try DAVXMLParser.parse(Array(Bodies.multiget.utf8))
        #expect(root.name == XMLName.CalDAV.calendarMultiget)
        #expect(root.all(XMLName.DAV.href).map(\.text) == ["/dav/calendars/ana/office/meeting%20one.ics", "/dav/calendars/ana/office/b&c.ics"])
    }

    @Test("whitespace between elements is kept as text; elements skips it")
    func whitespaceIsKept() throws {
        let root = try DAVXMLParser.parse(Array("<a xmlns=\"urn:x\">\n  <b> x </b>\n</a>".utf8))
        #expect(root.children == [.text("\n  "), .element(XMLElement(XMLName("urn:x", "b"), text: " x ")), .text("\n")])
        #expect(root.elements.map(\.name) == [XMLName("urn:x", "b")])
    }

    @Test("CDATA joins the neighbouring text; comments and processing instructions are left out")
    func cdataCommentsAndInstructions() throws {
        let xml = "<?xml version=\"1.0\"?><!-- before --><a>one <![CDATA[<two> & ]]>three<!-- note --> four<?app data?><b/></a>"
        let root = try DAVXMLParser.parse(Array(xml.utf8))
        #expect(root == XMLElement(XMLName("", "a"), children: [.text("one <two> & three four"), .element(XMLElement(XMLName("", "b")))]))
    }

    @Test("elements and attributes without a namespace get the empty namespace; prefixed attributes keep theirs")
    func attributesByExpandedName() throws {
        let xml = #"<D:a xmlns:D="DAV:" xmlns:x="urn:x" plain="1" x:qualified="2" xml:lang="de"><b/></D:a>"#
        let root = try DAVXMLParser.parse(Array(xml.utf8))
        #expect(
            root.attributes == [
                XMLName("", "plain"): "1", XMLName("urn:x", "qualified"): "2", XMLName.xmlLang: "de",
            ])
        #expect(root.elements.first?.name == XMLName("", "b"))
    }

    @Test("character references and predefined entities are resolved")
    func characterReferences() throws {
        let root = try DAVXMLParser.parse(Array("<a>&lt;&amp;&gt;&quot;&apos;&#x10000;&#233;&#13;</a>".utf8))
        #expect(root.text == "<&>\"'\u{10000}\u{E9}\r")
    }

    @Test("a declared non-UTF-8 encoding is converted")
    func declaredEncoding() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf".utf8) + [0xE9] + Array("</a>".utf8)
        #expect(try DAVXMLParser.parse(bytes).text == "caf\u{E9}")
    }

    @Test("a UTF-8 byte order mark is accepted")
    func byteOrderMark() throws {
        #expect(try DAVXMLParser.parse([0xEF, 0xBB, 0xBF] + Array("<a>x</a>".utf8)).text == "x")
    }

    @Test("any byte collection can be parsed, as can a stored fragment")
    func otherInputs() throws {
        let xml = "<x:a xmlns:x=\"urn:x\">v</x:a>"
        let expected = XMLElement(XMLName("urn:x", "a"), text: "v")
        #expect(try DAVXMLParser.parse(xml.utf8) == expected)
        #expect(try DAVXMLParser.parse(ArraySlice(Array(xml.utf8))) == expected)
        #expect(try DAVXMLParser.parseFragment(xml) == expected)
    }
}
