import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLiteStore
import Store
import Testing

/// `AuthenticationMiddleware` and `RequireIdentityMiddleware` on a real router over a real SQLite store.
struct AuthenticationMiddlewareTests {
    static let hasher = PasswordHasher(iterations: 1_000)
    static let password = "correct horse battery"

    static func basic(_ text: String) -> String {
        "Basic " + Data(text.utf8).base64EncodedString()
    }

    /// A router with `/whoami` (open: answers the username or "anonymous") and `/private/whoami`
    /// (behind `RequireIdentityMiddleware`), and users ana (with a token) and Bia.
    struct Fixture {
        let store: CountingUserStore
        let cache: CredentialCache
        let token: String
        let app: TestApplication
    }

    static func withFixture(_ body: @Sendable (Fixture) async throws -> Void) async throws {
        try await withTemporaryDatabase { database in
            let store = CountingUserStore(base: database)
            let ana = try await database.createUser(NewUser(username: "ana", email: "ana@example.com"), passwordHash: hasher.hash(password))
            _ = try await database.createUser(NewUser(username: "Bia", email: "bia@example.com"), passwordHash: hasher.hash("bia's password"))
            let token = BearerToken.generate()
            _ = try await database.createToken(userId: ana.id, name: "test", tokenHash: BearerToken.hash(token))
            let cache = CredentialCache()
            let router = Router(context: TestContext.self)
            router.add(middleware: AuthenticationMiddleware(users: store, hasher: hasher, cache: cache))
            router.get("whoami") { _, context in context.identity?.username ?? "anonymous" }
            router.group("private").add(middleware: RequireIdentityMiddleware())
                .get("whoami") { _, context in context.identity?.username ?? "anonymous" }
            try await body(Fixture(store: store, cache: cache, token: token, app: Application(router: router)))
        }
    }

    typealias TestApplication = Application<RouterResponder<TestContext>>

    /// The status, body and `WWW-Authenticate` values of one response.
    struct Reply {
        var status: HTTPResponse.Status
        var body: String
        var challenges: [String]
    }

    static func request(_ app: TestApplication, _ path: String, authorization: [String] = []) async throws -> Reply {
        let headers = HTTPFields(authorization.map { HTTPField(name: .authorization, value: $0) })
        return try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get, headers: headers) { response in
                Reply(status: response.status, body: String(buffer: response.body), challenges: response.headers[values: .wwwAuthenticate])
            }
        }
    }

    @Test("without an Authorization header the request passes on anonymous")
    func noHeader() async throws {
        try await Self.withFixture { fixture in
            let result = try await Self.request(fixture.app, "/whoami")
            #expect(result.status == .ok)
            #expect(result.body == "anonymous")
        }
    }

    @Test("RequireIdentityMiddleware answers 401 with a Basic challenge to anonymous requests")
    func requireIdentity() async throws {
        try await Self.withFixture { fixture in
            let anonymous = try await Self.request(fixture.app, "/private/whoami")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.challenges == ["Basic realm=\"Horario\", charset=\"UTF-8\""])
            let signedIn = try await Self.request(fixture.app, "/private/whoami", authorization: [Self.basic("ana:\(Self.password)")])
            #expect(signedIn.status == .ok)
            #expect(signedIn.body == "ana")
        }
    }

    @Test("good Basic credentials set the identity; usernames are case-sensitive")
    func goodBasic() async throws {
        try await Self.withFixture { fixture in
            #expect(try await Self.request(fixture.app, "/whoami", authorization: [Self.basic("ana:\(Self.password)")]).body == "ana")
            #expect(try await Self.request(fixture.app, "/whoami", authorization: [Self.basic("Bia:bia's password")]).body == "Bia")
            let wrongCase = try await Self.request(fixture.app, "/whoami", authorization: [Self.basic("ANA:\(Self.password)")])
            #expect(wrongCase.status == .unauthorized)
        }
    }

    @Test("a wrong password or unknown user is a 401 with the Basic challenge, even on open routes")
    func badBasic() async throws {
        try await Self.withFixture { fixture in
            for credentials in ["ana:wrong", "ana:", "nobody:\(Self.password)", "Bia:\(Self.password)"] {
                let result = try await Self.request(fixture.app, "/whoami", authorization: [Self.basic(credentials)])
                #expect(result.status == .unauthorized, "\(credentials)")
                #expect(result.challenges == ["Basic realm=\"Horario\", charset=\"UTF-8\""], "\(credentials)")
                #expect(!result.body.contains("anonymous"))
            }
        }
    }

    @Test("a known Bearer token sets its owner as identity; an unknown one is a 401 with both challenges")
    func bearer() async throws {
        try await Self.withFixture { fixture in
            let good = try await Self.request(fixture.app, "/private/whoami", authorization: ["Bearer \(fixture.token)"])
            #expect(good.status == .ok)
            #expect(good.body == "ana")
            let bad = try await Self.request(fixture.app, "/whoami", authorization: ["Bearer \(BearerToken.generate())"])
            #expect(bad.status == .unauthorized)
            #expect(bad.challenges == ["Basic realm=\"Horario\", charset=\"UTF-8\"", "Bearer realm=\"Horario\", error=\"invalid_token\""])
        }
    }

    @Test("malformed or repeated Authorization headers are a 401, not a crash and not anonymous")
    func malformed() async throws {
        try await Self.withFixture { fixture in
            let cases: [[String]] = [
                ["Basic"], ["Basic !!!not base64!!!"], [Self.basic("no colon here")], [Self.basic(":\(Self.password)")],
                ["Basic " + Data([0x61, 0x6e, 0x61, 0x3a, 0xff]).base64EncodedString()], ["Bearer"], ["Digest username=\"ana\""],
                ["Bearer \(fixture.token)", Self.basic("ana:\(Self.password)")],
            ]
            for authorization in cases {
                let result = try await Self.request(fixture.app, "/whoami", authorization: authorization)
                #expect(result.status == .unauthorized, "\(authorization)")
                #expect(result.challenges.first == "Basic realm=\"Horario\", charset=\"UTF-8\"", "\(authorization)")
            }
        }
    }

    @Test("the same Basic header again is answered from the cache, without looking the password up")
    func cacheServesRepeats() async throws {
        try await Self.withFixture { fixture in
            let header = Self.basic("ana:\(Self.password)")
            #expect(try await Self.request(fixture.app, "/whoami", authorization: [header]).body == "ana")
            #expect(await fixture.store.credentialLookups.value == 1)
            for _ in 0..<3 {
                #expect(try await Self.request(fixture.app, "/whoami", authorization: [header]).body == "ana")
            }
            #expect(await fixture.store.credentialLookups.value == 1)
            // Wrong passwords are never cached: each one is verified again.
            _ = try await Self.request(fixture.app, "/whoami", authorization: [Self.basic("ana:wrong")])
            _ = try await Self.request(fixture.app, "/whoami", authorization: [Self.basic("ana:wrong")])
            #expect(await fixture.store.credentialLookups.value == 3)
            // Forgetting the user (as a password change does) sends the next request back to the hash.
            let ana = try #require(try await fixture.store.user(username: "ana"))
            await fixture.cache.forget(userId: ana.id)
            #expect(try await Self.request(fixture.app, "/whoami", authorization: [header]).body == "ana")
            #expect(await fixture.store.credentialLookups.value == 4)
        }
    }

    @Test("a password changed by another process (a second handle on the file, no forget) is refused at once, not after the cache's TTL")
    func passwordChangedElsewhere() async throws {
        try await Self.withFixture { fixture in
            let header = Self.basic("ana:\(Self.password)")
            #expect(try await Self.request(fixture.app, "/private/whoami", authorization: [header]).status == .ok)
            // Another instance or `horario user passwd`: its own store, and this cache never hears of it.
            let path = fixture.store.base.path
            let elsewhere = try SQLiteDatabase(path: path)
            try await elsewhere.setPasswordHash(Self.hasher.hash("a new password 123"), username: "ana")
            #expect(try await Self.request(fixture.app, "/private/whoami", authorization: [header]).status == .unauthorized)
            let newHeader = Self.basic("ana:a new password 123")
            #expect(try await Self.request(fixture.app, "/private/whoami", authorization: [newHeader]).body == "ana")
            // The new password is cached at the new version: repeats need no lookup.
            let lookups = await fixture.store.credentialLookups.value
            #expect(try await Self.request(fixture.app, "/private/whoami", authorization: [newHeader]).body == "ana")
            #expect(await fixture.store.credentialLookups.value == lookups)
        }
    }

    @Test("a hash made with fewer iterations than the hasher's is upgraded at the next successful login")
    func rehashOnLogin() async throws {
        try await withTemporaryDatabase { database in
            _ = try await database.createUser(
                NewUser(username: "old", email: "old@example.com"), passwordHash: PasswordHasher(iterations: 500).hash("old password"))
            let router = Router(context: TestContext.self)
            router.add(middleware: AuthenticationMiddleware(users: database, hasher: Self.hasher, cache: CredentialCache()))
            router.get("whoami") { _, context in context.identity?.username ?? "anonymous" }
            let app = Application(router: router)
            #expect(try await Self.request(app, "/whoami", authorization: [Self.basic("old:old password")]).body == "old")
            let stored = try #require(try await database.credentials(username: "old")).passwordHash
            #expect(stored.hasPrefix("pbkdf2-sha256$1000$"))
            #expect(Self.hasher.verify("old password", against: stored))
        }
    }
}
