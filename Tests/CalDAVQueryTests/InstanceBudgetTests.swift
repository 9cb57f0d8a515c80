import Testing

@testable import CalDAVQuery

/// The shared bound on memoized instances (see InstanceBudget).
struct InstanceBudgetTests {
    @Test("reservations fit the capacity or take nothing; releases give back")
    func reserveAndRelease() {
        let budget = InstanceBudget(capacity: 10)
        #expect(budget.reserve(6))
        #expect(!budget.reserve(5))
        #expect(budget.inUse == 6)
        #expect(budget.reserve(4))
        #expect(!budget.reserve(1))
        budget.release(6)
        #expect(budget.inUse == 4)
        #expect(budget.reserve(6))
        #expect(budget.inUse == 10)
    }
}
