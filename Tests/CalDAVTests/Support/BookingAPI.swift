import Foundation
import Testing

/// JSON requests of the booking API on a ``DAVClient``: the public routes without credentials,
/// the expert's as a test user.
extension DAVClient {
    /// Sends `body` as JSON. `user` nil sends no credentials (the public API).
    func json(
        _ method: String, _ path: String, _ body: String? = nil, as user: String? = nil, headers: [String: String] = [:]
    ) async throws
        -> HTTPAnswer
    {
        var all = headers
        if body != nil { all["Content-Type"] = "application/json" }
        return try await send(method, path, as: user, headers: all, body: body.map { Array($0.utf8) })
    }

    /// `POST /api/public/{username}/{slug}/bookings` for a slot start (RFC 3339).
    func book(
        _ username: String, _ slug: String, start: String, email: String = "carla@example.org", idempotencyKey: String? = nil
    ) async throws -> HTTPAnswer {
        let body = """
            {"start": "\(start)", "attendee": {"name": "Carla Souza", "email": "\(email)", "timeZone": "Europe/Lisbon"}, "notes": "First visit"}
            """
        return try await json(
            "POST", "/api/public/\(username)/\(slug)/bookings", body, headers: idempotencyKey.map { ["Idempotency-Key": $0] } ?? [:])
    }

    /// The slot starts (RFC 3339 UTC) of a window.
    func slotStarts(_ username: String, _ slug: String, start: String, end: String) async throws -> [String] {
        let answer = try await json("GET", "/api/public/\(username)/\(slug)/slots?start=\(start)&end=\(end)")
        #expect(answer.status == 200, "\(answer.text)")
        return (answer.object["slots"] as? [[String: Any]] ?? []).compactMap { $0["start"] as? String }
    }
}

extension HTTPAnswer {
    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// The `code` of each refusal reason of a 409 problem.
    var reasonCodes: [String] { (object["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }

    /// The `errors[].path` of a 422 problem.
    var errorPaths: [String] { (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } }

    /// A member of a nested object, by dotted path (`booking.uid`).
    func value(_ path: String) -> Any? {
        var current: Any? = object
        for key in path.split(separator: ".") { current = (current as? [String: Any])?[String(key)] }
        return current
    }

    func string(_ path: String) -> String? { value(path) as? String }
}
