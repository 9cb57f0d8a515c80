import HTTPTypes
public import Hummingbird
import Logging
public import Store

/// Authenticates requests that carry an `Authorization` header and sets `context.identity`.
///
/// - `Basic` (RFC 7617): username and password, UTF-8, usernames case-sensitive. A header
///   verified in the last few minutes is answered from the ``CredentialCache``; otherwise the
///   password is checked against the stored PBKDF2 hash (~100 ms) and, if right, remembered.
/// - `Bearer` (RFC 6750): an API token, looked up by its SHA-256 (``BearerToken``).
///
/// A request without the header passes on anonymous (identity nil); add
/// ``RequireIdentityMiddleware`` where a user is needed. A header that is present but wrong,
/// unreadable or repeated is refused with a 401 (``AuthenticationChallenge``), never ignored:
/// a client that sent credentials expects them to count.
///
/// ```swift
/// router.add(middleware: AuthenticationMiddleware(users: store, hasher: PasswordHasher(), cache: CredentialCache()))
/// router.group("api").add(middleware: RequireIdentityMiddleware())
/// ```
public struct AuthenticationMiddleware<Context: AuthenticatedRequestContext>: RouterMiddleware {
    private let users: any UserStore
    private let hasher: PasswordHasher
    private let cache: CredentialCache
    private let realm: String

    /// - Parameters:
    ///   - users: where accounts, password hashes and token hashes live.
    ///   - hasher: verifies passwords (its iteration count also sets when old hashes are upgraded).
    ///   - cache: remembers verified Basic headers; share one per process.
    ///   - realm: the realm named in challenges.
    public init(users: any UserStore, hasher: PasswordHasher, cache: CredentialCache, realm: String = AuthenticationChallenge.defaultRealm) {
        self.users = users
        self.hasher = hasher
        self.cache = cache
        self.realm = realm
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let values = request.headers[values: .authorization]
        guard let header = values.first else { return try await next(request, context) }
        guard values.count == 1, let credentials = HTTPCredentials(header: header) else {
            context.logger.debug("authentication refused: unreadable Authorization header")
            throw AuthenticationChallenge.unauthorized(realm: realm, message: "Malformed Authorization header")
        }
        var context = context
        switch credentials {
        case .basic(let username, let password):
            context.identity = try await authenticate(username: username, password: password, header: header, logger: context.logger)
        case .bearer(let token):
            guard let user = try await users.user(tokenHash: BearerToken.hash(token)) else {
                context.logger.debug("authentication refused: unknown bearer token")
                throw AuthenticationChallenge.unauthorized(realm: realm, message: "Invalid token", invalidToken: true)
            }
            context.identity = user
        }
        return try await next(request, context)
    }

    /// The user whose password `header` carries, from the cache or by verifying the hash.
    ///
    /// PBKDF2 runs synchronously here, but this is an async function that Hummingbird 2 runs on
    /// Swift's cooperative thread pool, not on a NIO event loop, so the ~100 ms holds one pool
    /// thread and never stalls other connections' I/O. The cache keeps it to once per client
    /// every few minutes.
    private func authenticate(username: String, password: String, header: String, logger: Logger) async throws -> User {
        if let verified = await cache.verification(forHeader: header) {
            // The row says whether the password changed since (in any process): no extra query.
            if let user = try await users.user(id: verified.userId), user.username == username,
                user.credentialVersion == verified.credentialVersion
            {
                return user
            }
            await cache.forget(userId: verified.userId)
        }
        guard let stored = try await users.credentials(username: username) else {
            // Spend the same time as a wrong password so response times do not reveal which names exist.
            hasher.burnVerificationTime(password)
            logger.debug("authentication refused: wrong username or password")
            throw AuthenticationChallenge.unauthorized(realm: realm, message: "Invalid username or password")
        }
        guard hasher.verify(password, against: stored.passwordHash) else {
            logger.debug("authentication refused: wrong username or password")
            throw AuthenticationChallenge.unauthorized(realm: realm, message: "Invalid username or password")
        }
        var version = stored.user.credentialVersion
        if hasher.needsRehash(stored.passwordHash) {
            // An older, cheaper hash: replace it while the password is at hand. Failing to is
            // harmless. The change moves the credential version.
            if (try? await users.setPasswordHash(hasher.hash(password), username: username)) != nil { version += 1 }
        }
        await cache.remember(header: header, userId: stored.user.id, credentialVersion: version)
        return stored.user
    }
}
