/// Remembers, for a few minutes, which `Authorization` headers carried a correct password.
///
/// CalDAV clients send Basic credentials with every request, and PBKDF2 at 210,000 iterations
/// costs about 100 ms, so without this every PROPFIND would pay it. Entries are keyed by
/// HMAC-SHA256 of the whole header value under a key made at random when the cache is created
/// and never stored: the cache holds no password and nothing from which one can be tested
/// offline, and the key dies with the process. A hit yields the user id; the caller still loads
/// the user, so a deleted account stops working at once.
///
/// Each entry also keeps the user's credential version it was verified at: the caller compares
/// it with the user row it loads anyway, so a password changed in another process (another
/// instance, `horario user passwd`) stops working here at once; in-process changes also call
/// ``forget(userId:)``.
public actor CredentialCache {
    /// How long a verified header stays trusted by default.
    public static let defaultTTL: Duration = .seconds(300)
    /// How many headers are remembered by default.
    public static let defaultCapacity = 4096

    private struct Entry {
        var userId: String
        var credentialVersion: Int
        var expires: ContinuousClock.Instant
    }

    /// How long a verified header stays trusted.
    public nonisolated let ttl: Duration
    /// The most headers remembered; beyond it the entry closest to expiry is dropped.
    public nonisolated let capacity: Int
    private let key: [UInt8]
    private let now: @Sendable () -> ContinuousClock.Instant
    private var entries: [[UInt8]: Entry] = [:]

    /// - Parameters:
    ///   - ttl: how long a verified header stays trusted.
    ///   - capacity: the most headers remembered, at least 1.
    ///   - now: the current time; tests pass a clock they move by hand.
    public init(
        ttl: Duration = CredentialCache.defaultTTL,
        capacity: Int = CredentialCache.defaultCapacity,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        precondition(capacity >= 1, "a credential cache needs room for at least one entry")
        self.ttl = ttl
        self.capacity = capacity
        self.now = now
        self.key = SecureRandom.bytes(count: 32)
    }

    /// The user a still-fresh verification of `header` belongs to, and the credential version
    /// it was verified at, or nil.
    public func verification(forHeader header: String) -> (userId: String, credentialVersion: Int)? {
        let digest = digest(of: header)
        guard let entry = entries[digest] else { return nil }
        guard entry.expires > now() else {
            entries[digest] = nil
            return nil
        }
        return (entry.userId, entry.credentialVersion)
    }

    /// The user a still-fresh verification of `header` belongs to, or nil.
    public func userId(forHeader header: String) -> String? {
        verification(forHeader: header)?.userId
    }

    /// Records that `header` carried the correct password of `userId` (at `credentialVersion`),
    /// for ``ttl`` from now.
    public func remember(header: String, userId: String, credentialVersion: Int = 0) {
        let digest = digest(of: header)
        let current = now()
        if entries[digest] == nil, entries.count >= capacity {
            entries = entries.filter { $0.value.expires > current }
            if entries.count >= capacity, let oldest = entries.min(by: { $0.value.expires < $1.value.expires }) {
                entries[oldest.key] = nil
            }
        }
        entries[digest] = Entry(userId: userId, credentialVersion: credentialVersion, expires: current + ttl)
    }

    /// Drops every remembered header of `userId`: after a password change or account removal.
    public func forget(userId: String) {
        entries = entries.filter { $0.value.userId != userId }
    }

    /// Drops everything.
    public func removeAll() {
        entries.removeAll()
    }

    /// How many headers are remembered, expired ones included until they are next touched.
    public var count: Int { entries.count }

    private func digest(of header: String) -> [UInt8] {
        LibCrypto.hmacSHA256(key: key, message: Array(header.utf8))
    }
}
