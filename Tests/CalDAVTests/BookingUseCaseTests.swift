import Availability
import Foundation
import ICalendar
import Store
import Testing

/// The spec's use cases end to end through the public API: event types book only from their
/// schedule, one expert's bookings block every schedule, overrides and the expert's own
/// CalDAV events take time away.
struct BookingUseCaseTests {
    @Test("Dr. João: online consultations come from Remote Work hours, in-person ones only from Clinic hours (Tue/Thu 14:00–18:00)")
    func eachEventTypeUsesItsSchedule() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let week = ("2025-11-17", "2025-11-21")
            let inPerson = try await client.slotStarts("alice", "in-person-consultation", start: week.0, end: week.1)
            #expect(
                inPerson == [
                    "2025-11-18T17:00:00Z", "2025-11-18T17:50:00Z", "2025-11-18T18:40:00Z", "2025-11-18T19:30:00Z",
                    "2025-11-20T17:00:00Z", "2025-11-20T17:50:00Z", "2025-11-20T18:40:00Z", "2025-11-20T19:30:00Z",
                ])
            let online = try await client.slotStarts("alice", "online-consultation", start: week.0, end: week.1)
            #expect(online.count == 5 * 9)
            // Monday 10:00 is a remote hour, not a clinic one.
            let monday = try await client.book("alice", "in-person-consultation", start: "2025-11-17T13:00:00Z")
            #expect(monday.status == 409)
            #expect(monday.reasonCodes == ["outside-hours"])
            let booked = try await client.book("alice", "in-person-consultation", start: "2025-11-18T17:00:00Z")
            #expect(booked.status == 201)
            #expect(booked.string("booking.location") == "Clínica São Paulo, Av. Paulista, 1000, São Paulo, SP, 01310-100, Brazil")
            // The in-person booking is an object of the clinic's calendar, not the remote one.
            let uid = try #require(booked.string("booking.uid"))
            #expect(try await client.get(ExpertFixture.remoteCalendar + uid + ".ics").status == 404)
            #expect(try await client.get(ExpertFixture.clinicCalendar + uid + ".ics").status == 200)
        }
    }

    @Test("one person cannot be in two places: a booking on one schedule blocks the same time on the expert's other schedules")
    func bookingsBlockOtherSchedules() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            // Tuesday 14:00 São Paulo, online.
            #expect(try await client.book("alice", "online-consultation", start: "2025-11-18T17:00:00Z").status == 201)
            let clinic = try await client.slotStarts("alice", "in-person-consultation", start: "2025-11-18", end: "2025-11-18")
            #expect(clinic == ["2025-11-18T17:50:00Z", "2025-11-18T18:40:00Z", "2025-11-18T19:30:00Z"])
            let clash = try await client.book("alice", "in-person-consultation", start: "2025-11-18T17:00:00Z")
            #expect(clash.status == 409)
            #expect(clash.reasonCodes == ["taken"])
            // Bob's bookings are his own business.
            #expect(try await fixture.bookings().count == 1)
        }
    }

    @Test("a date override of type unavailable removes that day's slots; a custom one replaces its hours")
    func overrides() async throws {
        let overrides = [
            DateOverride(date: "2025-11-19", type: .unavailable, reason: "Holiday"),
            DateOverride(date: "2025-11-20", type: .custom, slots: [TimeSlot(startTime: "10:00", endTime: "11:40")]),
        ]
        let fixture = try await ExpertFixture.make(remoteOverrides: overrides)
        try await fixture.server.run { client in
            #expect(try await client.slotStarts("alice", "online-consultation", start: "2025-11-19", end: "2025-11-19").isEmpty)
            #expect(
                try await client.slotStarts("alice", "online-consultation", start: "2025-11-20", end: "2025-11-20") == [
                    "2025-11-20T13:00:00Z", "2025-11-20T13:50:00Z",
                ])
            let holiday = try await client.book("alice", "online-consultation", start: "2025-11-19T12:00:00Z")
            #expect(holiday.reasonCodes == ["date-unavailable"])
            #expect(holiday.string("detail")?.contains("Holiday") == true)
        }
    }

    @Test("the expert's own opaque CalDAV events, recurring ones expanded, are busy; transparent and cancelled ones are not")
    func personalEventsAreBusy() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            #expect(try await client.mkcalendar("/dav/calendars/alice/personal/").status == 201)
            // Every Monday 10:00–11:00 São Paulo (a floating-free TZID event), from the 10th.
            let weekly = ICS.lines(
                ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Horario Tests//EN", "BEGIN:VEVENT", "UID:gym", "DTSTAMP:20251101T120000Z"]
                    + ["DTSTART;TZID=America/Sao_Paulo:20251110T100000", "DTEND;TZID=America/Sao_Paulo:20251110T110000"]
                    + ["RRULE:FREQ=WEEKLY", "SUMMARY:Gym", "END:VEVENT", "END:VCALENDAR"])
            #expect(try await client.put("/dav/calendars/alice/personal/gym.ics", weekly).status == 201)
            let free = ICS.event(uid: "lunch", start: "20251117T150000Z", end: "20251117T160000Z", summary: "Lunch", extra: ["TRANSP:TRANSPARENT"])
            #expect(try await client.put("/dav/calendars/alice/personal/lunch.ics", free).status == 201)
            let off = ICS.event(uid: "off", start: "20251117T170000Z", end: "20251117T180000Z", summary: "Call", extra: ["STATUS:CANCELLED"])
            #expect(try await client.put("/dav/calendars/alice/personal/off.ics", off).status == 201)

            let starts = try await client.slotStarts("alice", "online-consultation", start: "2025-11-17", end: "2025-11-17")
            // 12:50–13:40 and 13:40–14:30 meet 13:00–14:00; everything else stays.
            #expect(
                starts == [
                    "2025-11-17T12:00:00Z", "2025-11-17T14:30:00Z", "2025-11-17T15:20:00Z", "2025-11-17T16:10:00Z", "2025-11-17T17:00:00Z",
                    "2025-11-17T17:50:00Z", "2025-11-17T18:40:00Z",
                ])
            let gym = try await client.book("alice", "online-consultation", start: "2025-11-24T12:50:00Z")
            #expect(gym.status == 409)
            #expect(gym.reasonCodes == ["taken"])
            #expect(try await client.book("alice", "online-consultation", start: "2025-11-17T15:20:00Z").status == 201)
        }
    }

    @Test("buffers pad bookings of the event type: a 20-minute after-buffer takes the next half-hour start away")
    func buffers() async throws {
        let fixture = try await ExpertFixture.make(onlineLimits: EventTypeLimits(duration: 50, slotInterval: 30, afterBuffer: 20))
        try await fixture.server.run { client in
            #expect(try await client.book("alice", "online-consultation", start: "2025-11-17T12:00:00Z").status == 201)
            let starts = try await client.slotStarts("alice", "online-consultation", start: "2025-11-17T12:00:00Z", end: "2025-11-17T14:00:00Z")
            #expect(starts == ["2025-11-17T13:30:00Z"])
            let buffered = try await client.book("alice", "online-consultation", start: "2025-11-17T13:00:00Z")
            #expect(buffered.status == 409)
            #expect(buffered.reasonCodes == ["inside-buffer"])
        }
    }
}
