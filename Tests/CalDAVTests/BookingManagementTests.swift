import DAVXML
import Foundation
import ICalendar
import Store
import Testing

/// After the booking: idempotent retries, the booker's cancel and reschedule links, the
/// expert's cancel and reschedule, and the iCalendar feeds — each visible in CalDAV in the
/// same transaction.
struct BookingManagementTests {
    static func link(_ answer: HTTPAnswer, _ name: String) throws -> String { try #require(answer.string("links." + name)) }

    @Test(
        "a retried POST with the same Idempotency-Key answers the first booking without any token; the first token still works; another request with the key is 422"
    )
    func idempotentRetries() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let first = try await client.book("alice", "online-consultation", start: "2025-11-17T12:00:00Z", idempotencyKey: "retry-1")
            #expect(first.status == 201)
            let again = try await client.book("alice", "online-consultation", start: "2025-11-17T12:00:00Z", idempotencyKey: "retry-1")
            #expect(again.status == 200, "\(again.text)")
            #expect(again.header("Idempotent-Replayed") == "true")
            #expect(again.string("booking.uid") == first.string("booking.uid"))
            #expect(try await fixture.bookings().count == 1)
            // A replay neither reveals nor rotates the token: whoever knows the key, e-mail and
            // start cannot lock the booker out.
            #expect(again.value("managementToken") == nil)
            #expect(again.value("links") == nil)
            #expect(!again.text.contains("hbk_"))
            #expect(try await client.json("GET", try Self.link(first, "manage")).status == 200)
            let other = try await client.book("alice", "online-consultation", start: "2025-11-17T12:50:00Z", idempotencyKey: "retry-1")
            #expect(other.status == 422)
            #expect(other.errorPaths == ["Idempotency-Key"])
            // A key is scoped to its event type and does not stop a different booking without it.
            #expect(try await client.book("alice", "online-consultation", start: "2025-11-17T12:50:00Z").status == 201)
            #expect(try await fixture.bookings().count == 2)
        }
    }

    @Test("the booker's token shows and cancels the booking; the object leaves the calendar, the slot is free again, a wrong token is 404")
    func bookerCancels() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let booked = try await client.book("alice", "online-consultation", start: "2025-11-17T12:00:00Z")
            let uid = try #require(booked.string("booking.uid"))
            let objectPath = ExpertFixture.remoteCalendar + uid + ".ics"
            let token = try await client.syncToken(ExpertFixture.remoteCalendar)

            #expect(try await client.json("GET", "/api/public/bookings/\(uid)?token=hbk_wrong").status == 404)
            #expect(try await client.json("POST", "/api/public/bookings/\(uid)/cancel?token=hbk_wrong").status == 404)
            let noToken = try await client.json("POST", "/api/public/bookings/\(uid)/cancel")
            #expect(noToken.status == 422)
            #expect(noToken.errorPaths == ["token"])
            let page = try await client.json("GET", try Self.link(booked, "cancel"))
            #expect(page.status == 200)
            #expect(page.string("status") == "confirmed")

            let cancelled = try await client.json("POST", try Self.link(booked, "cancel"), #"{"reason": "Feeling better"}"#)
            #expect(cancelled.status == 200, "\(cancelled.text)")
            #expect(cancelled.string("status") == "cancelled")
            #expect(cancelled.string("cancellationReason") == "Feeling better")
            #expect(cancelled.value("sequence") as? Int == 1)
            #expect(try await client.get(objectPath).status == 404)
            // A sync from the old token reports the removal.
            let sync = try await client.report(ExpertFixture.remoteCalendar, XMLBodies.syncCollection(token))
            #expect(sync.text.contains(uid + ".ics"))
            #expect(sync.text.contains("404"))
            // History is kept; the slot is offered again; a second cancel answers the same.
            let stored = try #require(try await fixture.bookings().first)
            #expect(stored.status == .cancelled)
            let starts = try await client.slotStarts("alice", "online-consultation", start: "2025-11-17T00:00:00Z", end: "2025-11-18T00:00:00Z")
            #expect(starts.first == "2025-11-17T12:00:00Z")
            #expect(try await client.json("POST", try Self.link(booked, "cancel")).string("status") == "cancelled")
        }
    }

    @Test("the booker reschedules to a free slot under the booking rules: SEQUENCE 1 in CalDAV, old slot free, taken or invalid slots 409")
    func bookerReschedules() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let booked = try await client.book("alice", "online-consultation", start: "2025-11-17T12:00:00Z")
            #expect(try await client.book("alice", "online-consultation", start: "2025-11-17T14:30:00Z", email: "rui@example.org").status == 201)
            let uid = try #require(booked.string("booking.uid"))
            let link = try Self.link(booked, "reschedule")
            let etag = try #require(try await client.get(ExpertFixture.remoteCalendar + uid + ".ics").header("ETag"))

            let taken = try await client.json("POST", link, #"{"start": "2025-11-17T14:30:00Z"}"#)
            #expect(taken.status == 409)
            #expect(taken.reasonCodes == ["taken"])
            let offGrid = try await client.json("POST", link, #"{"start": "2025-11-17T14:00:00Z"}"#)
            #expect(offGrid.reasonCodes.contains("not-a-slot-start"))
            // Moving onto its own time (or overlapping it) is fine: the booking is not in its own way.
            let moved = try await client.json("POST", link, #"{"start": "2025-11-17T12:50:00Z"}"#)
            #expect(moved.status == 200, "\(moved.text)")
            #expect(moved.string("start") == "2025-11-17T12:50:00Z")
            #expect(moved.value("sequence") as? Int == 1)

            let object = try await client.get(ExpertFixture.remoteCalendar + uid + ".ics")
            #expect(object.header("ETag") != etag)
            let event = try #require(try ICS.parse(object.text).components(named: "VEVENT").first)
            #expect(event.property("DTSTART")?.value == "20251117T125000Z")
            #expect(event.property("SEQUENCE")?.value == "1")
            let starts = try await client.slotStarts("alice", "online-consultation", start: "2025-11-17T00:00:00Z", end: "2025-11-18T00:00:00Z")
            #expect(starts.contains("2025-11-17T12:00:00Z"))
            #expect(!starts.contains("2025-11-17T12:50:00Z"))

            #expect(try await client.json("POST", try Self.link(booked, "cancel")).status == 200)
            let afterCancel = try await client.json("POST", link, #"{"start": "2025-11-17T13:40:00Z"}"#)
            #expect(afterCancel.status == 409)
        }
    }

    @Test("the expert cancels and reschedules through the admin API: hours do not bind, other bookings do; other users get 404")
    func expertActions() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let first = try #require(try await client.book("alice", "online-consultation", start: "2025-11-17T12:00:00Z").string("booking.uid"))
            #expect(try await client.book("alice", "online-consultation", start: "2025-11-17T14:30:00Z").status == 201)
            let id = try #require(try await fixture.bookings().first { $0.uid == first }?.id)

            // Saturday evening: outside every hour, but the expert decides.
            let saturday = try await client.json("POST", "/api/bookings/\(id)/reschedule", #"{"start": "2025-11-22T21:00:00Z"}"#, as: "alice")
            #expect(saturday.status == 200, "\(saturday.text)")
            #expect(saturday.string("end") == "2025-11-22T21:50:00Z")
            let overlap = try await client.json(
                "POST", "/api/bookings/\(id)/reschedule", #"{"start": "2025-11-17T14:00:00Z", "end": "2025-11-17T15:00:00Z"}"#, as: "alice")
            #expect(overlap.status == 409)
            #expect(overlap.string("detail")?.contains("2025-11-17T14:30:00Z") == true)
            let backwards = try await client.json(
                "POST", "/api/bookings/\(id)/reschedule", #"{"start": "2025-11-17T14:00:00Z", "end": "2025-11-17T13:00:00Z"}"#, as: "alice")
            #expect(backwards.status == 422)
            #expect(try await client.json("POST", "/api/bookings/\(id)/reschedule", #"{"start": "2025-11-24T12:00:00Z"}"#, as: "bob").status == 404)
            #expect(try await client.json("POST", "/api/bookings/\(id)/cancel", as: "bob").status == 404)

            let event = try #require(
                try ICS.parse(try await client.get(ExpertFixture.remoteCalendar + first + ".ics").text).components(named: "VEVENT").first)
            #expect(event.property("DTSTART")?.value == "20251122T210000Z")

            let cancelled = try await client.json("POST", "/api/bookings/\(id)/cancel", #"{"reason": "Expert ill"}"#, as: "alice")
            #expect(cancelled.status == 200)
            #expect(cancelled.string("status") == "cancelled")
            #expect(cancelled.string("cancellationReason") == "Expert ill")
            #expect(try await client.get(ExpertFixture.remoteCalendar + first + ".ics").status == 404)
            #expect(try await client.json("POST", "/api/bookings/\(id)/reschedule", #"{"start": "2025-11-24T12:00:00Z"}"#, as: "alice").status == 409)
        }
    }

    @Test("deleting a booking's object through CalDAV cancels it in the API and frees the slot")
    func caldavDeleteCancels() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let booked = try await client.book("alice", "online-consultation", start: "2025-11-17T12:00:00Z")
            let uid = try #require(booked.string("booking.uid"))
            #expect(try await client.delete(ExpertFixture.remoteCalendar + uid + ".ics").status == 204)
            let list = try await client.json("GET", "/api/bookings?status=cancelled", as: "alice")
            #expect(list.text.contains(uid))
            #expect(try await client.json("GET", try Self.link(booked, "manage")).string("status") == "cancelled")
            let starts = try await client.slotStarts("alice", "online-consultation", start: "2025-11-17T00:00:00Z", end: "2025-11-18T00:00:00Z")
            #expect(starts.first == "2025-11-17T12:00:00Z")
        }
    }

    @Test("the iCalendar feeds hold the confirmed bookings: all schedules at /api/bookings.ics, one at …/schedules/:id/bookings.ics")
    func feeds() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let online = try #require(try await client.book("alice", "online-consultation", start: "2025-11-17T12:00:00Z").string("booking.uid"))
            let clinic = try #require(try await client.book("alice", "in-person-consultation", start: "2025-11-18T17:00:00Z").string("booking.uid"))
            let cancelled = try await client.book("alice", "online-consultation", start: "2025-11-19T12:00:00Z")
            #expect(try await client.json("POST", try Self.link(cancelled, "cancel")).status == 200)

            let all = try await client.json("GET", "/api/bookings.ics", as: "alice")
            #expect(all.status == 200)
            #expect(all.header("Content-Type")?.hasPrefix("text/calendar") == true)
            let uids = try ICS.parse(all.text).components(named: "VEVENT").compactMap { $0.property("UID")?.value }
            #expect(Set(uids) == [online, clinic])
            let remote = try await client.json("GET", "/api/availability/schedules/\(fixture.remote.id)/bookings.ics", as: "alice")
            #expect(try ICS.parse(remote.text).components(named: "VEVENT").compactMap { $0.property("UID")?.value } == [online])
            #expect(try await client.json("GET", "/api/availability/schedules/\(fixture.remote.id)/bookings.ics", as: "bob").status == 404)
            #expect(try await client.json("GET", "/api/bookings.ics").status == 401)
            #expect(try await client.json("GET", "/api/bookings.ics?from=soon", as: "alice").status == 422)
        }
    }
}
