import DAVXML
import Foundation
import ICalendar
import SQLiteStore
import Store
import Testing

/// Bookings seen and changed through CalDAV: each is `<uid>.ics` in its schedule's calendar;
/// deleting it cancels the booking, moving its times reschedules it unless that would overlap
/// another confirmed booking.
struct BookingObjectTests {
    static let overlap = XMLName("urn:x-horario:ns", "no-booking-overlap")

    /// The booking's object as the client would edit it: the served text with new DTSTART/DTEND.
    static func moved(_ text: String, start: String, end: String) -> String {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("DTSTART") { return "DTSTART:\(start)" }
            if line.hasPrefix("DTEND") { return "DTEND:\(end)" }
            return String(line)
        }.joined(separator: "\r\n")
    }

    @Test("a booking appears as <uid>.ics: a confirmed VEVENT at the booking's time, listed in the schedule's calendar")
    func bookingIsAnObject() async throws {
        let server = try await DAVTestServer.make()
        let fixture = try await BookingFixture.make(server)
        let booking = try await fixture.book("2025-11-17T13:00:00Z", uid: "booking-1")
        try await server.run { client in
            let path = BookingFixture.objectPath(booking)
            #expect(try await client.memberHrefs(BookingFixture.calendarPath) == [path])
            let answer = try await client.get(path)
            #expect(answer.status == 200)
            let event = try #require(try ICS.parse(answer.text).components(named: "VEVENT").first)
            #expect(event.property("UID")?.value == "booking-1")
            #expect(event.property("DTSTART")?.value == "20251117T130000Z")
            #expect(event.property("DTEND")?.value == "20251117T135000Z")
            #expect(event.property("STATUS")?.value == "CONFIRMED")
            #expect(event.property("ORGANIZER")?.value == "mailto:alice@example.org")
        }
    }

    @Test("DELETE of a booking's object cancels the booking, removes the object and is reported deleted by sync-collection")
    func deleteCancels() async throws {
        let server = try await DAVTestServer.make()
        let fixture = try await BookingFixture.make(server)
        let booking = try await fixture.book("2025-11-17T13:00:00Z", uid: "booking-1")
        let other = try await fixture.book("2025-11-18T13:00:00Z", uid: "booking-2")
        try await server.run { client in
            let token = try await client.syncToken(BookingFixture.calendarPath)
            let path = BookingFixture.objectPath(booking)
            #expect(try await client.delete(path).status == 204)
            let stored = try await fixture.stored(booking)
            #expect(stored.status == .cancelled)
            #expect(stored.sequence == booking.sequence + 1)
            #expect(try await fixture.stored(other).status == .confirmed)
            #expect(try await server.store.bookingHistory(id: booking.id, ownedBy: booking.userId).map(\.actor) == [.calendarApp])
            #expect(try await client.get(path).status == 404)
            #expect(try await client.memberHrefs(BookingFixture.calendarPath) == [BookingFixture.objectPath(other)])
            let changes = try await client.report(BookingFixture.calendarPath, XMLBodies.syncCollection(token)).multistatus()
            #expect(changes.hrefs == [path])
            #expect(changes.response(path)?.status == 404)
        }
    }

    @Test("a stale If-Match keeps the booking; once cancelled, its object cannot be put back")
    func conditionsAndNoResurrection() async throws {
        let server = try await DAVTestServer.make()
        let fixture = try await BookingFixture.make(server)
        let booking = try await fixture.book("2025-11-17T13:00:00Z", uid: "booking-1")
        try await server.run { client in
            let path = BookingFixture.objectPath(booking)
            let text = try await client.get(path).text
            #expect(try await client.delete(path, headers: ["If-Match": "\"stale\""]).status == 412)
            #expect(try await fixture.stored(booking).status == .confirmed)
            let stalePut = try await client.put(
                path, Self.moved(text, start: "20251117T160000Z", end: "20251117T170000Z"), headers: ["If-Match": "\"stale\""])
            #expect(stalePut.status == 412)
            #expect(try await fixture.stored(booking).start == booking.start)

            #expect(try await client.delete(path).status == 204)
            let back = try await client.put(path, text)
            #expect(back.status == 403)
            #expect(try back.errorCondition() == XMLName("urn:x-horario:ns", "booking-calendar"))
            let stored = try await fixture.stored(booking)
            #expect(stored.status == .cancelled)
            #expect(stored.sequence == booking.sequence + 1)
        }
    }

    @Test("PUT of the booking's object with moved DTSTART/DTEND reschedules the booking: new times, sequence + 1")
    func putReschedules() async throws {
        let server = try await DAVTestServer.make()
        let fixture = try await BookingFixture.make(server)
        let booking = try await fixture.book("2025-11-17T13:00:00Z", uid: "booking-1")
        try await server.run { client in
            let path = BookingFixture.objectPath(booking)
            let current = try await client.get(path)
            let etag = try #require(current.header("ETag"))
            let text = Self.moved(current.text, start: "20251117T160000Z", end: "20251117T170000Z")
            let answer = try await client.put(path, text, headers: ["If-Match": etag])
            #expect(answer.status == 204, "\(answer.text)")
            #expect(answer.header("ETag") != etag)
            let stored = try await fixture.stored(booking)
            #expect(stored.start == ICS.date("2025-11-17T16:00:00Z"))
            #expect(stored.end == ICS.date("2025-11-17T17:00:00Z"))
            #expect(stored.sequence == booking.sequence + 1)
            #expect(stored.status == .confirmed)
            let event = try #require(try ICS.parse(try await client.get(path).text).components(named: "VEVENT").first)
            #expect(event.property("DTSTART")?.value == "20251117T160000Z")

            let sameTimes = try await client.put(path, text)
            #expect(sameTimes.status == 204)
            #expect(try await fixture.stored(booking).sequence == booking.sequence + 1, "an unchanged span is no reschedule")
            // The booking's history says a calendar app moved it, once.
            let history = try await server.store.bookingHistory(id: booking.id, ownedBy: booking.userId)
            #expect(history.map(\.action) == [.rescheduled])
            #expect(history.map(\.actor) == [.calendarApp])
        }
    }

    @Test("moving a booking onto another confirmed booking is 409 no-booking-overlap and changes nothing")
    func overlapRefused() async throws {
        let server = try await DAVTestServer.make()
        let fixture = try await BookingFixture.make(server)
        let booking = try await fixture.book("2025-11-17T13:00:00Z", uid: "booking-1")
        let other = try await fixture.book("2025-11-17T15:00:00Z", uid: "booking-2")
        try await server.run { client in
            let path = BookingFixture.objectPath(booking)
            let before = try await client.get(path)
            let ctag = try await client.ctag(BookingFixture.calendarPath)
            let answer = try await client.put(path, Self.moved(before.text, start: "20251117T152000Z", end: "20251117T161000Z"))
            #expect(answer.status == 409)
            #expect(try answer.errorCondition() == Self.overlap)
            let stored = try await fixture.stored(booking)
            #expect(stored.start == booking.start && stored.end == booking.end && stored.sequence == booking.sequence)
            #expect(try await fixture.stored(other).start == other.start)
            let after = try await client.get(path)
            #expect(after.text == before.text)
            #expect(after.header("ETag") == before.header("ETag"))
            #expect(try await client.ctag(BookingFixture.calendarPath) == ctag)
        }
    }
}
