import Auth
import Foundation
import Hummingbird

/// The authorization pages and token endpoints of both providers
/// (developers.google.com/identity/protocols/oauth2/web-server;
/// learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow).
struct OAuthRoutes {
    let state: FakeState

    func add(to router: Router<BasicRequestContext>) {
        let state = self.state
        router.get("o/oauth2/v2/auth") { request, _ in try await Self.consentPage(request, provider: "google", tenant: nil, state: state) }
        router.post("o/oauth2/v2/auth") { request, _ in try await Self.decide(request, state: state) }
        router.post("token") { request, _ in try await Self.token(request, provider: "google", tenant: nil, state: state) }
        router.post("revoke") { request, _ in
            let form = try await Reply.form(request)
            await state.revoke(form["token"] ?? "")
            return Reply.json([:])
        }
        router.get(":tenant/oauth2/v2.0/authorize") { request, context in
            try await Self.consentPage(request, provider: "microsoft", tenant: context.parameters.get("tenant"), state: state)
        }
        router.post(":tenant/oauth2/v2.0/authorize") { request, _ in try await Self.decide(request, state: state) }
        router.post(":tenant/oauth2/v2.0/token") { request, context in
            try await Self.token(request, provider: "microsoft", tenant: context.parameters.get("tenant"), state: state)
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// The provider's consent screen: what the user is asked, with Allow and Deny.
    static func consentPage(_ request: Request, provider: String, tenant: String?, state: FakeState) async throws -> Response {
        let query = request.uri.queryParameters
        guard let client = query.get("client_id"), FakeState.clients[client] != nil else {
            return Reply.html("<h1>Error 401: invalid_client</h1>")
        }
        guard query.get("response_type") == "code", let redirect = query.get("redirect_uri"), !redirect.isEmpty,
            query.get("code_challenge_method") == "S256", let challenge = query.get("code_challenge"), challenge.count >= 43
        else { return Reply.html("<h1>Error 400: invalid_request (response_type=code, redirect_uri and an S256 code_challenge are required)</h1>") }
        if provider == "google", query.get("access_type") != "offline" {
            return Reply.html("<h1>Error 400: this test server expects access_type=offline</h1>")
        }
        let fields = [
            "client_id": client, "redirect_uri": redirect, "state": query.get("state") ?? "", "code_challenge": challenge,
            "scope": query.get("scope") ?? "", "provider": provider, "tenant": tenant ?? "",
        ]
        let hidden = fields.map { "<input type=\"hidden\" name=\"\($0.key)\" value=\"\(escape($0.value))\">" }.joined()
        let scopes = (query.get("scope") ?? "").split(separator: " ").map { "<li>\(escape(String($0)))</li>" }.joined()
        let email = await state.email(provider: provider)
        return Reply.html(
            """
            <!doctype html><html lang="en"><head><title>Sign in – \(provider) test server</title></head><body>
            <main><h1>\(provider == "google" ? "Google" : "Microsoft") (test server)</h1>
            <p>Horario wants to access your account <strong>\(escape(email))</strong>:</p><ul>\(scopes)</ul>
            <form method="post">\(hidden)<button name="decision" value="allow">Allow</button> <button name="decision" value="deny">Deny</button></form>
            </main></body></html>
            """)
    }

    static func decide(_ request: Request, state: FakeState) async throws -> Response {
        let form = try await Reply.form(request)
        guard let redirect = form["redirect_uri"], var components = URLComponents(string: redirect) else { return Reply.html("bad request") }
        var items = components.queryItems ?? []
        if form["decision"] == "allow" {
            let code = await state.issueCode(
                .init(
                    provider: form["provider"] ?? "", tenant: form["tenant"].flatMap { $0.isEmpty ? nil : $0 }, clientId: form["client_id"] ?? "",
                    redirectURI: redirect, challenge: form["code_challenge"] ?? "",
                    scopes: (form["scope"] ?? "").split(separator: " ").map(String.init)))
            items.append(URLQueryItem(name: "code", value: code))
        } else {
            items.append(URLQueryItem(name: "error", value: "access_denied"))
        }
        items.append(URLQueryItem(name: "state", value: form["state"] ?? ""))
        components.queryItems = items
        return Reply.redirect(components.url!.absoluteString)
    }

    static func tokenError(_ error: String, _ description: String, status: HTTPResponse.Status = .badRequest) -> Response {
        Reply.json(["error": error, "error_description": description], status: status)
    }

    /// Both grants. Every check a real token endpoint makes on them is made here.
    static func token(_ request: Request, provider: String, tenant: String?, state: FakeState) async throws -> Response {
        if let failure = await state.injectedFailure() {
            return Reply.json(["error": "temporarily_unavailable"], status: .init(code: failure.status))
        }
        let form = try await Reply.form(request)
        await state.count("token:" + (form["grant_type"] ?? ""))
        guard let client = form["client_id"], let secret = FakeState.clients[client], form["client_secret"] == secret else {
            return tokenError("invalid_client", "The OAuth client was not found.", status: .unauthorized)
        }
        let email = await state.email(provider: provider)
        switch form["grant_type"] {
        case "authorization_code":
            guard let value = form["code"], let code = await state.takeCode(value), code.provider == provider, code.clientId == client,
                code.tenant == tenant
            else {
                return tokenError(
                    "invalid_grant", provider == "google" ? "Malformed auth code." : "AADSTS54005: OAuth2 Authorization code was already redeemed.")
            }
            guard form["redirect_uri"] == code.redirectURI else { return tokenError("redirect_uri_mismatch", "Bad Request") }
            let verifier = form["code_verifier"] ?? ""
            guard Base64URLText.encode(SHA256Digest.bytes(Array(verifier.utf8))) == code.challenge else {
                return tokenError("invalid_grant", "Invalid code verifier.")
            }
            let tokens = await state.issueTokens(provider: provider, tenant: tenant, scopes: code.scopes, refresh: true)
            return Reply.json(answer(tokens, scopes: code.scopes, provider: provider, email: email, lifetime: await state.knobs.accessTokenLifetime))
        case "refresh_token":
            guard let value = form["refresh_token"], let grant = await state.refreshGrant(value) else {
                return tokenError(
                    "invalid_grant",
                    provider == "google" ? "Token has been expired or revoked." : "AADSTS700082: The refresh token has expired due to inactivity.")
            }
            await state.count("refreshed")
            // Google keeps the refresh token; Microsoft sends a new one every time.
            let tokens = await state.issueTokens(provider: provider, tenant: tenant, scopes: grant.scopes, refresh: provider == "microsoft")
            var body = answer(tokens, scopes: grant.scopes, provider: provider, email: email, lifetime: await state.knobs.accessTokenLifetime)
            body["id_token"] = nil
            return Reply.json(body)
        default:
            return tokenError("unsupported_grant_type", "grant_type must be authorization_code or refresh_token")
        }
    }

    static func answer(
        _ tokens: (access: String, refresh: String?), scopes: [String], provider: String, email: String, lifetime: Double
    )
        -> [String: Any]
    {
        let claims: [String: Any] =
            provider == "google"
            ? ["email": email, "sub": "sub-" + email, "email_verified": true] : ["preferred_username": email, "oid": "oid-" + email]
        let payload = Base64URLText.encode([UInt8]((try? JSONSerialization.data(withJSONObject: claims)) ?? Data()))
        var body: [String: Any] = [
            "access_token": tokens.access, "expires_in": Int(lifetime), "token_type": "Bearer", "scope": scopes.joined(separator: " "),
            "id_token": "eyJhbGciOiJub25lIn0.\(payload).",
        ]
        if let refresh = tokens.refresh { body["refresh_token"] = refresh }
        return body
    }
}
