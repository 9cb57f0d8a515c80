import Auth
import Foundation
import Hummingbird
import NIOCore

/// A contract server for Google Calendar and Microsoft Graph, written from their published
/// documentation (CONNECTIONS.md §2.1–2.4): OAuth authorization pages, token endpoints that
/// check the client, the redirect URI, single-use codes and the PKCE verifier, refresh
/// (Google keeps the refresh token, Microsoft rotates it), revocation, and the calendar APIs
/// Horario uses, checking bearer tokens, scopes and idempotency ids. Knobs (POST
/// /_control/knobs) make it expire tokens, refuse grants, rate-limit, fail, slow down or grant
/// fewer scopes. It prints `listening on PORT` once it serves.
///
/// Usage: provider-fake [PORT]   (0, the default, picks a free port)
@main
struct ProviderFake {
    static func main() async throws {
        let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 0 : 0
        let state = FakeState()
        let router = Router()
        OAuthRoutes(state: state).add(to: router)
        GoogleRoutes(state: state).add(to: router)
        GraphRoutes(state: state).add(to: router)
        ControlRoutes(state: state).add(to: router)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "provider-fake"),
            onServerRunning: { channel in
                FileHandle.standardOutput.write(Data("listening on \(channel.localAddress?.port ?? 0)\n".utf8))
            })
        try await app.runService()
    }
}

/// Small helpers the routes share.
enum Reply {
    static func json(_ object: Any, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .found, headers: [.location: location])
    }

    /// Google's error shape; Graph's is `{"error": {"code", "message"}}`, which this also fits.
    static func error(_ status: HTTPResponse.Status, _ message: String, reason: String, code: String? = nil, headers: HTTPFields = [:]) -> Response {
        json(
            [
                "error": [
                    "code": code ?? String(status.code), "message": message, "errors": [["domain": "global", "reason": reason, "message": message]],
                ]
            ],
            status: status, headers: headers)
    }

    static func body(_ request: Request) async throws -> Data {
        var request = request
        return Data(try await request.collectBody(upTo: 1 << 20).readableBytesView)
    }

    static func form(_ request: Request) async throws -> [String: String] {
        let text = String(decoding: try await body(request), as: UTF8.self)
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    static func object(_ request: Request) async throws -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: try await body(request))) as? [String: Any] ?? [:]
    }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text + "Z")
    }

    static func stamp(_ date: Date, zulu: Bool = true) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let text = formatter.string(from: date)
        return zulu ? text : String(text.dropLast())
    }
}

/// The test's own levers: knobs, seeded busy events, and what the server saw.
struct ControlRoutes {
    let state: FakeState

    func add(to router: Router<BasicRequestContext>) {
        let state = self.state
        router.post("_control/reset") { _, _ in
            await state.reset()
            return Reply.json([:])
        }
        router.post("_control/knobs") { request, _ in
            let knobs = try JSONDecoder().decode(FakeState.Knobs.self, from: try await Reply.body(request))
            await state.setKnobs(knobs)
            return Reply.json([:])
        }
        router.post("_control/expire-access-tokens") { _, _ in
            await state.expireAccessTokens()
            return Reply.json([:])
        }
        router.post("_control/busy") { request, _ in
            let object = try await Reply.object(request)
            guard let provider = object["provider"] as? String, let calendar = object["calendar"] as? String,
                let start = Reply.date(object["start"] as? String), let end = Reply.date(object["end"] as? String)
            else { return Reply.json(["error": "provider, calendar, start, end"], status: .badRequest) }
            await state.addEvent(
                .init(
                    provider: provider, calendar: calendar, id: "seed-\(UUID().uuidString.prefix(8))", start: start, end: end,
                    showAs: object["showAs"] as? String ?? "busy", body: Data("{}".utf8)))
            return Reply.json([:])
        }
        router.get("_control/state") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: await state.snapshot())))
        }
    }
}

extension FakeState.Event {
    /// The event with `patch`'s members replacing its own (both APIs' PATCH), times moved, and
    /// its JSON; members in `keeping` stay as they were.
    func patched(_ patch: [String: Any], keeping: Set<String> = [], extra: [String: Any] = [:]) throws -> (FakeState.Event, [String: Any]) {
        var event = self
        var object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        for (key, value) in patch where !keeping.contains(key) { object[key] = value }
        for (key, value) in extra { object[key] = value }
        if let start = Reply.date((patch["start"] as? [String: Any])?["dateTime"] as? String) { event.start = start }
        if let end = Reply.date((patch["end"] as? [String: Any])?["dateTime"] as? String) { event.end = end }
        event.body = try JSONSerialization.data(withJSONObject: object)
        return (event, object)
    }
}
