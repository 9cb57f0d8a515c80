import Auth
import Testing

/// The short-lived memory of verified Basic headers.
struct CredentialCacheTests {
    static let header = "Basic YW5hOmNvcnJlY3QgaG9yc2U="

    @Test("a remembered header is a hit until its time to live runs out, then a miss")
    func hitAndExpiry() async {
        let time = ManualTime()
        let cache = CredentialCache(ttl: .seconds(300), now: { time.now })
        #expect(await cache.userId(forHeader: Self.header) == nil)
        await cache.remember(header: Self.header, userId: "u1")
        #expect(await cache.userId(forHeader: Self.header) == "u1")
        time.advance(by: .seconds(299))
        #expect(await cache.userId(forHeader: Self.header) == "u1")
        time.advance(by: .seconds(1))
        #expect(await cache.userId(forHeader: Self.header) == nil)
        #expect(await cache.count == 0)
    }

    @Test("another header, even one differing in case or a byte, is a miss")
    func otherHeadersMiss() async {
        let cache = CredentialCache()
        await cache.remember(header: Self.header, userId: "u1")
        #expect(await cache.userId(forHeader: "basic YW5hOmNvcnJlY3QgaG9yc2U=") == nil)
        #expect(await cache.userId(forHeader: "Basic YW5hOmNvcnJlY3QgaG9yc2X=") == nil)
        #expect(await cache.userId(forHeader: "") == nil)
    }

    @Test("forgetting a user drops their headers only; removeAll drops everything")
    func forget() async {
        let cache = CredentialCache()
        await cache.remember(header: "Basic a", userId: "u1")
        await cache.remember(header: "Basic b", userId: "u1")
        await cache.remember(header: "Basic c", userId: "u2")
        await cache.forget(userId: "u1")
        #expect(await cache.userId(forHeader: "Basic a") == nil)
        #expect(await cache.userId(forHeader: "Basic b") == nil)
        #expect(await cache.userId(forHeader: "Basic c") == "u2")
        await cache.removeAll()
        #expect(await cache.count == 0)
    }

    @Test("when full, expired entries go first, then the one closest to expiry")
    func capacity() async {
        let time = ManualTime()
        let cache = CredentialCache(ttl: .seconds(60), capacity: 2, now: { time.now })
        await cache.remember(header: "Basic a", userId: "a")
        time.advance(by: .seconds(61))
        await cache.remember(header: "Basic b", userId: "b")
        time.advance(by: .seconds(1))
        await cache.remember(header: "Basic c", userId: "c")
        #expect(await cache.count == 2)
        #expect(await cache.userId(forHeader: "Basic b") == "b")
        time.advance(by: .seconds(1))
        await cache.remember(header: "Basic d", userId: "d")
        #expect(await cache.count == 2)
        #expect(await cache.userId(forHeader: "Basic b") == nil)
        #expect(await cache.userId(forHeader: "Basic c") == "c")
        #expect(await cache.userId(forHeader: "Basic d") == "d")
        await cache.remember(header: "Basic d", userId: "d")
        #expect(await cache.count == 2)
    }

    @Test("two caches do not share keys: a header remembered in one is unknown to the other")
    func separateKeys() async {
        let first = CredentialCache()
        let second = CredentialCache()
        await first.remember(header: Self.header, userId: "u1")
        #expect(await second.userId(forHeader: Self.header) == nil)
    }
}
