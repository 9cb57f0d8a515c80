import DAVXML
import ICalendar
import Testing

/// Making and changing collections: MKCALENDAR with its properties (RFC 4791 §5.3.1),
/// extended MKCOL (RFC 5689), plain MKCOL (RFC 4918 §9.3), PROPPATCH all-or-nothing (RFC 4918
/// §9.2), and a schedule's calendar-availability (RFC 7953 §7.2.4).
struct CollectionTests {
    typealias D = XMLName.DAV
    typealias C = XMLName.CalDAV

    static let newYorkTimezone = ICS.lines(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Horario Tests//EN"] + ICS.newYorkZone + ["END:VCALENDAR"])

    @Test("MKCALENDAR sets displayname, description, colour, time zone and components; PROPFIND reads them back")
    func mkcalendarWithProperties() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let path = "/dav/calendars/alice/events/"
            let answer = try await client.mkcalendar(
                path,
                props: """
                    <D:displayname>Events &amp; more</D:displayname><C:calendar-description>Only events</C:calendar-description>
                    <A:calendar-color>#00AA00</A:calendar-color><C:calendar-timezone><![CDATA[\(Self.newYorkTimezone)]]></C:calendar-timezone>
                    <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
                    <X:note xmlns:X="urn:x-test">kept as a dead property</X:note>
                    """)
            #expect(answer.status == 201, "\(answer.text)")
            let read = try await client.propfind(
                path,
                props: """
                    <D:resourcetype/><D:displayname/><C:calendar-description/><A:calendar-color/><C:calendar-timezone/>
                    <C:supported-calendar-component-set/><X:note xmlns:X="urn:x-test"/>
                    """)
            let response = try #require(try read.multistatus().response(path))
            #expect(response.propStatStatuses == [200])
            #expect(response.property(D.resourcetype)?.elements.map(\.name) == [D.collection, C.calendar])
            #expect(response.property(D.displayname)?.text == "Events & more")
            #expect(response.property(C.calendarDescription)?.text == "Only events")
            #expect(response.property(A.calendarColor)?.text == "#00AA00")
            let zone = try ICS.parse(try #require(response.property(C.calendarTimezone)?.text))
            #expect(zone.components(named: "VTIMEZONE").first?.property("TZID")?.value == "America/New_York")
            #expect(response.property(C.supportedCalendarComponentSet)?.all(C.comp).map { $0.attribute("name") } == ["VEVENT"])
            #expect(response.property(XMLName("urn:x-test", "note"))?.text == "kept as a dead property")

            let again = try await client.mkcalendar(path)
            #expect(again.status == 403)
            #expect(try again.errorCondition() == XMLName(XMLNamespace.dav, "resource-must-be-null"))
            #expect(
                try await client.propfind(path, props: "<D:displayname/>").multistatus().response(path)?.property(D.displayname)?.text
                    == "Events & more")
        }
    }

    @Test("MKCALENDAR with an unreadable time zone, an unknown component or a protected property creates nothing")
    func mkcalendarRefusals() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let cases: [(String, XMLName)] = [
                ("<C:calendar-timezone>not a calendar</C:calendar-timezone>", C.validCalendarData),
                (#"<C:supported-calendar-component-set><C:comp name="VPOLL"/></C:supported-calendar-component-set>"#, C.supportedCalendarComponent),
                ("<D:getetag>\"x\"</D:getetag>", D.cannotModifyProtectedProperty),
            ]
            for (index, (props, condition)) in cases.enumerated() {
                let path = "/dav/calendars/alice/refused\(index)/"
                let answer = try await client.mkcalendar(path, props: props)
                #expect(answer.status == 403, "\(props): \(answer.text)")
                #expect(try answer.errorCondition() == condition, "\(props)")
                #expect(try await client.propfind(path, props: "<D:displayname/>").status == 404, "\(props)")
            }
            let inbox = try await client.mkcalendar("/dav/calendars/alice/inbox/")
            #expect(inbox.status == 403)
            let nested = try await client.mkcalendar("/dav/calendars/alice/a/b/")
            #expect(nested.status == 403)
            #expect(try nested.errorCondition() == C.calendarCollectionLocationOk)
        }
    }

    @Test("extended MKCOL with resourcetype calendar makes a calendar; plain MKCOL makes a plain collection")
    func extendedAndPlainMkcol() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let body = """
                <?xml version="1.0" encoding="utf-8"?>
                <D:mkcol \(XMLBodies.namespaces)><D:set><D:prop>
                  <D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>Via MKCOL</D:displayname>
                </D:prop></D:set></D:mkcol>
                """
            let extended = try await client.send("MKCOL", "/dav/calendars/alice/viamkcol/", headers: ["Content-Type": "application/xml"], text: body)
            #expect(extended.status == 201, "\(extended.text)")
            let calendar = try #require(
                try await client.propfind("/dav/calendars/alice/viamkcol/", props: "<D:resourcetype/><D:displayname/>").multistatus().responses.first)
            #expect(calendar.property(D.resourcetype)?.elements.map(\.name) == [D.collection, C.calendar])
            #expect(calendar.property(D.displayname)?.text == "Via MKCOL")
            #expect(try await client.put("/dav/calendars/alice/viamkcol/a.ics", ICS.event(uid: "a")).status == 201)

            let plain = try await client.send("MKCOL", "/dav/calendars/alice/files/")
            #expect(plain.status == 201)
            let folder = try #require(
                try await client.propfind("/dav/calendars/alice/files/", props: "<D:resourcetype/>").multistatus().responses.first)
            #expect(folder.property(D.resourcetype)?.elements.map(\.name) == [D.collection])
            let file = try await client.send("PUT", "/dav/calendars/alice/files/notes.txt", headers: ["Content-Type": "text/plain"], text: "hello")
            #expect(file.status == 201)
            #expect(try await client.get("/dav/calendars/alice/files/notes.txt").text == "hello")
            let listing = try await client.propfind("/dav/calendars/alice/files/", depth: "1", props: "<D:getcontentlength/>").multistatus()
            #expect(listing.response("/dav/calendars/alice/files/notes.txt")?.property(D.getcontentlength)?.text == "5")

            #expect(try await client.send("MKCOL", "/dav/calendars/alice/files/").status == 405, "already exists")
            let inCalendar = try await client.send("MKCOL", "/dav/calendars/alice/viamkcol/sub/")
            #expect(inCalendar.status == 403)
            #expect(try inCalendar.errorCondition() == C.calendarCollectionLocationOk)
            let notXML = try await client.send("MKCOL", "/dav/calendars/alice/other/", headers: ["Content-Type": "text/plain"], text: "hi")
            #expect(notXML.status == 415)
            #expect(try await client.propfind("/dav/calendars/alice/other/", props: "<D:resourcetype/>").status == 404)
            #expect(try await client.send("MKCOL", "/dav/calendars/alice/missing/child/").status == 409, "no parent")
        }
    }

    @Test("PROPPATCH sets and removes writable calendar properties and dead properties, all 200")
    func proppatchWritable() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let path = "/dav/calendars/alice/office/"
            #expect(try await client.mkcalendar(path, props: "<A:calendar-color>#123456</A:calendar-color>").status == 201)
            let ctagBefore = try await client.ctag(path)
            let answer = try await client.proppatch(
                path,
                XMLBodies.proppatch(
                    set: """
                        <D:displayname>Work stuff</D:displayname><C:calendar-description>Job</C:calendar-description>
                        <A:calendar-order>7</A:calendar-order><X:tag xmlns:X="urn:x-test">blue</X:tag>
                        """, remove: "<A:calendar-color/>"))
            let response = try #require(try answer.multistatus().response(path))
            #expect(response.propStatStatuses == [200])
            #expect(
                Set(response.propStats[0].properties.map(\.name)) == [
                    D.displayname, C.calendarDescription, A.calendarOrder, XMLName("urn:x-test", "tag"), A.calendarColor,
                ])
            let read = try #require(
                try await client.propfind(
                    path,
                    props: #"<D:displayname/><C:calendar-description/><A:calendar-order/><A:calendar-color/><X:tag xmlns:X="urn:x-test"/>"#
                ).multistatus().response(path))
            #expect(read.property(D.displayname)?.text == "Work stuff")
            #expect(read.property(C.calendarDescription)?.text == "Job")
            #expect(read.property(A.calendarOrder)?.text == "7")
            #expect(read.status(of: A.calendarColor) == 404)
            #expect(read.property(XMLName("urn:x-test", "tag"))?.text == "blue")
            #expect(try await client.ctag(path) != ctagBefore, "a property change is a change of the calendar")
        }
    }

    @Test("PROPPATCH of getetag is 403 cannot-modify-protected-property, the rest 424, and nothing changes")
    func proppatchProtected() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let path = "/dav/calendars/alice/office/"
            #expect(try await client.mkcalendar(path, props: "<D:displayname>Work</D:displayname>").status == 201)
            let ctagBefore = try await client.ctag(path)
            let answer = try await client.proppatch(
                path,
                XMLBodies.proppatch(set: #"<D:displayname>Changed</D:displayname><D:getetag>"x"</D:getetag><X:tag xmlns:X="urn:x-test">v</X:tag>"#))
            let response = try #require(try answer.multistatus().response(path))
            #expect(response.propStatStatuses == [403, 424])
            let forbidden = try #require(response.propStats.first { $0.status == 403 })
            #expect(forbidden.properties.map(\.name) == [D.getetag])
            #expect(forbidden.error == D.cannotModifyProtectedProperty)
            #expect(
                Set(try #require(response.propStats.first { $0.status == 424 }).properties.map(\.name)) == [
                    D.displayname, XMLName("urn:x-test", "tag"),
                ])

            let badOrder = try await client.proppatch(
                path, XMLBodies.proppatch(set: "<A:calendar-order>first</A:calendar-order><D:displayname>Changed</D:displayname>"))
            #expect(try badOrder.multistatus().response(path)?.propStatStatuses == [409, 424])

            let read = try #require(
                try await client.propfind(path, props: #"<D:displayname/><X:tag xmlns:X="urn:x-test"/>"#).multistatus().response(path))
            #expect(read.property(D.displayname)?.text == "Work")
            #expect(read.status(of: XMLName("urn:x-test", "tag")) == 404)
            #expect(try await client.ctag(path) == ctagBefore)
        }
    }

    @Test("a schedule's calendar-availability is a VCALENDAR with one VAVAILABILITY: weekly AVAILABLE blocks in the schedule's zone")
    func calendarAvailability() async throws {
        let server = try await DAVTestServer.make()
        _ = try await BookingFixture.make(server)
        try await server.run { client in
            let path = BookingFixture.calendarPath
            let answer = try await client.propfind(path, props: "<C:calendar-availability/>")
            let response = try #require(try answer.multistatus().response(path))
            let calendar = try ICS.parse(try #require(response.property(C.calendarAvailability)?.text))
            let availabilities = calendar.components(named: "VAVAILABILITY")
            #expect(availabilities.count == 1)
            #expect(calendar.components.allSatisfy { $0.name == "VAVAILABILITY" || $0.name == "VTIMEZONE" })
            let blocks = try #require(availabilities.first).components(named: "AVAILABLE")
            #expect(blocks.count == 5)
            #expect(Set(blocks.compactMap { $0.property("RRULE")?.value }) == Set(["MO", "TU", "WE", "TH", "FR"].map { "FREQ=WEEKLY;BYDAY=\($0)" }))
            for block in blocks {
                #expect(block.property("DTSTART")?.parameter("TZID") == "America/Sao_Paulo")
                #expect(block.property("DTSTART")?.value.hasSuffix("T090000") == true)
                #expect(block.property("DTEND")?.value.hasSuffix("T170000") == true)
            }
            let client404 = try await client.mkcalendar("/dav/calendars/alice/mine/")
            #expect(client404.status == 201)
            let mine = try await client.propfind("/dav/calendars/alice/mine/", props: "<C:calendar-availability/>")
            #expect(try mine.multistatus().responses.first?.status(of: C.calendarAvailability) == 404)
        }
    }

    @Test("a schedule's calendar-timezone is a VCALENDAR holding the VTIMEZONE of the schedule's zone (RFC 4791 §5.2.2)")
    func scheduleCalendarTimezone() async throws {
        let server = try await DAVTestServer.make()
        _ = try await BookingFixture.make(server)
        try await server.run { client in
            let path = BookingFixture.calendarPath
            let answer = try await client.propfind(path, props: "<C:calendar-timezone/>")
            let text = try #require(try answer.multistatus().response(path)?.property(C.calendarTimezone)?.text)
            let zone = try ICS.parse(text)
            #expect(zone.components(named: "VTIMEZONE").first?.property("TZID")?.value == "America/Sao_Paulo")
        }
    }
}

private typealias A = XMLName.Apple
