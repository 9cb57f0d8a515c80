import DAVXML
import Testing

/// Extended MKCOL (RFC 5689) and MKCALENDAR (RFC 4791 §5.3.1) bodies.
struct MkcolRequestTests {
    static func request(_ xml: String) throws(DAVXMLError) -> MkcolRequest {
        try MkcolRequest(try DAVXMLParser.parse(Array(xml.utf8)))
    }

    @Test("a MKCALENDAR body gives its properties in order")
    func mkcalendar() throws {
        let request = try Self.request(
            """
            <?xml version="1.0" encoding="utf-8" ?>
            <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/">
              <D:set>
                <D:prop>
                  <D:displayname>Lisa's Events</D:displayname>
                  <C:calendar-description xml:lang="en">Calendar restricted to events.</C:calendar-description>
                  <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
                  <A:calendar-color>#FF2968FF</A:calendar-color>
                </D:prop>
              </D:set>
            </C:mkcalendar>
            """)
        #expect(
            request.properties.map(\.name) == [
                XMLName.DAV.displayname, XMLName.CalDAV.calendarDescription, XMLName.CalDAV.supportedCalendarComponentSet,
                XMLName.Apple.calendarColor,
            ])
        #expect(request.properties[1].attributes[XMLName.xmlLang] == "en")
        #expect(request.properties[2].first(XMLName.CalDAV.comp)?.attribute("name") == "VEVENT")
        #expect(request.resourceTypes.isEmpty)
    }

    @Test("an extended MKCOL names its resource types")
    func extendedMkcol() throws {
        let request = try Self.request(
            """
            <D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:set><D:prop>
                <D:resourcetype><D:collection/><C:calendar/></D:resourcetype>
                <D:displayname>Work</D:displayname>
              </D:prop></D:set>
            </D:mkcol>
            """)
        #expect(request.resourceTypes == [XMLName.DAV.collection, XMLName.CalDAV.calendar])
        #expect(request.properties.map(\.name) == [XMLName.DAV.resourcetype, XMLName.DAV.displayname])
    }

    @Test("an empty MKCALENDAR element sets nothing")
    func empty() throws {
        #expect(try Self.request(#"<C:mkcalendar xmlns:C="urn:ietf:params:xml:ns:caldav"/>"#) == MkcolRequest())
    }

    @Test(
        "a body that is not a usable MKCOL says what is wrong",
        arguments: [
            (
                #"<D:propertyupdate xmlns:D="DAV:"/>"#,
                "Expected a {DAV:}mkcol or {urn:ietf:params:xml:ns:caldav}mkcalendar body, found {DAV:}propertyupdate"
            ),
            (#"<D:mkcol xmlns:D="DAV:"><D:set/></D:mkcol>"#, "{DAV:}set must contain a {DAV:}prop"),
            (
                #"<D:mkcol xmlns:D="DAV:"><D:remove><D:prop><D:x/></D:prop></D:remove></D:mkcol>"#,
                "{DAV:}mkcol can only set properties, not remove them"
            ),
        ])
    func refusals(xml: String, message: String) {
        #expect(throws: DAVXMLError(message)) { try Self.request(xml) }
    }
}
