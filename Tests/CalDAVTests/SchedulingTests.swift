import DAVXML
import Foundation
import ICalendar
import SQLiteStore
import Store
import Testing

@testable import CalDAV

/// CalDAV scheduling (RFC 6638) between the server's users: invitations in the attendee's
/// inbox and calendar, replies merged into the organizer's copy, Schedule-Tag semantics,
/// cancellations, and the inbox as a collection only its owner reads.
struct SchedulingTests {
    static let alicePlanning = ICS.event(
        uid: "planning", start: "20310304T140000Z", end: "20310304T150000Z", summary: "Planning",
        extra: [
            "SEQUENCE:0", "ORGANIZER;CN=Alice:mailto:alice@example.org", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:alice@example.org",
            "ATTENDEE;CN=Bob;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.org",
        ])

    @Test("the Schedule-Tag ignores participation, timestamps and order, and follows the time")
    func scheduleTag() throws {
        let tag = try #require(ScheduleTag.of(Self.alicePlanning))
        let accepted = Self.alicePlanning.replacingOccurrences(of: "CN=Bob;PARTSTAT=NEEDS-ACTION;RSVP=TRUE", with: "PARTSTAT=ACCEPTED;CN=Bob")
            .replacingOccurrences(of: "DTSTAMP:20251101T120000Z", with: "DTSTAMP:20261208T000000Z")
            .replacingOccurrences(of: "SEQUENCE:0", with: "SEQUENCE:1")
        #expect(ScheduleTag.of(accepted) == tag)
        let reordered = Self.alicePlanning.replacingOccurrences(of: "SUMMARY:Planning\r\n", with: "")
            .replacingOccurrences(of: "END:VEVENT", with: "SUMMARY:Planning\r\nEND:VEVENT")
        #expect(ScheduleTag.of(reordered) == tag)
        #expect(ScheduleTag.of(Self.alicePlanning.replacingOccurrences(of: "T140000Z", with: "T160000Z")) != tag)
        #expect(ScheduleTag.of(ICS.event(uid: "plain")) == nil, "an object without ORGANIZER is no scheduling object")
    }

    @Test("addresses name users by e-mail in any case, or by principal URL, relative or absolute")
    func addresses() {
        let bob = User(id: "b", username: "bob", displayName: "Bob", email: "Bob@Example.org", timeZone: "UTC", createdAt: Date())
        #expect(CalendarUserAddress("MAILTO:bob@example.ORG").names(bob))
        #expect(CalendarUserAddress("/dav/principals/bob/").names(bob))
        #expect(CalendarUserAddress("https://horario.example/dav/principals/bob/").names(bob))
        #expect(!CalendarUserAddress("mailto:bobby@example.org").names(bob))
        #expect(!CalendarUserAddress("urn:uuid:bob").names(bob))
    }

    @Test("an invitation reaches the attendee's inbox and a calendar made for them; only they read their inbox")
    func invitation() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar("/dav/calendars/alice/meetings/").status == 201)
            let put = try await client.put("/dav/calendars/alice/meetings/planning.ics", Self.alicePlanning)
            #expect(put.status == 201)
            #expect(put.header("Schedule-Tag") != nil)
            #expect(put.header("ETag") == nil, "the stored text gained SCHEDULE-STATUS, so no ETag (RFC 4791 §5.3.4)")
            let stored = try await client.get("/dav/calendars/alice/meetings/planning.ics")
            #expect(stored.text.contains("SCHEDULE-STATUS=1.2"))
            #expect(stored.header("Schedule-Tag") == put.header("Schedule-Tag"))

            let inbox = try await client.memberHrefs("/dav/calendars/bob/inbox/", as: "bob")
            #expect(inbox.count == 1)
            let href = try #require(inbox.first)
            let message = try await client.get(href, as: "bob")
            #expect(message.status == 200)
            #expect(message.text.contains("METHOD:REQUEST") && message.text.contains("UID:planning"))
            #expect(!message.text.contains("SCHEDULE-STATUS"))
            #expect(try await client.get(href, as: "alice").status == 403)

            let copy = try await client.get(
                "/dav/calendars/bob/calendar/" + (try await Self.objectName(server, user: "bob", uid: "planning")), as: "bob")
            #expect(copy.status == 200)
            #expect(!copy.text.contains("METHOD"))
            #expect(copy.header("Schedule-Tag") == put.header("Schedule-Tag"))

            #expect(try await client.send("DELETE", href, as: "bob").status == 204)
            #expect(try await client.memberHrefs("/dav/calendars/bob/inbox/", as: "bob").isEmpty)
        }
    }

    @Test("the attendee's acceptance updates the organizer's copy and keeps both tags; a stale If-Schedule-Tag-Match is refused")
    func reply() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar("/dav/calendars/alice/meetings/").status == 201)
            let put = try await client.put("/dav/calendars/alice/meetings/planning.ics", Self.alicePlanning)
            let path = "/dav/calendars/bob/calendar/" + (try await Self.objectName(server, user: "bob", uid: "planning"))
            let copy = try await client.get(path, as: "bob")
            let accepted = copy.text.replacingOccurrences(of: "PARTSTAT=NEEDS-ACTION", with: "PARTSTAT=ACCEPTED")
            let answer = try await client.put(path, accepted, headers: ["If-Schedule-Tag-Match": copy.header("Schedule-Tag") ?? ""], as: "bob")
            #expect(answer.status == 204)
            #expect(answer.header("Schedule-Tag") == copy.header("Schedule-Tag"))

            let organizer = try await client.get("/dav/calendars/alice/meetings/planning.ics")
            let unfolded = organizer.text.replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.contains("ATTENDEE;CN=Bob;RSVP=TRUE;PARTSTAT=ACCEPTED;SCHEDULE-STATUS=2.0:mailto:bob@example.org"))
            #expect(organizer.header("Schedule-Tag") == put.header("Schedule-Tag"))
            let replies = try await client.memberHrefs("/dav/calendars/alice/inbox/")
            #expect(replies.count == 1)

            let stale = try await client.put(path, accepted, headers: ["If-Schedule-Tag-Match": "\"s-0000000000000000\""], as: "bob")
            #expect(stale.status == 412)
        }
    }

    @Test("the organizer's delete cancels the attendee's copy; a booking cancelled through CalDAV reaches a booker who is a user here")
    func cancellations() async throws {
        let server = try await DAVTestServer.make()
        let fixture = try await BookingFixture.make(server)
        let booking = try await fixture.book("2025-11-17T13:00:00Z", uid: "booking-bob", bookerEmail: "BOB@example.org")
        try await server.run { client in
            #expect(try await client.mkcalendar("/dav/calendars/alice/meetings/").status == 201)
            #expect(try await client.put("/dav/calendars/alice/meetings/planning.ics", Self.alicePlanning).status == 201)
            #expect(try await client.send("DELETE", "/dav/calendars/alice/meetings/planning.ics").status == 204)
            let path = "/dav/calendars/bob/calendar/" + (try await Self.objectName(server, user: "bob", uid: "planning"))
            #expect(try await client.get(path, as: "bob").text.contains("STATUS:CANCELLED"))

            #expect(try await client.send("DELETE", BookingFixture.objectPath(booking)).status == 204)
            let messages = try await server.store.inboxMessages(ownedBy: server.user("bob").id, withData: true)
            #expect(messages.map(\.method).sorted() == ["CANCEL", "CANCEL", "REQUEST"])
            #expect(messages.contains { $0.uid == "booking-bob" && $0.method == "CANCEL" && $0.ics.contains("METHOD:CANCEL") })
            #expect(
                try await server.store.calendarObjects(uid: "booking-bob", ownedBy: server.user("bob").id).isEmpty, "no copy to cancel: none made")
        }
    }

    static func objectName(_ server: DAVTestServer, user: String, uid: String) async throws -> String {
        try #require(try await server.store.calendarObjects(uid: uid, ownedBy: server.user(user).id).first).name
    }
}
