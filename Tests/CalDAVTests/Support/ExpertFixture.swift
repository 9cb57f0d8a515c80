import Availability
import Foundation
import SQLiteStore
import Store

/// The spec's Use Case 1 for Alice (Dr. João's week): "Remote Work" Monday to Friday
/// 09:00–17:00 and "Clinic - In-Person" Tuesday and Thursday 14:00–18:00, both in São Paulo
/// (UTC−3 all year since 2019), with "Online Consultation" (50 min) on the first and
/// "In-Person Consultation" (50 min) on the second. The clock stands at Monday 2025-11-10
/// 09:00 local, so the week of 2025-11-17 is bookable.
struct ExpertFixture: Sendable {
    static let now = ICS.date("2025-11-10T12:00:00Z")
    static let remoteCalendar = "/dav/calendars/alice/remote-work/"
    static let clinicCalendar = "/dav/calendars/alice/clinic-in-person/"

    let server: DAVTestServer
    let remote: StoredSchedule
    let clinic: StoredSchedule
    let online: EventType
    let inPerson: EventType

    /// A server whose booking clock is ``now``, and the fixture in its store. `onlineLimits`
    /// replaces the online consultation's limits.
    static func make(
        onlineLimits: EventTypeLimits = EventTypeLimits(duration: 50), remoteOverrides: [DateOverride] = []
    ) async throws
        -> ExpertFixture
    {
        let server = try await DAVTestServer.make(now: { now })
        let alice = server.user("alice")
        let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"]
        let remote = try await server.store.createSchedule(
            Schedule(
                name: "Remote Work", timezone: "America/Sao_Paulo",
                availability: weekdays.map { WeeklyHours(day: $0, slots: [TimeSlot(startTime: "09:00", endTime: "17:00")]) },
                dateOverrides: remoteOverrides, location: Location(type: .remote, videoProvider: .custom, videoLink: "https://meet.example.org/joao")),
            ownedBy: alice.id)
        let address = Location.Address(
            name: "Clínica São Paulo", street: "Av. Paulista, 1000", city: "São Paulo", state: "SP", postalCode: "01310-100", country: "Brazil")
        let clinic = try await server.store.createSchedule(
            Schedule(
                name: "Clinic - In-Person", timezone: "America/Sao_Paulo",
                availability: ["tuesday", "thursday"].map { WeeklyHours(day: $0, slots: [TimeSlot(startTime: "14:00", endTime: "18:00")]) },
                location: Location(type: .inPerson, address: address)),
            ownedBy: alice.id)
        let online = try await server.store.createEventType(
            EventType(
                id: "", userId: alice.id, title: "Online Consultation", slug: "online-consultation", scheduleId: remote.id, limits: onlineLimits,
                createdAt: now, updatedAt: now))
        let inPerson = try await server.store.createEventType(
            EventType(
                id: "", userId: alice.id, title: "In-Person Consultation", slug: "in-person-consultation", scheduleId: clinic.id,
                limits: EventTypeLimits(duration: 50), createdAt: now, updatedAt: now))
        return ExpertFixture(server: server, remote: remote, clinic: clinic, online: online, inPerson: inPerson)
    }

    /// How many schedules Alice has in the store.
    func scheduleCount() async throws -> Int {
        try await server.store.schedules(ownedBy: server.user("alice").id).count
    }

    /// Every booking of Alice in the store, any status.
    func bookings() async throws -> [Booking] {
        try await server.store.bookings(ownedBy: server.user("alice").id, matching: BookingQuery())
    }
}
