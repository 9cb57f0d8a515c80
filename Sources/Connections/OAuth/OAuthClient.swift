import Auth
import Foundation
import Store

/// The OAuth 2.0 authorization-code flow with PKCE (RFC 6749, RFC 7636) against one provider:
/// the authorization URL, the code exchange, refresh and revocation. Error answers are sorted
/// the engine's way: `invalid_grant` and `interaction_required` need the owner (reauthorize);
/// `invalid_client` is the operator's configuration; 5xx is transient.
struct OAuthClient: Sendable {
    let endpoints: OAuthEndpoints
    let http: OutgoingHTTP

    /// PKCE: a 256-bit verifier and its S256 challenge.
    static func pkce() -> (verifier: String, challenge: String) {
        let verifier = SessionSecret.generate()
        return (verifier, Base64URLText.encode(SHA256Digest.bytes(Array(verifier.utf8))))
    }

    func authorizationURL(state: String, challenge: String, loginHint: String? = nil) -> URL {
        var components = URLComponents(url: endpoints.authorize, resolvingAgainstBaseURL: false)!
        var items = [
            URLQueryItem(name: "client_id", value: endpoints.client.id),
            URLQueryItem(name: "redirect_uri", value: endpoints.redirect.absoluteString),
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "scope", value: endpoints.scopes.joined(separator: " ")),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "code_challenge", value: challenge),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        if endpoints.provider == .google {
            // offline: a refresh token; consent: a new one on reconnect (Google sends one only at consent).
            items += [
                URLQueryItem(name: "access_type", value: "offline"), URLQueryItem(name: "prompt", value: "consent"),
                URLQueryItem(name: "include_granted_scopes", value: "true"),
            ]
        } else {
            items += [URLQueryItem(name: "response_mode", value: "query"), URLQueryItem(name: "prompt", value: "select_account")]
        }
        if let loginHint { items.append(URLQueryItem(name: "login_hint", value: loginHint)) }
        components.queryItems = items
        return components.url!
    }

    /// What the token endpoint answered.
    struct Grant {
        var tokens: OAuthTokens
        /// The id token's claims (`email`, `preferred_username`, `sub`, `oid`).
        var claims: [String: String]
    }

    func exchange(code: String, verifier: String, now: Date) async throws(ProviderError) -> Grant {
        var form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", endpoints.redirect.absoluteString),
            ("client_id", endpoints.client.id), ("client_secret", endpoints.client.secret), ("code_verifier", verifier),
        ]
        if endpoints.provider != .google { form.append(("scope", endpoints.scopes.joined(separator: " "))) }
        return try await tokenRequest(form, previous: nil, now: now)
    }

    /// New tokens from the refresh token. Google usually sends no new refresh token (the old
    /// one stays); Microsoft sends a new one every time, which replaces the old.
    func refresh(_ tokens: OAuthTokens, now: Date) async throws(ProviderError) -> OAuthTokens {
        guard let refreshToken = tokens.refreshToken else {
            throw .unauthorized("the provider gave no refresh token; reconnect the account")
        }
        var form = [
            ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", endpoints.client.id),
            ("client_secret", endpoints.client.secret),
        ]
        if endpoints.provider != .google { form.append(("scope", endpoints.scopes.joined(separator: " "))) }
        return try await tokenRequest(form, previous: tokens, now: now).tokens
    }

    /// Revokes the grant where the provider offers it (Google); failures are not the owner's problem.
    func revoke(_ tokens: OAuthTokens) async {
        guard let revoke = endpoints.revoke else { return }
        _ = try? await http.send(
            "POST", revoke, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(Self.form([("token", tokens.refreshToken ?? tokens.accessToken)]).utf8))
    }

    func tokenRequest(_ form: [(String, String)], previous: OAuthTokens?, now: Date) async throws(ProviderError) -> Grant {
        let response = try await http.send(
            "POST", endpoints.token, headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: Array(Self.form(form).utf8))
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        guard response.status == 200 else {
            let error = json["error"] as? String ?? "http_\(response.status)"
            let description = (json["error_description"] as? String).map { ": \($0)" } ?? ""
            switch (response.status, error) {
            case (_, "invalid_grant"), (_, "interaction_required"), (_, "consent_required"), (_, "login_required"):
                throw .unauthorized("\(endpoints.provider.rawValue) refused the grant (\(error)\(description)); reconnect the account")
            case (500...599, _): throw .unreachable("\(endpoints.provider.rawValue)'s token endpoint failed with \(response.status)")
            case (429, _):
                throw .rateLimited(
                    "\(endpoints.provider.rawValue) asks Horario to slow down", retryAfter: response.header("Retry-After").flatMap(TimeInterval.init))
            default:
                throw .badResponse(
                    "\(endpoints.provider.rawValue) refused the token request (\(error)\(description)); check the OAuth client's configuration")
            }
        }
        guard let access = json["access_token"] as? String else { throw .badResponse("the token endpoint sent no access token") }
        let expiresIn = (json["expires_in"] as? NSNumber)?.doubleValue ?? Double(json["expires_in"] as? String ?? "") ?? 3600
        let tokens = OAuthTokens(
            accessToken: access, refreshToken: json["refresh_token"] as? String ?? previous?.refreshToken,
            expiresAt: now.addingTimeInterval(expiresIn),
            scope: json["scope"] as? String ?? previous?.scope ?? endpoints.scopes.joined(separator: " "))
        return Grant(tokens: tokens, claims: (json["id_token"] as? String).map(Self.claims) ?? [:])
    }

    /// The claims of an ID token received straight from the token endpoint over TLS (OpenID
    /// Connect Core §3.1.3.7: its signature need not be checked then); only strings are kept.
    static func claims(_ idToken: String) -> [String: String] {
        let parts = idToken.split(separator: ".")
        guard parts.count >= 2, let payload = Base64URLText.decode(String(parts[1])),
            let json = (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Any]
        else { return [:] }
        return json.compactMapValues { $0 as? String }
    }

    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}
