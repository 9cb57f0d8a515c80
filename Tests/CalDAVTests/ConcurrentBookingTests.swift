import Foundation
import Store
import Testing

/// No double booking, ever: concurrent requests from separate connections against a live
/// server. The slot is re-checked inside the inserting transaction, so however the requests
/// race, each slot goes to exactly one of them.
struct ConcurrentBookingTests {
    /// Sends one booking request per start, all at once, each on its own connection, and
    /// returns the statuses.
    static func race(_ client: DAVClient, starts: [String]) async throws -> [Int] {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, start) in starts.enumerated() {
                group.addTask {
                    try await client.book("alice", "online-consultation", start: start, email: "booker\(index)@example.org").status
                }
            }
            var statuses: [Int] = []
            for try await status in group { statuses.append(status) }
            return statuses
        }
    }

    @Test("200 concurrent requests for one slot: exactly one 201, 199 409s, one confirmed booking, one calendar object")
    func oneSlot() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let statuses = try await Self.race(client, starts: Array(repeating: "2025-11-17T12:00:00Z", count: 200))
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 199)
            let confirmed = try await fixture.bookings().filter { $0.status == .confirmed }
            #expect(confirmed.count == 1)
            #expect(try await client.memberHrefs(ExpertFixture.remoteCalendar).count == 1)
        }
    }

    @Test("200 concurrent requests over 20 slots: exactly 20 bookings, one per slot, none overlapping")
    func twentySlots() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            // The 9 slots of Monday and Tuesday and 2 of Wednesday, ten requests each, interleaved.
            let slotStarts = try await client.slotStarts("alice", "online-consultation", start: "2025-11-17", end: "2025-11-19")
            let twenty = Array(slotStarts.prefix(20))
            #expect(twenty.count == 20)
            let starts = (0..<200).map { twenty[$0 % 20] }
            let statuses = try await Self.race(client, starts: starts)
            #expect(statuses.filter { $0 == 201 }.count == 20)
            #expect(statuses.filter { $0 == 409 }.count == 180)
            let confirmed = try await fixture.bookings().filter { $0.status == .confirmed }.sorted { $0.start < $1.start }
            #expect(confirmed.count == 20)
            #expect(Set(confirmed.map(\.start)).count == 20)
            for (earlier, later) in zip(confirmed, confirmed.dropFirst()) { #expect(earlier.end <= later.start) }
            #expect(try await client.memberHrefs(ExpertFixture.remoteCalendar).count == 20)
        }
    }
}
