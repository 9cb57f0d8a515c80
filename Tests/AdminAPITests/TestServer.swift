import AdminAPI
import Auth
import Foundation
import HTTPTypes
import HorarioApp
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLiteStore
import Store

/// A real server on 127.0.0.1 over a real temporary SQLite file, with two users (alice and
/// bob) so every test can also check isolation. Passwords are hashed with few iterations so
/// the suite stays fast; the production count is tested in AuthTests.
struct TestServer {
    static let users = ["alice", "bob"]
    static func password(_ user: String) -> String { "\(user)-password" }

    let store: SQLiteDatabase
    var userIDs: [String: String] = [:]

    static func make() async throws -> TestServer {
        let store = try SQLiteDatabase.temporary()
        var server = TestServer(store: store)
        let hasher = PasswordHasher(iterations: 1_000)
        for name in users {
            let user = try await store.createUser(
                NewUser(username: name, email: "\(name)@example.org", timeZone: "America/Sao_Paulo"), passwordHash: hasher.hash(password(name)))
            server.userIDs[name] = user.id
        }
        return server
    }

    /// Runs `body` against the live server.
    func run(_ body: @Sendable (APIClient) async throws -> Void) async throws {
        let router = HorarioApplication.router(store: store, hasher: PasswordHasher(iterations: 1_000), cache: CredentialCache())
        // The HTTP server as `horario serve` configures it: header limits, idle timeout, 100-continue.
        let app = Application(
            router: router, server: HTTPLimits.http1(idleTimeout: .seconds(30)), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(APIClient(client: client)) }
    }
}

/// Sends JSON requests as a user and decodes JSON answers.
struct APIClient: Sendable {
    let client: any TestClientProtocol

    struct Answer: @unchecked Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var text: String
        /// The decoded JSON body (dictionary, array, …), nil when it is not JSON.
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
        /// The `errors[].path` list of a problem.
        var errorPaths: [String] { (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } }
    }

    func send(_ method: HTTPRequest.Method, _ path: String, as user: String? = "alice", json: String? = nil) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let user {
            let credentials = Data("\(user):\(TestServer.password(user))".utf8).base64EncodedString()
            headers[.authorization] = "Basic \(credentials)"
        }
        if json != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    func get(_ path: String, as user: String? = "alice") async throws -> Answer { try await send(.get, path, as: user) }
    func post(_ path: String, _ json: String = "{}", as user: String? = "alice") async throws -> Answer {
        try await send(.post, path, as: user, json: json)
    }
    func patch(_ path: String, _ json: String, as user: String? = "alice") async throws -> Answer {
        try await send(.patch, path, as: user, json: json)
    }
    func delete(_ path: String, as user: String? = "alice") async throws -> Answer { try await send(.delete, path, as: user) }
}
