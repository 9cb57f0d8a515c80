import AdminAPI
import Auth
import CalDAV
import DAVXML
import Foundation
import HorarioApp
import Hummingbird
import Logging
import NIOCore
import SQLiteStore
import ServiceLifecycle
import Store

/// The real server (admin API plus CalDAV, wired as `horario serve` wires them) on 127.0.0.1
/// and a free port, over a real temporary SQLite file, with two users, alice and bob, so tests
/// can check isolation too. Passwords are hashed with few iterations to keep the suite fast.
struct DAVTestServer: Sendable {
    static let usernames = ["alice", "bob"]
    static func password(_ username: String) -> String { "\(username)-password" }

    let store: SQLiteDatabase
    let users: [String: User]
    let limits: CalDAVServer.Limits
    /// The booking rules' clock (minimum notice, booking window, "already started").
    var now: @Sendable () -> Date = Date.init

    static func make(limits: CalDAVServer.Limits = .init(), now: @escaping @Sendable () -> Date = Date.init) async throws -> DAVTestServer {
        let store = try SQLiteDatabase.temporary()
        let hasher = PasswordHasher(iterations: 1_000)
        var users: [String: User] = [:]
        for name in usernames {
            users[name] = try await store.createUser(
                NewUser(username: name, displayName: name.capitalized, email: "\(name)@example.org", timeZone: "America/Sao_Paulo"),
                passwordHash: hasher.hash(password(name)))
        }
        return DAVTestServer(store: store, users: users, limits: limits, now: now)
    }

    func user(_ name: String) -> User { users[name]! }

    /// Starts the server, runs `body` against it, then stops it.
    func run(_ body: @Sendable (DAVClient) async throws -> Void) async throws {
        let hasher = PasswordHasher(iterations: 1_000)
        let cache = CredentialCache()
        let router = HorarioApplication.router(store: store, hasher: hasher, cache: cache, now: now, davLimits: limits)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "caldav-tests")
        logger.logLevel = .error
        // The HTTP server as `horario serve` configures it: header limits, idle timeout, 100-continue.
        let app = Application(
            router: router, server: HTTPLimits.http1(idleTimeout: .seconds(30)), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }, logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // A server that fails to start ends the wait for its port too.
                defer { portContinuation.finish() }
                try await services.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw DAVTestServerError.notStarted }
            do {
                try await body(DAVClient(http: HTTPTestClient(port: port)))
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
            await services.triggerGracefulShutdown()
        }
    }
}

enum DAVTestServerError: Error {
    case notStarted
}

/// DAV requests as one of the test users (or anonymously), answers read as text and XML.
struct DAVClient: Sendable {
    let http: HTTPTestClient

    /// Sends a request. `user` nil sends no credentials.
    func send(
        _ method: String, _ path: String, as user: String? = "alice", headers: [String: String] = [:], body: [UInt8]? = nil
    ) async throws -> HTTPAnswer {
        var fields: [(String, String)] = []
        if let user {
            let credentials = Data("\(user):\(DAVTestServer.password(user))".utf8).base64EncodedString()
            fields.append(("Authorization", "Basic \(credentials)"))
        }
        fields += headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return try await http.execute(method: method, path: path, headers: fields, body: body)
    }

    func send(
        _ method: String, _ path: String, as user: String? = "alice", headers: [String: String] = [:], text: String
    ) async throws
        -> HTTPAnswer
    {
        try await send(method, path, as: user, headers: headers, body: Array(text.utf8))
    }

    /// PROPFIND with an XML body (nil = no body, which means allprop).
    func propfind(
        _ path: String, depth: String = "0", _ xml: String? = nil, as user: String? = "alice", headers: [String: String] = [:]
    )
        async throws -> HTTPAnswer
    {
        var all = headers
        all["Depth"] = depth
        if xml != nil { all["Content-Type"] = "application/xml; charset=utf-8" }
        return try await send("PROPFIND", path, as: user, headers: all, body: xml.map { Array($0.utf8) })
    }

    /// PROPFIND of named properties (`<D:prop>` with the given elements, e.g. `<D:displayname/>`).
    func propfind(
        _ path: String, depth: String = "0", props: String, as user: String? = "alice", headers: [String: String] = [:]
    ) async throws
        -> HTTPAnswer
    {
        try await propfind(path, depth: depth, XMLBodies.propfind(props), as: user, headers: headers)
    }

    func report(
        _ path: String, depth: String = "1", _ xml: String, as user: String = "alice", headers: [String: String] = [:]
    ) async throws
        -> HTTPAnswer
    {
        var all = headers
        all["Depth"] = depth
        all["Content-Type"] = "application/xml; charset=utf-8"
        return try await send("REPORT", path, as: user, headers: all, text: xml)
    }

    func put(_ path: String, _ ics: String, headers: [String: String] = [:], as user: String = "alice") async throws -> HTTPAnswer {
        var all = headers
        all["Content-Type"] = "text/calendar; charset=utf-8"
        return try await send("PUT", path, as: user, headers: all, text: ics)
    }

    func get(_ path: String, headers: [String: String] = [:], as user: String = "alice") async throws -> HTTPAnswer {
        try await send("GET", path, as: user, headers: headers)
    }

    func delete(_ path: String, headers: [String: String] = [:]) async throws -> HTTPAnswer {
        try await send("DELETE", path, headers: headers)
    }

    /// MKCALENDAR at `path` with a body setting `props` (none: no body).
    func mkcalendar(_ path: String, props: String? = nil, as user: String = "alice") async throws -> HTTPAnswer {
        guard let props else { return try await send("MKCALENDAR", path, as: user) }
        return try await send("MKCALENDAR", path, as: user, headers: ["Content-Type": "application/xml"], text: XMLBodies.mkcalendar(props))
    }

    func proppatch(_ path: String, _ xml: String) async throws -> HTTPAnswer {
        try await send("PROPPATCH", path, headers: ["Content-Type": "application/xml"], text: xml)
    }

    /// The calendar's `getctag`, read with a PROPFIND.
    func ctag(_ path: String) async throws -> String {
        let answer = try await propfind(path, props: "<CS:getctag/>")
        return try answer.multistatus().response(path)?.property(XMLName.CalendarServer.getctag)?.text ?? ""
    }

    /// The calendar's `sync-token`, read with a PROPFIND.
    func syncToken(_ path: String) async throws -> String {
        let answer = try await propfind(path, props: "<D:sync-token/>")
        return try answer.multistatus().response(path)?.property(XMLName.DAV.syncToken)?.text ?? ""
    }

    /// The hrefs of a calendar's members (Depth 1 PROPFIND), the calendar itself left out.
    func memberHrefs(_ path: String, as user: String = "alice") async throws -> Set<String> {
        let answer = try await propfind(path, depth: "1", props: "<D:getetag/>", as: user)
        return Set(try answer.multistatus().hrefs).subtracting([path])
    }
}
