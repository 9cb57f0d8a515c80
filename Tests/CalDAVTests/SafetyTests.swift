import DAVXML
import Foundation
import Testing

/// Hostile and broken requests: entity expansion, external entities, huge and malformed
/// bodies. Each is a 4xx, the server keeps answering, and the stored data is unchanged.
struct SafetyTests {
    static let calendar = "/dav/calendars/alice/office/"

    /// Runs `attack` against a calendar with one object, then checks the server still answers
    /// and the calendar (ctag, members, text) is as it was.
    static func survives(_ attack: @Sendable (DAVClient) async throws -> Void) async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar(calendar).status == 201)
            let text = ICS.event(uid: "kept")
            #expect(try await client.put(calendar + "kept.ics", text).status == 201)
            let ctag = try await client.ctag(calendar)
            try await attack(client)
            #expect(try await client.ctag(calendar) == ctag)
            #expect(try await client.memberHrefs(calendar) == [calendar + "kept.ics"])
            #expect(try await client.get(calendar + "kept.ics").text == text)
            #expect(try await client.propfind("/dav/", props: "<D:current-user-principal/>").status == 207)
        }
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
        <?xml version="1.0"?>
        <!DOCTYPE D:propertyupdate [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <D:propertyupdate xmlns:D="DAV:" xmlns:X="urn:x-test"><D:set><D:prop><X:leak>&x;</X:leak></D:prop></D:set></D:propertyupdate>
        """

    @Test("a billion-laughs PROPFIND body is a 400, quickly, and the server carries on")
    func billionLaughs() async throws {
        try await Self.survives { client in
            let clock = ContinuousClock()
            let started = clock.now
            let answer = try await client.propfind(Self.calendar, Self.billionLaughs)
            #expect(answer.status == 400, "\(answer.text)")
            #expect(clock.now - started < .seconds(5))
            #expect(!answer.text.contains("lollol"))
        }
    }

    @Test("an external entity is never fetched: PROPPATCH and PROPFIND with one are 400 and nothing is stored")
    func externalEntity() async throws {
        try await Self.survives { client in
            let patch = try await client.proppatch(Self.calendar, Self.externalEntity)
            #expect(patch.status == 400, "\(patch.text)")
            #expect(!patch.text.contains("root:"))
            let propfindBody = Self.externalEntity.replacingOccurrences(of: "D:propertyupdate", with: "D:propfind")
            let find = try await client.propfind(Self.calendar, propfindBody)
            #expect(find.status == 400)
            #expect(!find.text.contains("root:"))
            let read = try await client.propfind(Self.calendar, props: #"<X:leak xmlns:X="urn:x-test"/>"#)
            #expect(try read.multistatus().responses.first?.status(of: XMLName("urn:x-test", "leak")) == 404)
        }
    }

    @Test("a 50 MB PUT is 413 without being stored; an XML body over 4 MiB too")
    func hugeBody() async throws {
        try await Self.survives { client in
            let huge = [UInt8](repeating: UInt8(ascii: "x"), count: 50 << 20)
            let answer = try await client.send("PUT", Self.calendar + "huge.ics", headers: ["Content-Type": "text/calendar"], body: huge)
            #expect(answer.status == 413)
            #expect(try await client.get(Self.calendar + "huge.ics").status == 404)
            let plain = try await client.send(
                "PUT", "/dav/calendars/alice/huge.bin", headers: ["Content-Type": "application/octet-stream"], body: huge)
            #expect(plain.status == 413)
            #expect(try await client.get("/dav/calendars/alice/huge.bin").status == 404)
            let padding = String(repeating: "<!-- padding -->", count: 300_000)
            let bigXML = XMLBodies.propfind("<D:displayname/>" + padding)
            #expect(bigXML.utf8.count > 4 << 20)
            #expect(try await client.propfind(Self.calendar, bigXML).status == 413, "XML bodies are limited to 4 MiB")
        }
    }

    @Test("malformed XML bodies of PROPFIND, PROPPATCH, REPORT and MKCALENDAR are 400 and create nothing")
    func malformedXML() async throws {
        try await Self.survives { client in
            let broken = #"<D:propfind xmlns:D="DAV:"><D:prop><D:displayname></D:prop>"#
            #expect(try await client.propfind(Self.calendar, broken).status == 400)
            #expect(try await client.proppatch(Self.calendar, "<D:propertyupdate xmlns:D=\"DAV:\"><D:set>").status == 400)
            #expect(try await client.report(Self.calendar, "<C:calendar-query xmlns:C=\"urn:ietf:params:xml:ns:caldav\">").status == 400)
            #expect(try await client.report(Self.calendar, "not xml at all").status == 400)
            let undeclared = #"<D:propfind xmlns:D="DAV:"><D:prop><X:unbound/></D:prop></D:propfind>"#
            #expect(try await client.propfind(Self.calendar, undeclared).status == 400)
            let mkcalendar = try await client.send(
                "MKCALENDAR", "/dav/calendars/alice/broken/", headers: ["Content-Type": "application/xml"], text: "<C:mkcalendar")
            #expect(mkcalendar.status == 400)
            #expect(try await client.propfind("/dav/calendars/alice/broken/", props: "<D:displayname/>").status == 404)
        }
    }

    @Test("malformed iCalendar PUTs are 4xx with valid-calendar-data and replace nothing")
    func malformedICalendar() async throws {
        try await Self.survives { client in
            let data = XMLName.CalDAV.validCalendarData
            let object = XMLName.CalDAV.validCalendarObjectResource
            let bodies: [(String, Set<XMLName>)] = [
                ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:kept\r\n", [data]),
                // Read leniently, as an empty VCALENDAR: no component to store.
                ("BEGIN:VCALENDAR\r\nEND:VEVENT\r\n", [data, object]),
                (
                    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:kept\r\nDTSTART:not-a-date\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                    [data]
                ),
                ("\u{0}\u{1}\u{2}binary", [data]),
            ]
            for (body, conditions) in bodies {
                let answer = try await client.put(Self.calendar + "kept.ics", body)
                #expect((400..<500).contains(answer.status), "\(body.debugDescription): \(answer.status)")
                let condition = try answer.errorCondition()
                #expect(condition.map(conditions.contains) == true, "\(body.debugDescription): \(answer.text)")
            }
            let invalidUTF8 = try await client.send(
                "PUT", Self.calendar + "kept.ics", headers: ["Content-Type": "text/calendar"], body: [0xFF, 0xFE, 0x00])
            #expect(invalidUTF8.status == 403)
        }
    }
}
