import Availability
import Foundation
import Store
import Testing

@Suite("Calendar connections in the store: accounts, calendars, cached busy time, external writes")
struct ConnectionStoreTests {
    typealias F = EventTypeFixtures

    static func connection(_ userId: String, email: String = "ana@example.org", calendars: [ConnectedCalendar]? = nil) -> CalendarConnection {
        CalendarConnection(
            id: UUID().uuidString.lowercased(), userId: userId, provider: .caldav, email: email, serverURL: "https://dav.example.org/calendars/ana/",
            calendars: calendars ?? [
                ConnectedCalendar(id: "https://dav.example.org/calendars/ana/office/", name: "Work", isPrimary: true, canWrite: true),
                ConnectedCalendar(id: "https://dav.example.org/calendars/ana/holidays/", name: "Holidays", canWrite: false, checkForConflicts: false),
            ], createdAt: Date(), updatedAt: Date())
    }

    static let sealed = SealedCredentials(ciphertext: "sealed-envelope", keyId: 1)

    @Test(
        "one row per owner, provider and account: a reconnect replaces secrets and calendars but keeps the owner's choices",
        arguments: StoreKind.available)
    func reconnectInPlace(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        let first = try await store.saveConnection(Self.connection(alice.id), credentials: Self.sealed)
        #expect(first.calendars.map(\.checkForConflicts) == [true, false])
        _ = try await store.updateConnection(
            id: first.id, ownedBy: alice.id, isActive: nil, checkForConflicts: ["https://dav.example.org/calendars/ana/office/": false], now: Date())
        var again = Self.connection(alice.id)
        again.id = first.id
        again.calendars.append(ConnectedCalendar(id: "https://dav.example.org/calendars/ana/new/", name: "New", canWrite: true))
        let replaced = try await store.saveConnection(again, credentials: SealedCredentials(ciphertext: "other", keyId: 2))
        #expect(replaced.calendars.map(\.checkForConflicts) == [false, false, true])
        #expect(try await store.credentials(connectionId: first.id) == SealedCredentials(ciphertext: "other", keyId: 2))
        // The same account under another id is a conflict, not a second row.
        await #expect(throws: StoreError.self) { try await store.saveConnection(Self.connection(alice.id), credentials: Self.sealed) }
        #expect(try await store.connections(ownedBy: alice.id).count == 1)
        let bob = try await F.user(store, "bob")
        #expect(try await store.connection(id: first.id, ownedBy: bob.id) == nil)
        await #expect(throws: StoreError.self) {
            try await store.updateConnection(id: first.id, ownedBy: alice.id, isActive: nil, checkForConflicts: ["nope": true], now: Date())
        }
    }

    @Test("busy time: a read replaces its window; only checked calendars of active connections count", arguments: StoreKind.available)
    func busyTime(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        let connection = try await store.saveConnection(Self.connection(alice.id), credentials: Self.sealed)
        let work = "https://dav.example.org/calendars/ana/office/"
        let holidays = "https://dav.example.org/calendars/ana/holidays/"
        func interval(_ start: String, _ end: String, _ calendar: String) -> ExternalBusy {
            ExternalBusy(connectionId: connection.id, calendarId: calendar, start: F.date(start), end: F.date(end))
        }
        let window = DateInterval(start: F.date("2026-03-01T00:00:00Z"), end: F.date("2026-04-01T00:00:00Z"))
        try await store.recordSync(
            connectionId: connection.id, calendars: nil,
            busy: [
                work: [interval("2026-03-02T13:00:00Z", "2026-03-02T14:00:00Z", work)],
                holidays: [interval("2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z", holidays)],
            ], window: window, now: Date(), next: Date().addingTimeInterval(300))
        let all = DateInterval(start: F.date("2026-03-01T00:00:00Z"), end: F.date("2026-03-10T00:00:00Z"))
        #expect(try await store.externalBusy(ownedBy: alice.id, window: all).map(\.calendarId) == [work])
        try await store.recordSync(
            connectionId: connection.id, calendars: nil, busy: [work: [interval("2026-03-05T13:00:00Z", "2026-03-05T14:00:00Z", work)]],
            window: window, now: Date(), next: Date())
        #expect(try await store.externalBusy(ownedBy: alice.id, window: all).map(\.start) == [F.date("2026-03-05T13:00:00Z")])
        _ = try await store.updateConnection(id: connection.id, ownedBy: alice.id, isActive: false, checkForConflicts: [:], now: Date())
        #expect(try await store.externalBusy(ownedBy: alice.id, window: all).isEmpty)
        #expect(try await store.connectionsDue(at: Date().addingTimeInterval(3600), limit: 10).isEmpty)
    }

    @Test(
        "a booking of an event type with an external destination queues its write in the same transaction; a move and a cancel queue it again",
        arguments: StoreKind.available)
    func outbox(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        _ = try await F.schedule(store, alice.id, "Clinic")
        let connection = try await store.saveConnection(Self.connection(alice.id), credentials: Self.sealed)
        var eventType = try await store.createEventType(F.eventType(alice.id, "Consulta"))
        eventType.calendarDestination = CalendarDestination(
            type: .external, connectionId: connection.id, calendarId: "https://dav.example.org/calendars/ana/holidays/")
        await #expect(throws: StoreError.self) { try await store.updateEventType(eventType) }  // read-only calendar
        eventType.calendarDestination.calendarId = "https://dav.example.org/calendars/ana/office/"
        eventType = try await store.updateEventType(eventType)
        #expect(eventType.calendarDestination.provider == "caldav")
        let booking = F.booking(eventType, "2026-03-02T13:00:00Z")
        let windows = BusyWindows(
            bookings: DateInterval(start: booking.start, end: booking.end), events: DateInterval(start: booking.start, end: booking.end))
        _ = try await store.createBooking(BookingRequest(booking: booking, managementTokenHash: "h", idempotencyKey: nil), windows: windows) { _ in }
        let due = try await store.externalWritesDue(at: Date().addingTimeInterval(1), limit: 10)
        #expect(due.map(\.bookingId) == [booking.id] && due.first?.state == .pending)
        var written = try #require(due.first)
        written.state = .written
        written.href = "https://dav.example.org/calendars/ana/office/x.ics"
        written.nextAttemptAt = nil
        try await store.recordExternalWrite(written)
        #expect(try await store.externalWritesDue(at: Date().addingTimeInterval(1), limit: 10).isEmpty)
        _ = try await store.cancelBooking(id: booking.id, ownedBy: alice.id, reason: nil, now: Date().addingTimeInterval(2))
        let again = try await store.externalWritesDue(at: Date().addingTimeInterval(3), limit: 10)
        #expect(again.map(\.bookingId) == [booking.id] && again.first?.href == "https://dav.example.org/calendars/ana/office/x.ics")
        try await store.deleteConnection(id: connection.id, ownedBy: alice.id)
        #expect(try await store.externalWrites(bookingIds: [booking.id])[booking.id]?.state == .orphaned)
        #expect(try await store.externalWritesDue(at: Date().addingTimeInterval(3), limit: 10).isEmpty)
    }

    @Test("a connection that checks conflicts but was never read is reported to the busy snapshot", arguments: StoreKind.available)
    func freshnessInSnapshot(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let alice = try await F.user(store, "alice")
        _ = try await store.saveConnection(Self.connection(alice.id), credentials: Self.sealed)
        let window = DateInterval(start: F.date("2026-03-01T00:00:00Z"), end: F.date("2026-03-02T00:00:00Z"))
        let snapshot = try await store.busySnapshot(ownedBy: alice.id, windows: BusyWindows(bookings: window, events: window), excluding: nil)
        #expect(snapshot.connections.count == 1 && snapshot.connections[0].lastSyncAt == nil && snapshot.connections[0].checksConflicts)
    }
}
