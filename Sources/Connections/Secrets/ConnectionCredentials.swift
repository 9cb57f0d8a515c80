public import Foundation

/// What a connection authenticates with: a CalDAV user name and password, or OAuth tokens.
/// Sealed as JSON by ``CredentialVault``; never leaves the engine.
public enum ConnectionCredentials: Sendable, Equatable {
    case password(CalDAVDriver.Account)
    case oauth(OAuthTokens)

    var json: Data {
        let encoder = JSONEncoder()
        switch self {
        case .password(let account): return (try? encoder.encode(account)) ?? Data()
        case .oauth(let tokens): return (try? encoder.encode(tokens)) ?? Data()
        }
    }

    static func decode(_ data: Data) throws -> ConnectionCredentials {
        let decoder = JSONDecoder()
        if let tokens = try? decoder.decode(OAuthTokens.self, from: data) { return .oauth(tokens) }
        return .password(try decoder.decode(CalDAVDriver.Account.self, from: data))
    }
}

/// An OAuth grant: the tokens, when the access token expires, and the scopes actually granted.
public struct OAuthTokens: Codable, Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String?
    public var expiresAt: Date
    /// Space-separated, as the token endpoint said.
    public var scope: String

    public init(accessToken: String, refreshToken: String?, expiresAt: Date, scope: String) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scope = scope
    }

    public var scopes: Set<String> { Set(scope.split(separator: " ").map(String.init)) }
}
