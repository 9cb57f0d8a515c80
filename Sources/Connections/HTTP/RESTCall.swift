import Foundation

/// A JSON call to a provider's REST API with a bearer token, and the provider errors sorted
/// the engine's way (Google Calendar's and Microsoft Graph's documented error answers).
struct RESTCall {
    let http: OutgoingHTTP
    let accessToken: String
    let providerName: String

    struct Answer {
        var status: Int
        var json: [String: Any]
        var response: OutgoingHTTP.Response
    }

    func send(
        _ method: String, _ url: URL, body: [String: Any]? = nil, headers: [(String, String)] = [], timeout: TimeInterval? = nil,
        accept: Set<Int> = []
    ) async throws(ProviderError) -> Answer {
        var sent = headers + [("Authorization", "Bearer \(accessToken)"), ("Accept", "application/json")]
        var data: [UInt8]?
        if let body {
            sent.append(("Content-Type", "application/json"))
            data = (try? JSONSerialization.data(withJSONObject: body)).map { [UInt8]($0) }
        }
        let response = try await http.send(method, url, headers: sent, body: data, timeout: timeout)
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        if (200..<300).contains(response.status) || accept.contains(response.status) {
            return Answer(status: response.status, json: json, response: response)
        }
        throw error(response, json: json)
    }

    func error(_ response: OutgoingHTTP.Response, json: [String: Any]) -> ProviderError {
        let error = json["error"] as? [String: Any]
        let message = error?["message"] as? String ?? ""
        let reasons = (error?["errors"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        let code = error?["code"] as? String ?? ""
        let retryAfter = response.header("Retry-After").flatMap(TimeInterval.init)
        switch response.status {
        case 401: return .unauthorized("\(providerName) refused the access token (401\(message.isEmpty ? "" : ": " + message))")
        case 429: return .rateLimited("\(providerName) asks Horario to slow down (429)", retryAfter: retryAfter)
        case 403 where reasons.contains("rateLimitExceeded") || reasons.contains("userRateLimitExceeded") || code == "TooManyRequests":
            return .rateLimited("\(providerName) rate limit (\(reasons.joined(separator: ", ")))", retryAfter: retryAfter)
        case 403: return .unauthorized("\(providerName) does not allow this (403\(message.isEmpty ? "" : ": " + message))")
        case 404, 410: return .notFound("\(providerName) has no such item (\(response.status))")
        case 409, 412: return .preconditionFailed("\(providerName): \(message.isEmpty ? "conflict" : message) (\(response.status))")
        case 500...599: return .unreachable("\(providerName) failed with \(response.status)")
        default: return .badResponse("\(providerName) answered \(response.status)\(message.isEmpty ? "" : ": " + message)")
        }
    }
}

/// RFC 3339 in UTC with whole seconds, as both providers accept.
enum RFC3339Text {
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// A provider's date-time: with an offset or `Z`, or (Graph with `Prefer: outlook.timezone="UTC"`) without either, read as UTC.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        var trimmed = text
        if let dot = trimmed.firstIndex(of: ".") { trimmed = String(trimmed[..<dot]) }
        return formatter.date(from: trimmed + "Z")
    }
}
