import Foundation
import Store
import Testing

@testable import PostgresStore

/// What only PostgreSQL has: another instance holding an expert's lock. A write that cannot
/// get it within the lock timeout gives up as `busy` (the API's 503 with `Retry-After`) and
/// writes nothing, instead of hanging or answering that the slot is taken.
struct LockTimeoutTests {
    typealias F = EventTypeFixtures

    @Test(
        "a booking that waits more than 5 s for the expert's lock is refused busy, and nothing is written",
        .enabled(if: StoreKind.available.contains(.postgres)))
    func bookingGivesUpBusy() async throws {
        let setup = try await BookingFlowStoreTests.Setup.make(.postgres)
        let database = try #require(setup.store as? PostgresDatabase)
        let userId = setup.user.id
        // Another instance's long transaction on the same expert.
        let holder = Task {
            try await database.write { tx in
                try await tx.lockExpert(userId)
                try await Task.sleep(for: .seconds(7))
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        await #expect(throws: StoreError.busy("the record is busy with another write; try again")) {
            try await setup.store.createBooking(setup.request("2025-11-17T12:00:00Z"), windows: setup.windows) { _ in }
        }
        try await holder.value
        #expect(try await setup.store.bookings(ownedBy: userId, matching: BookingQuery()).isEmpty)
        // Once the lock is free, the same request books.
        _ = try await setup.store.createBooking(setup.request("2025-11-17T12:00:00Z"), windows: setup.windows) { _ in }
    }
}
