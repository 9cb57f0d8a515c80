import Availability
import Foundation
import ICalendar
import Store
import Testing

/// Bookings as calendar objects: the text a booking renders to, `recordBooking` writing it into
/// the schedule's calendar, and client writes to that object rescheduling or cancelling the
/// booking in the same transaction.
struct BookingCalendarObjectTests {
    typealias F = EventTypeFixtures
    typealias D = DAVFixtures

    /// The VEVENT of a stored object, parsed strictly.
    static func event(_ ics: String) throws -> Component {
        let calendar = try ICalendarParser.parse(ics).calendar
        return try #require(calendar.components(named: "VEVENT").first)
    }

    @Test("a booking renders to one VEVENT with the fields of the design, in UTC, parsed back unchanged")
    func rendering() throws {
        var booking = F.booking(
            EventType(
                id: "e", userId: "u", title: "x", slug: "x", scheduleId: "s", limits: .init(duration: 50), createdAt: Date(), updatedAt: Date()),
            "2025-11-17T12:00:00Z", uid: "booking-1@horario")
        booking.sequence = 2
        booking.updatedAt = F.date("2025-11-02T08:30:00Z")
        let ics = BookingCalendarEvent.render(
            booking, eventTypeTitle: "Online Consultation", expertName: "Dr. João Silva", expertEmail: "joao@example.org")
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Horario//Horario//EN\r\nBEGIN:VEVENT\r\n"))
        #expect(ics.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
        let parsed = try ICalendarParser.parse(ics)
        #expect(parsed.warnings.isEmpty)
        let event = try Self.event(ics)
        #expect(event.property("UID")?.text == "booking-1@horario")
        #expect(event.property("DTSTART")?.value == "20251117T120000Z")
        #expect(event.property("DTEND")?.value == "20251117T125000Z")
        #expect(event.property("DTSTAMP")?.value == "20251102T083000Z")
        #expect(event.property("LAST-MODIFIED")?.value == "20251102T083000Z")
        #expect(event.property("CREATED")?.value == "20251101T120000Z")
        #expect(event.property("SUMMARY")?.text == "Online Consultation: Carla Souza")
        #expect(event.property("LOCATION")?.text == "Video call (zoom)")
        #expect(event.property("DESCRIPTION") == nil)
        #expect(event.property("STATUS")?.value == "CONFIRMED")
        #expect(event.property("SEQUENCE")?.value == "2")
        let organizer = try #require(event.property("ORGANIZER"))
        #expect(organizer.value == "mailto:joao@example.org")
        #expect(organizer.parameter("CN") == "Dr. João Silva")
        let attendee = try #require(event.property("ATTENDEE"))
        #expect(attendee.value == "mailto:carla@example.org")
        #expect(attendee.parameter("CN") == "Carla Souza")
        #expect(attendee.parameter("PARTSTAT") == "ACCEPTED")
        #expect(attendee.parameter("ROLE") == "REQ-PARTICIPANT")
        #expect(BookingCalendarEvent.objectName(for: booking) == "booking-1@horario.ics")
    }

    @Test("text is escaped (RFC 5545 §3.3.11) and long lines fold at 75 octets without splitting a character; empty location is left out")
    func escapingAndFolding() throws {
        var booking = F.booking(
            EventType(
                id: "e", userId: "u", title: "x", slug: "x", scheduleId: "s", limits: .init(duration: 50), createdAt: Date(), updatedAt: Date()),
            "2025-11-17T12:00:00Z")
        booking.location = ""
        booking.notes = "Dor de cabeça; febre, tosse\nÚltima consulta: " + String(repeating: "ção ", count: 40)
        booking.status = .cancelled
        booking.attendee.name = "Zé \"Carioca\", Jr."
        let ics = BookingCalendarEvent.render(booking, eventTypeTitle: "Consulta", expertName: "Ana", expertEmail: "ana@example.org")
        for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
        #expect(ics.contains("Dor de cabeça\\; febre\\, tosse\\nÚltima"))
        let event = try Self.event(ics)
        #expect(event.property("LOCATION") == nil)
        #expect(event.property("DESCRIPTION")?.text == booking.notes)
        #expect(event.property("SUMMARY")?.text == "Consulta: Zé \"Carioca\", Jr.")
        #expect(event.property("ATTENDEE")?.parameter("CN") == "Zé \"Carioca\", Jr.")
        #expect(event.property("STATUS")?.value == "CANCELLED")
    }

    @Test(
        "recordBooking writes <uid>.ics into the schedule's calendar in the same transaction: booking id, span, revision and change",
        arguments: StoreKind.available)
    func recordBookingWritesObject(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        let booking = F.booking(home.eventType, "2025-11-17T12:00:00Z", uid: "b1@horario")
        try await home.store.recordBooking(booking)
        let object = try #require(try await home.store.calendarObject(named: "b1@horario.ics", in: home.bookings.id))
        #expect(object.bookingId == booking.id)
        #expect(object.uid == "b1@horario")
        #expect(object.componentType == "VEVENT")
        #expect(object.firstStart == booking.start)
        #expect(object.lastEnd == booking.end)
        #expect(object.size == object.ics.utf8.count)
        let expected = BookingCalendarEvent.render(
            booking, eventTypeTitle: "Online Consultation", expertName: "alice", expertEmail: "alice@example.org")
        #expect(object.ics == expected)
        #expect(try await home.reload(home.bookings).syncRevision == 1)
        #expect(
            try await home.store.changes(in: home.bookings.id, since: 0, limit: nil).changes == [
                .init(name: "b1@horario.ics", deleted: false, revision: 1)
            ])
        // Not in Alice's personal calendar, and so not in her personal busy time.
        #expect(
            try await home.store.personalObjects(ownedBy: home.alice.id, overlapping: D.interval("2025-11-17T00:00:00Z", "2025-11-18T00:00:00Z"))
                == [])
    }

    @Test(
        "recordBooking refuses a UID a client object of the schedule's calendar already uses, and stores neither booking nor object",
        arguments: StoreKind.available)
    func recordBookingUIDClash(_ kind: StoreKind) async throws {
        let home = try await DAVHome.make(kind)
        _ = try await home.store.putCalendarObject(D.object("client.ics", uid: "taken"), in: home.bookings.id, condition: .none)
        let booking = F.booking(home.eventType, "2025-11-17T12:00:00Z", uid: "taken")
        await #expect(throws: StoreError.conflict("calendar remote-work already has an object client.ics with the booking's UID or name")) {
            try await home.store.recordBooking(booking)
        }
        #expect(try await home.store.booking(id: booking.id, ownedBy: home.alice.id) == nil)
        #expect(try await home.reload(home.bookings).syncRevision == 1)
    }

    /// Alice's booking on her remote schedule, plus a confirmed and a cancelled booking on a
    /// second schedule, and one of Bob's.
    struct Booked {
        let home: DAVHome
        let booking: Booking
        let clinicBooking: Booking
        let object: CalendarObject

        static func make(_ kind: StoreKind) async throws -> Booked {
            let home = try await DAVHome.make(kind)
            let clinicSchedule = try await F.schedule(home.store, home.alice.id, "Clinic")
            let clinic = try await home.store.createEventType(
                F.eventType(home.alice.id, "Clinic", scheduleId: try #require(clinicSchedule.schedule.id)))
            let booking = F.booking(home.eventType, "2025-11-17T12:00:00Z", uid: "b1")
            try await home.store.recordBooking(booking)
            let clinicBooking = F.booking(clinic, "2025-11-18T12:00:00Z", minutes: 60, uid: "clinic")
            try await home.store.recordBooking(clinicBooking)
            try await home.store.recordBooking(F.booking(clinic, "2025-11-19T12:00:00Z", status: .cancelled, uid: "cancelled"))
            let bobsType = try await home.store.createEventType(F.eventType(home.bob.id, "Bob's"))
            try await home.store.recordBooking(F.booking(bobsType, "2025-11-20T12:00:00Z", uid: "bobs"))
            let object = try #require(try await home.store.calendarObject(named: "b1.ics", in: home.bookings.id))
            return Booked(home: home, booking: booking, clinicBooking: clinicBooking, object: object)
        }

        /// A client's replacement of the booking's object with a new span.
        func moved(_ start: String, _ end: String) -> NewCalendarObject {
            D.object("b1.ics", uid: "b1", summary: "moved by the client", start: start, end: end)
        }
    }

    @Test(
        "a PUT that moves a booking's event reschedules the booking (times, sequence + 1) and stores the client's text as given",
        arguments: StoreKind.available)
    func putReschedules(_ kind: StoreKind) async throws {
        let booked = try await Booked.make(kind)
        let store = booked.home.store
        let new = booked.moved("2025-11-17T15:00:00Z", "2025-11-17T15:50:00Z")
        let (object, created) = try await store.putCalendarObject(new, in: booked.home.bookings.id, condition: .ifMatch([booked.object.etag]))
        #expect(!created)
        #expect(object.ics == new.ics)
        #expect(object.bookingId == booked.booking.id)
        #expect(object.firstStart == D.date("2025-11-17T15:00:00Z"))
        let booking = try #require(try await store.booking(id: booked.booking.id, ownedBy: booked.home.alice.id))
        #expect(booking.start == D.date("2025-11-17T15:00:00Z"))
        #expect(booking.end == D.date("2025-11-17T15:50:00Z"))
        #expect(booking.sequence == 1)
        #expect(booking.status == .confirmed)
        #expect(booking.updatedAt > booked.booking.updatedAt)
        // The same span again changes the text only, not the booking.
        _ = try await store.putCalendarObject(
            D.object("b1.ics", uid: "b1", summary: "renamed", start: "2025-11-17T15:00:00Z", end: "2025-11-17T15:50:00Z"),
            in: booked.home.bookings.id,
            condition: .none)
        #expect(try await store.booking(id: booked.booking.id, ownedBy: booked.home.alice.id)?.sequence == 1)
        // Onto a cancelled booking's time and onto Bob's time is fine.
        _ = try await store.putCalendarObject(
            booked.moved("2025-11-19T12:00:00Z", "2025-11-19T12:50:00Z"), in: booked.home.bookings.id, condition: .none)
        _ = try await store.putCalendarObject(
            booked.moved("2025-11-20T12:00:00Z", "2025-11-20T12:50:00Z"), in: booked.home.bookings.id, condition: .none)
        #expect(try await store.booking(id: booked.booking.id, ownedBy: booked.home.alice.id)?.sequence == 3)
    }

    @Test(
        "moving a booking onto another confirmed booking of the same expert, on any schedule, is bookingOverlap naming it, and changes nothing",
        arguments: StoreKind.available)
    func putOverlapRefused(_ kind: StoreKind) async throws {
        let booked = try await Booked.make(kind)
        let store = booked.home.store
        let revision = try await booked.home.reload(booked.home.bookings).syncRevision
        await #expect(throws: DAVStoreError.bookingOverlap("the new time overlaps another booking from 2025-11-18T12:00:00Z to 2025-11-18T13:00:00Z"))
        {
            try await store.putCalendarObject(
                booked.moved("2025-11-18T12:59:00Z", "2025-11-18T13:49:00Z"), in: booked.home.bookings.id, condition: .none)
        }
        #expect(try await store.booking(id: booked.booking.id, ownedBy: booked.home.alice.id) == booked.booking)
        #expect(try await store.calendarObject(named: "b1.ics", in: booked.home.bookings.id) == booked.object)
        #expect(try await booked.home.reload(booked.home.bookings).syncRevision == revision)
        // Touching edges do not overlap.
        _ = try await store.putCalendarObject(
            booked.moved("2025-11-18T13:00:00Z", "2025-11-18T13:50:00Z"), in: booked.home.bookings.id, condition: .none)
        #expect(try await store.booking(id: booked.booking.id, ownedBy: booked.home.alice.id)?.start == D.date("2025-11-18T13:00:00Z"))
        // An end before the start is refused as invalid.
        await #expect(throws: StoreError.self) {
            try await store.putCalendarObject(
                booked.moved("2025-11-18T13:00:00Z", "2025-11-18T12:00:00Z"), in: booked.home.bookings.id, condition: .none)
        }
    }

    @Test("deleting a booking's object cancels the booking (sequence + 1) and logs the object deleted", arguments: StoreKind.available)
    func deleteCancels(_ kind: StoreKind) async throws {
        let booked = try await Booked.make(kind)
        let store = booked.home.store
        try await store.deleteCalendarObject(named: "b1.ics", in: booked.home.bookings.id, condition: .ifMatch([booked.object.etag]))
        let booking = try #require(try await store.booking(id: booked.booking.id, ownedBy: booked.home.alice.id))
        #expect(booking.status == .cancelled)
        #expect(booking.sequence == 1)
        #expect(booking.start == booked.booking.start)
        #expect(booking.updatedAt > booked.booking.updatedAt)
        let changes = try await store.changes(in: booked.home.bookings.id, since: 0, limit: nil)
        #expect(changes.changes.last == CalendarChange(name: "b1.ics", deleted: true, revision: changes.revision))
        #expect(try await store.booking(id: booked.clinicBooking.id, ownedBy: booked.home.alice.id)?.status == .confirmed)
    }

    @Test("a booking's object may be renamed within its calendar but not moved or copied to another", arguments: StoreKind.available)
    func transferRules(_ kind: StoreKind) async throws {
        let booked = try await Booked.make(kind)
        let store = booked.home.store
        let calendars = booked.home
        for keepSource in [false, true] {
            await #expect(throws: StoreError.conflict("b1.ics shows a booking and stays in calendar remote-work")) {
                try await store.transferCalendarObject(
                    named: "b1.ics", from: calendars.bookings.id, to: calendars.personal.id, newName: "b1.ics", overwrite: true,
                    keepSource: keepSource)
            }
        }
        await #expect(throws: DAVStoreError.uidConflict(existingName: "b1.ics")) {
            try await store.transferCalendarObject(
                named: "b1.ics", from: calendars.bookings.id, to: calendars.bookings.id, newName: "copy.ics", overwrite: false, keepSource: true)
        }
        #expect(
            try await store.transferCalendarObject(
                named: "b1.ics", from: calendars.bookings.id, to: calendars.bookings.id, newName: "renamed.ics", overwrite: false, keepSource: false))
        let renamed = try #require(try await store.calendarObject(named: "renamed.ics", in: calendars.bookings.id))
        #expect(renamed.bookingId == booked.booking.id)
        // Re-rendering after a booking change keeps the client's name (the store's own re-render
        // is checked directly in SQLiteStoreTests).
        _ = try await store.rescheduleBooking(
            id: booked.booking.id, ownedBy: calendars.alice.id, start: D.date("2025-11-17T15:00:00Z"), end: D.date("2025-11-17T15:50:00Z"),
            now: Date(), windows: nil, recheck: nil)
        #expect(try await store.calendarObject(named: "renamed.ics", in: calendars.bookings.id)?.firstStart == D.date("2025-11-17T15:00:00Z"))
        #expect(try await store.calendarObject(named: "b1.ics", in: calendars.bookings.id) == nil)
        // Overwriting a booking's object by a move would cancel it silently: refused.
        _ = try await store.putCalendarObject(D.object("other.ics"), in: calendars.bookings.id, condition: .none)
        await #expect(throws: StoreError.conflict("renamed.ics shows a booking; delete it to cancel the booking first")) {
            try await store.transferCalendarObject(
                named: "other.ics", from: calendars.bookings.id, to: calendars.bookings.id, newName: "renamed.ics", overwrite: true, keepSource: false
            )
        }
    }
}
