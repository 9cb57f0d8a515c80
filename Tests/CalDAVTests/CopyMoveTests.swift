import DAVXML
import Store
import Testing

/// COPY and MOVE of calendar objects (RFC 4918 §9.8, §9.9) between a user's calendars, with
/// Overwrite, and the objects of bookings, which stay in their schedule's calendar.
struct CopyMoveTests {
    static let work = "/dav/calendars/alice/office/"
    static let personal = "/dav/calendars/alice/personal/"

    static func withCalendars(_ server: DAVTestServer? = nil, _ body: @Sendable (DAVClient) async throws -> Void) async throws {
        let running = if let server { server } else { try await DAVTestServer.make() }
        try await running.run { client in
            #expect(try await client.mkcalendar(work).status == 201)
            #expect(try await client.mkcalendar(personal).status == 201)
            try await body(client)
        }
    }

    @Test("COPY creates (201), again with Overwrite: F is 412, with Overwrite: T replaces (204); both objects stay")
    func copy() async throws {
        try await Self.withCalendars { client in
            let text = ICS.event(uid: "a", summary: "Original")
            #expect(try await client.put(Self.work + "a.ics", text).status == 201)
            let ctag = try await client.ctag(Self.personal)
            let copied = try await client.send("COPY", Self.work + "a.ics", headers: ["Destination": Self.personal + "a.ics"])
            #expect(copied.status == 201)
            #expect(try await client.get(Self.personal + "a.ics").text == text)
            #expect(try await client.get(Self.work + "a.ics").text == text)
            #expect(try await client.ctag(Self.personal) != ctag)

            #expect(try await client.put(Self.work + "a.ics", ICS.event(uid: "a", summary: "Changed")).status == 204)
            let refused = try await client.send("COPY", Self.work + "a.ics", headers: ["Destination": Self.personal + "a.ics", "Overwrite": "F"])
            #expect(refused.status == 412)
            #expect(try await client.get(Self.personal + "a.ics").text == text)
            let replaced = try await client.send(
                "COPY", Self.work + "a.ics", headers: ["Destination": "http://127.0.0.1\(Self.personal)a.ics", "Overwrite": "T"])
            #expect(replaced.status == 204)
            #expect(try await client.get(Self.personal + "a.ics").text.contains("SUMMARY:Changed"))
        }
    }

    @Test("MOVE to a new name in another calendar is 201 and removes the source; onto an existing object Overwrite: F is 412")
    func move() async throws {
        try await Self.withCalendars { client in
            #expect(try await client.put(Self.work + "b.ics", ICS.event(uid: "b")).status == 201)
            #expect(try await client.put(Self.personal + "c.ics", ICS.event(uid: "c")).status == 201)
            let workTag = try await client.ctag(Self.work)
            let moved = try await client.send("MOVE", Self.work + "b.ics", headers: ["Destination": Self.personal + "b.ics"])
            #expect(moved.status == 201)
            #expect(try await client.get(Self.work + "b.ics").status == 404)
            #expect(try await client.get(Self.personal + "b.ics").text.contains("UID:b"))
            #expect(try await client.ctag(Self.work) != workTag)
            #expect(try await client.memberHrefs(Self.personal) == [Self.personal + "b.ics", Self.personal + "c.ics"])

            let refused = try await client.send("MOVE", Self.personal + "b.ics", headers: ["Destination": Self.personal + "c.ics", "Overwrite": "F"])
            #expect(refused.status == 412)
            #expect(try await client.get(Self.personal + "b.ics").status == 200)
            #expect(try await client.get(Self.personal + "c.ics").text.contains("UID:c"))

            let back = try await client.send("MOVE", Self.personal + "b.ics", headers: ["Destination": Self.work + "b.ics"])
            #expect(back.status == 201)
            let noDestination = try await client.send("MOVE", Self.work + "b.ics")
            #expect(noDestination.status == 400)
        }
    }

    @Test("MOVE renames within a calendar; COPY within one calendar is a UID conflict; a missing target calendar is 409")
    func renameAndConflicts() async throws {
        try await Self.withCalendars { client in
            #expect(try await client.put(Self.work + "a.ics", ICS.event(uid: "a")).status == 201)
            let renamed = try await client.send("MOVE", Self.work + "a.ics", headers: ["Destination": Self.work + "renamed.ics"])
            #expect(renamed.status == 201)
            #expect(try await client.memberHrefs(Self.work) == [Self.work + "renamed.ics"])
            let duplicate = try await client.send("COPY", Self.work + "renamed.ics", headers: ["Destination": Self.work + "twin.ics"])
            #expect(duplicate.status == 409)
            #expect(try duplicate.errorCondition() == XMLName.CalDAV.noUidConflict)
            let nowhere = try await client.send("COPY", Self.work + "renamed.ics", headers: ["Destination": "/dav/calendars/alice/nocalendar/a.ics"])
            #expect(nowhere.status == 409, "RFC 4918 §9.8.5: the destination's parent collection does not exist")
            let otherUser = try await client.send("COPY", Self.work + "renamed.ics", headers: ["Destination": "/dav/calendars/bob/office/a.ics"])
            #expect(otherUser.status == 403)
            #expect(try await client.memberHrefs(Self.work) == [Self.work + "renamed.ics"])
        }
    }

    @Test("dead properties travel with a MOVE and a COPY")
    func deadPropertiesTravel() async throws {
        try await Self.withCalendars { client in
            #expect(try await client.put(Self.work + "a.ics", ICS.event(uid: "a")).status == 201)
            let patch = try await client.proppatch(Self.work + "a.ics", XMLBodies.proppatch(set: #"<X:tag xmlns:X="urn:x-test">red</X:tag>"#))
            #expect(try patch.multistatus().responses.first?.propStatStatuses == [200])
            #expect(try await client.send("COPY", Self.work + "a.ics", headers: ["Destination": Self.personal + "a.ics"]).status == 201)
            #expect(try await client.send("MOVE", Self.work + "a.ics", headers: ["Destination": Self.work + "b.ics"]).status == 201)
            for path in [Self.personal + "a.ics", Self.work + "b.ics"] {
                let read = try await client.propfind(path, props: #"<X:tag xmlns:X="urn:x-test"/>"#)
                #expect(try read.multistatus().response(path)?.property(XMLName("urn:x-test", "tag"))?.text == "red", "\(path)")
            }
        }
    }

    @Test("a booking's object cannot be moved out of its schedule's calendar, and nothing can be copied into it")
    func bookingObjectStays() async throws {
        let server = try await DAVTestServer.make()
        let fixture = try await BookingFixture.make(server)
        let booking = try await fixture.book("2025-11-17T13:00:00Z", uid: "booked")
        try await Self.withCalendars(server) { client in
            let source = BookingFixture.objectPath(booking)
            let moved = try await client.send("MOVE", source, headers: ["Destination": Self.work + "booked.ics"])
            #expect([403, 409].contains(moved.status), "\(moved.status) \(moved.text)")
            #expect(try await client.get(source).status == 200)
            #expect(try await client.get(Self.work + "booked.ics").status == 404)
            #expect(try await fixture.stored(booking).status == .confirmed)

            #expect(try await client.put(Self.work + "x.ics", ICS.event(uid: "x")).status == 201)
            let copied = try await client.send("COPY", Self.work + "x.ics", headers: ["Destination": BookingFixture.calendarPath + "x.ics"])
            #expect(copied.status == 403)
            #expect(try copied.errorCondition() == XMLName("urn:x-horario:ns", "booking-calendar"))
            #expect(try await client.memberHrefs(BookingFixture.calendarPath) == [source])
        }
    }
}
