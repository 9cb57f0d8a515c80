import Auth
public import Foundation
import Logging
public import Store

/// The authorization-code flow (CONNECTIONS.md §4.2): the state is 256 random bits, stored only
/// as its SHA-256 with the PKCE verifier sealed, bound to the signed-in user, valid 10 minutes,
/// used once — taken from the store before the code is exchanged.
extension ConnectionEngine {
    static var stateLifetime: TimeInterval { 600 }

    /// Why a callback was refused before anything was exchanged.
    public struct AuthorizationRefused: Error, CustomStringConvertible {
        public var description: String
    }

    /// The provider's authorization page for `userId`, or nil when the provider is not configured.
    public func startAuthorization(userId: String, provider: CalendarProviderKind, now: Date) async throws -> URL? {
        guard let endpoints = oauth.endpoints(provider) else { return nil }
        let state = SessionSecret.generate()
        let (verifier, challenge) = OAuthClient.pkce()
        let hash = SessionSecret.hash(state)
        let sealed = vault.box.seal(Array(verifier.utf8), place: Self.verifierPlace(hash))
        try await store.saveOAuthState(
            stateHash: hash, userId: userId, provider: provider, sealedVerifier: sealed, now: now, ttl: Self.stateLifetime)
        let user = try await store.user(id: userId)
        return OAuthClient(endpoints: endpoints, http: http(for: provider)).authorizationURL(state: state, challenge: challenge, loginHint: nil)
            .absoluteURL
            .appendingLoginHint(user: user, provider: provider)
    }

    static func verifierPlace(_ stateHash: String) -> String {
        SecretBox.place(table: "oauth_states", row: stateHash, column: "verifier")
    }

    /// Finishes the flow for the signed-in `userId`: checks the state (known, unexpired, this
    /// user's, this provider's) before exchanging the code, stores the tokens sealed, lists the
    /// calendars and reads the busy time once. A grant without the write scope connects
    /// read-only (no calendar can take bookings); one without calendar access is refused.
    public func finishAuthorization(
        userId: String, provider: CalendarProviderKind, code: String?, state: String?, error: String?, now: Date
    ) async throws -> CalendarConnection {
        guard let state, !state.isEmpty,
            let request = try await store.takeOAuthState(stateHash: SessionSecret.hash(state), now: now, ttl: Self.stateLifetime)
        else { throw AuthorizationRefused(description: "the authorization request is unknown, used or expired; start connecting again") }
        guard request.userId == userId, request.provider == provider else {
            throw AuthorizationRefused(description: "the authorization request belongs to another sign-in; start connecting again")
        }
        if let error {
            throw AuthorizationRefused(description: "\(provider.rawValue) did not grant access (\(error))")
        }
        guard let code, !code.isEmpty else { throw AuthorizationRefused(description: "the provider sent no authorization code") }
        guard let endpoints = oauth.endpoints(provider), let driver = driver(for: provider) else {
            throw AuthorizationRefused(description: "\(provider.rawValue) is not configured on this server")
        }
        let verifier: String
        do {
            verifier = String(
                decoding: try vault.box.open(request.sealedVerifier, place: Self.verifierPlace(SessionSecret.hash(state))), as: UTF8.self)
        } catch {
            throw AuthorizationRefused(description: "the authorization request cannot be read; start connecting again")
        }
        let client = OAuthClient(endpoints: endpoints, http: http(for: provider))
        let grant = try await client.exchange(code: code, verifier: verifier, now: now)
        let readScopes: Set<String> =
            provider == .google
            ? [
                "https://www.googleapis.com/auth/calendar.events.freebusy", "https://www.googleapis.com/auth/calendar.freebusy",
                "https://www.googleapis.com/auth/calendar.readonly", "https://www.googleapis.com/auth/calendar",
                "https://www.googleapis.com/auth/calendar.events",
            ] : []
        if provider == .google, grant.tokens.scopes.isDisjoint(with: readScopes) {
            throw AuthorizationRefused(description: "Google did not grant access to the calendars' busy time; connect again and allow it")
        }
        var email = grant.claims["email"] ?? grant.claims["preferred_username"]
        if email == nil, let graph = driver as? GraphDriver {
            email = try await graph.accountEmail(.oauth(grant.tokens))
        }
        guard let email = email?.lowercased(), !email.isEmpty else {
            throw AuthorizationRefused(description: "\(provider.rawValue) did not say which account was connected")
        }
        let existing = try await store.connection(ownedBy: userId, provider: provider, email: email)
        let id = existing?.id ?? UUID().uuidString.lowercased()
        let draft = CalendarConnection(
            id: id, userId: userId, provider: provider, email: email, serverURL: endpoints.api.absoluteString, calendars: [], status: .syncing,
            nextAttemptAt: now, createdAt: existing?.createdAt ?? now, updatedAt: now)
        let listed = try await driver.listCalendars(draft, auth: .oauth(grant.tokens))
        var connection = draft
        connection.calendars = listed.map(\.calendar)
        return try await saveAndRead(connection, credentials: .oauth(grant.tokens), now: now)
    }
}

extension URL {
    /// Adds the user's address as Google's `login_hint`, so the right account is offered first.
    func appendingLoginHint(user: User?, provider: CalendarProviderKind) -> URL {
        guard provider == .google, let email = user?.email, var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else {
            return self
        }
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "login_hint", value: email)]
        return components.url ?? self
    }
}
