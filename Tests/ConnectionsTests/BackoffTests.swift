import BookingFlow
import Connections
import Foundation
import Store
import Testing

@Suite("Retry timing and the trust in cached busy time")
struct BackoffTests {
    @Test("the delay doubles to the cap, stays inside its jitter bound, and honours Retry-After")
    func delays() {
        let backoff = Backoff(base: 30, cap: 3600)
        #expect(backoff.delay(afterFailures: 1, random: 1) == 30)
        #expect(backoff.delay(afterFailures: 3, random: 1) == 120)
        #expect(backoff.delay(afterFailures: 30, random: 1) == 3600)
        #expect(backoff.delay(afterFailures: 3, random: 0) == 1)
        #expect(backoff.delay(afterFailures: 3, random: 0.5) == 60)
        #expect(backoff.delay(afterFailures: 1, retryAfter: 300, random: 1) == 300)
        for _ in 0..<100 { #expect((1...240).contains(backoff.delay(afterFailures: 4))) }
    }

    @Test("a cache is fresh, then stale, then fails closed; refused credentials and never-read connections fail closed at once")
    func policy() {
        let policy = ExternalBusyPolicy(staleAfter: 900, hardStale: 86_400)
        let now = Date(timeIntervalSince1970: 1_000_000)
        func freshness(_ status: ConnectionStatus, age: TimeInterval?) -> ConnectionFreshness {
            ConnectionFreshness(
                connectionId: "c", provider: .caldav, email: "a@b", status: status, lastSyncAt: age.map { now.addingTimeInterval(-$0) },
                checksConflicts: true)
        }
        #expect(policy.judge(freshness(.ok, age: 60), now: now) == .fresh)
        #expect(policy.judge(freshness(.error, age: 3600), now: now) == .stale)
        guard case .failClosed = policy.judge(freshness(.error, age: 90_000), now: now) else {
            Issue.record("not closed")
            return
        }
        guard case .failClosed = policy.judge(freshness(.reauthRequired, age: 1), now: now) else {
            Issue.record("not closed")
            return
        }
        guard case .failClosed = policy.judge(freshness(.syncing, age: nil), now: now) else {
            Issue.record("not closed")
            return
        }
        #expect(policy.displayedStatus(.ok, lastSyncAt: now.addingTimeInterval(-1000), now: now) == .stale)
        #expect(policy.displayedStatus(.ok, lastSyncAt: now.addingTimeInterval(-10), now: now) == .ok)
        #expect(policy.displayedStatus(.reauthRequired, lastSyncAt: now.addingTimeInterval(-1000), now: now) == .reauthRequired)
    }
}
