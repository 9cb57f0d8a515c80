import Auth
import Availability
import Foundation
import ICalendar
import Store

/// The spec's three use cases as data, so a newcomer sees a real set-up at once:
/// Dr. João (remote + clinic), Dr. Maria (two clinics + remote evenings), Dr. Ana (own
/// practice + a clinic's schedule). All in America/Sao_Paulo.
enum DemoData {
    static let zone = "America/Sao_Paulo"
    static let password = "demo-password"
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"]

    struct Plan {
        var schedule: Schedule
        var eventTitle: String
        var duration: Int
    }

    struct Expert {
        var username: String
        var name: String
        var plans: [Plan]
    }

    static func hours(_ days: [String], _ from: String, _ to: String) -> [WeeklyHours] {
        days.map { WeeklyHours(day: $0, slots: [TimeSlot(startTime: from, endTime: to)]) }
    }

    static func clinic(_ name: String, street: String) -> Location {
        Location(
            type: .inPerson, address: .init(name: name, street: street, city: "São Paulo", state: "SP", postalCode: "01310-100", country: "Brazil"))
    }

    static func plan(_ name: String, _ days: [String], _ from: String, _ to: String, _ location: Location, _ event: String, _ minutes: Int) -> Plan {
        Plan(
            schedule: Schedule(name: name, timezone: zone, availability: hours(days, from, to), location: location), eventTitle: event,
            duration: minutes)
    }

    static let experts: [Expert] = [
        Expert(
            username: "joao", name: "Dr. João",
            plans: [
                plan("Remote Work", weekdays, "09:00", "17:00", Location(type: .remote, videoProvider: .zoom), "Online Consultation", 50),
                plan(
                    "Clinic - In-Person", ["tuesday", "thursday"], "14:00", "18:00", clinic("Clínica São Paulo", street: "Av. Paulista, 1000"),
                    "In-Person Consultation", 50),
            ]),
        Expert(
            username: "maria", name: "Dr. Maria",
            plans: [
                plan(
                    "Clinic A - Morning", ["monday", "wednesday", "friday"], "08:00", "12:00", clinic("Clinic A", street: "Rua Augusta, 500"),
                    "Clinic A Session", 45),
                plan(
                    "Clinic B - Afternoon", ["tuesday", "thursday"], "14:00", "18:00", clinic("Clinic B", street: "Rua Oscar Freire, 200"),
                    "Clinic B Session", 45),
                plan(
                    "Remote Evenings", ["monday", "tuesday", "wednesday", "thursday"], "19:00", "21:00",
                    Location(type: .remote, videoProvider: .googleMeet), "Evening Online Session", 30),
            ]),
        Expert(
            username: "ana", name: "Dr. Ana",
            plans: [
                plan(
                    "My Practice", ["monday", "wednesday", "friday"], "09:00", "17:00", clinic("Consultório Ana", street: "Rua Haddock Lobo, 300"),
                    "Personal Consultation", 60),
                plan(
                    "Clinic Schedule", ["tuesday", "thursday"], "10:00", "16:00", clinic("Partner Clinic", street: "Av. Brigadeiro Faria Lima, 1500"),
                    "Clinic Consultation", 60),
            ]),
    ]

    /// Adds the three experts with their schedules, event types and two bookings per event
    /// type; refuses a database that already has them. Returns one line per expert to print.
    static func seed(_ store: some HorarioStore, hasher: PasswordHasher, now: Date = Date()) async throws -> [String] {
        guard try await store.user(username: "joao") == nil else { throw StoreError.conflict("the demo data is already there") }
        // The calendar view colours bookings by event type.
        let palette = ["#2563eb", "#b45309", "#047857"]
        var lines: [String] = []
        for expert in experts {
            let user = try await store.createUser(
                NewUser(username: expert.username, displayName: expert.name, email: "\(expert.username)@demo.horario.test", timeZone: zone),
                passwordHash: hasher.hash(password))
            for (index, plan) in expert.plans.enumerated() {
                let stored = try await store.createSchedule(plan.schedule, ownedBy: user.id)
                let eventType = try await store.createEventType(
                    EventType(
                        id: "", userId: user.id, title: plan.eventTitle, slug: "", color: palette[index % palette.count], scheduleId: stored.id,
                        limits: EventTypeLimits(duration: plan.duration, slotInterval: 60, afterBuffer: 10, minimumNotice: 120), createdAt: now,
                        updatedAt: now))
                try await bookTwo(store, user: user, eventType: eventType, schedule: stored, offsetDays: index, now: now)
            }
            lines.append("\(expert.username) / \(password): \(expert.plans.map(\.schedule.name).joined(separator: ", "))")
        }
        return lines
    }

    /// Two confirmed bookings on the schedule's next open slots, as the availability engine offers them.
    static func bookTwo(
        _ store: some HorarioStore, user: User, eventType: EventType, schedule: StoredSchedule, offsetDays: Int, now: Date
    ) async throws {
        let compiled = try CompiledSchedule(schedule.schedule)
        let limits = try CompiledLimits(eventType.limits)
        let start = Instant(now).adding(seconds: Int64(86_400 * (1 + offsetDays)))
        let slots = compiled.slots(for: limits, busy: [], window: start..<start.adding(seconds: 14 * 86_400), now: Instant(now))
        let attendees = [("Carla Souza", "carla@example.org"), ("Pedro Lima", "pedro@example.org")]
        for (slot, attendee) in zip(slots.prefix(2), attendees) {
            try await store.recordBooking(
                Booking(
                    id: UUID().uuidString.lowercased(), uid: UUID().uuidString.lowercased() + "@horario", userId: user.id, eventTypeId: eventType.id,
                    scheduleId: schedule.id, start: slot.start.date, end: slot.end.date, status: .confirmed,
                    attendee: .init(name: attendee.0, email: attendee.1, timeZone: zone), location: schedule.schedule.location.summary, notes: nil,
                    sequence: 0, createdAt: now, updatedAt: now))
        }
    }
}
