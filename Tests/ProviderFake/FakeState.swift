import Auth
import Foundation

/// Everything the contract server remembers, and its failure knobs. One actor: requests are
/// handled in order of arrival, as a real provider's state would be seen.
actor FakeState {
    struct Code {
        var provider: String
        var tenant: String?
        var clientId: String
        var redirectURI: String
        var challenge: String
        var scopes: [String]
    }

    struct Token {
        var provider: String
        var tenant: String?
        var scopes: [String]
        var expiresAt: Date
        var revoked = false
    }

    struct Event {
        var provider: String
        var calendar: String
        var id: String
        var start: Date
        var end: Date
        var showAs: String
        /// The event as the provider shows it (JSON).
        var body: Data
        var conferencePolls = 0
        var transactionId: String?
    }

    /// What tests can change (POST /_control/knobs).
    struct Knobs: Codable {
        var grantScopes: [String]?
        var invalidGrant = false
        var rateLimitNext = 0
        var fail500Next = 0
        var delaySeconds = 0.0
        var calendarErrors: [String] = []
        var email: String?
        var accessTokenLifetime = 3600.0

        init() {}

        /// Absent knobs keep their defaults.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            grantScopes = try container.decodeIfPresent([String].self, forKey: .grantScopes)
            invalidGrant = try container.decodeIfPresent(Bool.self, forKey: .invalidGrant) ?? false
            rateLimitNext = try container.decodeIfPresent(Int.self, forKey: .rateLimitNext) ?? 0
            fail500Next = try container.decodeIfPresent(Int.self, forKey: .fail500Next) ?? 0
            delaySeconds = try container.decodeIfPresent(Double.self, forKey: .delaySeconds) ?? 0
            calendarErrors = try container.decodeIfPresent([String].self, forKey: .calendarErrors) ?? []
            email = try container.decodeIfPresent(String.self, forKey: .email)
            accessTokenLifetime = try container.decodeIfPresent(Double.self, forKey: .accessTokenLifetime) ?? 3600
        }
    }

    var codes: [String: Code] = [:]
    var accessTokens: [String: Token] = [:]
    var refreshTokens: [String: Token] = [:]
    var events: [String: Event] = [:]
    var knobs = Knobs()
    var counters: [String: Int] = [:]

    static let clients = ["google-client": "google-secret", "microsoft-client": "microsoft-secret"]

    func count(_ name: String) { counters[name, default: 0] += 1 }

    func setKnobs(_ new: Knobs) { knobs = new }

    func reset() {
        codes = [:]
        accessTokens = [:]
        refreshTokens = [:]
        events = [:]
        knobs = Knobs()
        counters = [:]
    }

    /// A failure the knobs ask for, before a request is served.
    func injectedFailure() -> (status: Int, retryAfter: String?)? {
        if knobs.rateLimitNext > 0 {
            knobs.rateLimitNext -= 1
            count("rateLimited")
            return (429, "1")
        }
        if knobs.fail500Next > 0 {
            knobs.fail500Next -= 1
            count("failed500")
            return (500, nil)
        }
        return nil
    }

    func delay() -> Double { knobs.delaySeconds }

    func issueCode(_ code: Code) -> String {
        let value = SessionSecret.generate()
        var granted = code
        if let scopes = knobs.grantScopes {
            granted.scopes = code.scopes.filter { scopes.contains($0) || !$0.contains("calendar") && !$0.contains("Calendars") }
        }
        codes[value] = granted
        return value
    }

    func takeCode(_ value: String) -> Code? { codes.removeValue(forKey: value) }

    func issueTokens(provider: String, tenant: String?, scopes: [String], refresh: Bool) -> (access: String, refresh: String?) {
        let access = "at-" + SessionSecret.generate()
        let token = Token(provider: provider, tenant: tenant, scopes: scopes, expiresAt: Date().addingTimeInterval(knobs.accessTokenLifetime))
        accessTokens[access] = token
        var refreshToken: String?
        if refresh {
            refreshToken = "rt-" + SessionSecret.generate()
            refreshTokens[refreshToken!] = token
        }
        return (access, refreshToken)
    }

    func refreshGrant(_ value: String) -> Token? {
        guard !knobs.invalidGrant, let token = refreshTokens[value], !token.revoked else { return nil }
        return token
    }

    func revoke(_ value: String) {
        refreshTokens[value]?.revoked = true
        accessTokens[value]?.revoked = true
        count("revoked")
    }

    /// Expires every access token issued so far (an early expiry or revocation).
    func expireAccessTokens() {
        for key in accessTokens.keys { accessTokens[key]?.expiresAt = Date.distantPast }
    }

    func bearer(_ header: String?, provider: String) -> Token? {
        guard let header, header.hasPrefix("Bearer "), let token = accessTokens[String(header.dropFirst(7))], token.provider == provider,
            !token.revoked, token.expiresAt > Date()
        else { return nil }
        return token
    }

    func email(provider: String) -> String { knobs.email ?? (provider == "google" ? "expert@gmail.example" : "expert@outlook.example") }

    func addEvent(_ event: Event) { events[event.provider + "/" + event.id] = event }

    func event(provider: String, id: String) -> Event? { events[provider + "/" + id] }

    func removeEvent(provider: String, id: String) -> Bool { events.removeValue(forKey: provider + "/" + id) != nil }

    func pollConference(provider: String, id: String) -> Event? {
        events[provider + "/" + id]?.conferencePolls += 1
        return events[provider + "/" + id]
    }

    func eventWithTransaction(_ transactionId: String) -> Event? { events.values.first { $0.transactionId == transactionId } }

    func busy(provider: String, calendar: String, from: Date, to: Date) -> [Event] {
        events.values.filter { $0.provider == provider && $0.calendar == calendar && $0.start < to && $0.end > from }.sorted { $0.start < $1.start }
    }

    /// What tests read back (GET /_control/state), as JSON.
    func snapshot() -> Data {
        let list: [[String: Any]] = events.values.sorted { $0.start < $1.start }.map {
            [
                "provider": $0.provider, "calendar": $0.calendar, "id": $0.id, "start": $0.start.timeIntervalSince1970,
                "end": $0.end.timeIntervalSince1970, "body": (try? JSONSerialization.jsonObject(with: $0.body)) ?? [:],
            ]
        }
        let json: [String: Any] = ["events": list, "counters": counters, "refreshTokens": refreshTokens.count]
        return (try? JSONSerialization.data(withJSONObject: json)) ?? Data()
    }
}
