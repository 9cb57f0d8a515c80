import Foundation

/// A time source that moves only when a test says so, for `CredentialCache(now:)`.
final class ManualTime: @unchecked Sendable {
    private let start = ContinuousClock.now
    private let lock = NSLock()
    private var offset: Duration = .zero

    var now: ContinuousClock.Instant {
        lock.withLock { start + offset }
    }

    func advance(by duration: Duration) {
        lock.withLock { offset += duration }
    }
}
