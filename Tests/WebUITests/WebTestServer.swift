import Auth
import Foundation
import HTTPTypes
import HorarioApp
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLiteStore
import Store
import WebUI

/// A real server on 127.0.0.1 over a temporary SQLite file with two users, alice and bob, and a
/// clock the tests can move (session expiry).
struct WebTestServer {
    static func password(_ user: String) -> String { "\(user)-password" }

    let store: SQLiteDatabase
    let clock = TestClock()
    var userIDs: [String: String] = [:]

    static func make() async throws -> WebTestServer {
        let store = try SQLiteDatabase.temporary()
        var server = WebTestServer(store: store)
        let hasher = PasswordHasher(iterations: 1_000)
        for name in ["alice", "bob"] {
            let user = try await store.createUser(
                NewUser(username: name, displayName: name.capitalized, email: "\(name)@example.org", timeZone: "America/Sao_Paulo"),
                passwordHash: hasher.hash(password(name)))
            server.userIDs[name] = user.id
        }
        return server
    }

    func run(_ body: @Sendable (WebClient) async throws -> Void) async throws {
        let clock = self.clock
        let router = HorarioApplication.router(
            store: store, hasher: PasswordHasher(iterations: 1_000), cache: CredentialCache(), now: { clock.now })
        let app = Application(
            router: router, server: HTTPLimits.http1(idleTimeout: .seconds(30)), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(WebClient(client: client)) }
    }
}

/// A clock that starts now and moves only when told.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// A browser in miniature: keeps cookies, reads the CSRF token of the last page, posts forms
/// as a same-origin browser does.
final class WebClient: @unchecked Sendable {
    let client: any TestClientProtocol
    private let lock = NSLock()
    private var cookies: [String: String] = [:]
    private(set) var lastToken = ""

    init(client: any TestClientProtocol) { self.client = client }

    struct Page: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var html: String
        var location: String? { headers[.location] }
    }

    func get(_ path: String) async throws -> Page {
        try await send(.get, path, body: nil, extraHeaders: [:])
    }

    /// POSTs `fields` with the last page's CSRF token (unless `token` is given).
    func post(
        _ path: String, _ fields: [(String, String)], token: String? = nil, headers extra: HTTPFields = [.secFetchSite: "same-origin"]
    )
        async throws -> Page
    {
        let all = [("_csrf", token ?? lastToken)] + fields
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(.post, path, body: body, extraHeaders: headers)
    }

    /// Signs in through the form.
    func signIn(_ user: String, password: String? = nil) async throws -> Page {
        _ = try await get("/login")
        return try await post("/login", [("username", user), ("password", password ?? WebTestServer.password(user))])
    }

    func cookie(_ name: String) -> String? { lock.withLock { cookies[name] } }

    func setCookie(_ name: String, _ value: String) { lock.withLock { cookies[name] = value } }

    private func send(_ method: HTTPRequest.Method, _ path: String, body: String?, extraHeaders: HTTPFields) async throws -> Page {
        var headers = extraHeaders
        let cookieHeader = lock.withLock { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if !cookieHeader.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0])
            let cookie = pair.count > 1 ? String(pair[1]) : ""
            lock.withLock { if value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = cookie } }
        }
        let html = String(buffer: response.body)
        if let range = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) {
            let match = html[range]
            let token = match.split(separator: "\"")[3]
            lock.withLock { lastToken = String(token) }
        }
        return Page(status: response.status, headers: response.headers, html: html)
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

extension HTTPField.Name {
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
}
