import Availability
import Foundation
import Store
import Testing

/// Schedules, on each store: one default per user, a calendar per schedule, validation and
/// ownership. (That the database itself enforces the default rule is checked in SQLiteStoreTests.)
struct ScheduleStoreTests {
    static func schedule(_ name: String, isDefault: Bool = false) -> Schedule {
        Schedule(
            name: name, isDefault: isDefault, timezone: "America/Sao_Paulo",
            availability: [WeeklyHours(day: "monday", slots: [TimeSlot(startTime: "09:00", endTime: "17:00")])])
    }

    static func store(_ kind: StoreKind) async throws -> (TestStore, String) {
        let store = try await kind.open()
        let user = try await store.createUser(NewUser(username: "joao", email: "joao@example.org"), passwordHash: "x")
        return (store, user.id)
    }

    @Test("each schedule gets a calendar with a unique URL segment; its name follows renames", arguments: StoreKind.available)
    func calendarPerSchedule(_ kind: StoreKind) async throws {
        let (store, userId) = try await Self.store(kind)
        let first = try await store.createSchedule(Self.schedule("Clínica São Paulo"), ownedBy: userId)
        _ = try await store.createSchedule(Self.schedule("Clinica Sao Paulo"), ownedBy: userId)
        let slugs = try await store.calendars(ownedBy: userId).map(\.slug)
        #expect(Set(slugs) == ["clinica-sao-paulo", "clinica-sao-paulo-2"])
        var renamed = first.schedule
        renamed.name = "Clinic A"
        _ = try await store.updateSchedule(renamed, ownedBy: userId)
        let names = try await store.calendars(ownedBy: userId).filter { $0.scheduleId == first.id }.map(\.displayName)
        #expect(names == ["Clinic A"])
    }

    @Test("invalid schedules are refused with every issue and nothing is stored", arguments: StoreKind.available)
    func invalidIsRefused(_ kind: StoreKind) async throws {
        let (store, userId) = try await Self.store(kind)
        var bad = Self.schedule("")
        bad.timezone = "Nowhere/City"
        await #expect(
            throws: StoreError.invalid([
                .init(path: "name", message: "is required"),
                .init(path: "timezone", message: "\"Nowhere/City\" is not an IANA time zone (e.g. America/Sao_Paulo)"),
            ])
        ) {
            try await store.createSchedule(bad, ownedBy: userId)
        }
        #expect(try await store.schedules(ownedBy: userId).isEmpty)
    }

    @Test("another user's schedule is not found for any operation", arguments: StoreKind.available)
    func ownership(_ kind: StoreKind) async throws {
        let (store, userId) = try await Self.store(kind)
        let other = try await store.createUser(NewUser(username: "maria", email: "maria@example.org"), passwordHash: "x")
        let stored = try await store.createSchedule(Self.schedule("A"), ownedBy: userId)
        #expect(try await store.schedule(id: stored.id, ownedBy: other.id) == nil)
        await #expect(throws: StoreError.notFound("schedule \(stored.id)")) { try await store.setDefaultSchedule(id: stored.id, ownedBy: other.id) }
        await #expect(throws: StoreError.notFound("schedule \(stored.id)")) {
            try await store.deleteSchedule(id: stored.id, ownedBy: other.id, reassignTo: nil)
        }
        await #expect(throws: StoreError.notFound("schedule")) {
            var foreign = stored.schedule
            foreign.id = nil
            return try await store.updateSchedule(foreign, ownedBy: other.id)
        }
    }
}
