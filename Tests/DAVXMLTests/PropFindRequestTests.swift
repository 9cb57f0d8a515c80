import DAVXML
import Testing

/// PROPFIND bodies (RFC 4918 §9.1, §14.20).
struct PropFindRequestTests {
    static func request(_ xml: String) throws(DAVXMLError) -> PropFindRequest {
        try PropFindRequest(try DAVXMLParser.parse(Array(xml.utf8)))
    }

    @Test("a prop list gives the property names in order")
    func properties() throws {
        let request = try Self.request(Bodies.thunderbirdPropfind)
        guard case .properties(let names) = request.kind else {
            Issue.record("expected properties, got \(request.kind)")
            return
        }
        #expect(names.count == 7)
        #expect(names.first == XMLName.DAV.resourcetype)
        #expect(names.last == XMLName.CalendarServer.getctag)
    }

    @Test("Apple's and DAVx5's bodies are property lists too")
    func otherClients() throws {
        for body in [Bodies.applePropfind, Bodies.davx5Propfind] {
            let request = try Self.request(body)
            guard case .properties(let names) = request.kind else {
                Issue.record("expected properties, got \(request.kind)")
                continue
            }
            #expect(names.contains(XMLName.Apple.calendarColor))
        }
    }

    @Test("allprop, with and without include, and propname")
    func otherKinds() throws {
        #expect(try Self.request(#"<propfind xmlns="DAV:"><allprop/></propfind>"#) == .allProperties)
        #expect(
            try Self.request(
                #"<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:allprop/><D:include><C:calendar-home-set/></D:include></D:propfind>"#
            )
                == PropFindRequest(kind: .allProperties(include: [XMLName.CalDAV.calendarHomeSet])))
        #expect(try Self.request(#"<D:propfind xmlns:D="DAV:"><D:propname/></D:propfind>"#) == PropFindRequest(kind: .propertyNames))
    }

    @Test("unknown elements are ignored (RFC 4918 §17)")
    func extensibility() throws {
        let request = try Self.request(#"<D:propfind xmlns:D="DAV:" xmlns:X="urn:x"><X:hint/><D:prop><D:getetag/></D:prop>text</D:propfind>"#)
        #expect(request == PropFindRequest(kind: .properties([XMLName.DAV.getetag])))
    }

    @Test("repeated property names are listed once; several prop elements are merged")
    func duplicates() throws {
        let request = try Self.request(
            #"<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:displayname/><D:getetag/></D:prop><D:prop><D:owner/></D:prop></D:propfind>"#)
        #expect(request == PropFindRequest(kind: .properties([XMLName.DAV.getetag, XMLName.DAV.displayname, XMLName.DAV.owner])))
    }

    @Test(
        "a body that is not a usable propfind says what is wrong",
        arguments: [
            (#"<D:prop xmlns:D="DAV:"/>"#, "Expected a {DAV:}propfind body, found {DAV:}prop"),
            (#"<propfind><prop/></propfind>"#, "Expected a {DAV:}propfind body, found {}propfind"),
            (#"<D:propfind xmlns:D="DAV:"/>"#, "{DAV:}propfind must contain prop, allprop or propname"),
            (
                #"<D:propfind xmlns:D="DAV:"><D:allprop/><D:propname/></D:propfind>"#,
                "{DAV:}propfind must contain only one of prop, allprop or propname"
            ),
        ])
    func refusals(xml: String, message: String) {
        #expect(throws: DAVXMLError(message)) { try Self.request(xml) }
    }

    @Test("the prop helper reads a REPORT's prop and refuses a missing one")
    func propHelper() throws {
        let report = try DAVXMLParser.parse(Array(Bodies.multiget.utf8))
        #expect(try PropFindRequest.properties(in: report.first(XMLName.DAV.prop)) == [XMLName.DAV.getetag, XMLName.CalDAV.calendarData])
        #expect(throws: DAVXMLError("Missing {DAV:}prop element")) { try PropFindRequest.properties(in: nil) }
    }
}
