public import Availability
public import Foundation

/// A signed-in browser of the web UI. The cookie carries a random id; only its SHA-256 is
/// stored, so a copy of the database signs nobody in.
public struct WebSession: Hashable, Sendable {
    public var idHash: String
    public var userId: String
    /// The synchronizer token every form of this session carries.
    public var csrfToken: String
    public var createdAt: Date
    /// Idle expiry; each use moves it forward, never past `createdAt` plus the absolute lifetime.
    public var expiresAt: Date

    public init(idHash: String, userId: String, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.idHash = idHash
        self.userId = userId
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// What a user changes about themself on the Account page.
public struct ProfileChanges: Hashable, Sendable {
    public var displayName: String
    /// nil follows the browser's `Accept-Language`.
    public var language: String?
    public var timeZone: String

    public init(displayName: String, language: String?, timeZone: String) {
        self.displayName = displayName
        self.language = language
        self.timeZone = timeZone
    }
}

/// A user's own account: profile, API tokens and web sessions. Every method acts on one user's
/// rows only.
public protocol AccountStore: Sendable {
    func updateProfile(_ changes: ProfileChanges, userId: String) async throws -> User
    /// The limits the user's new event types start from; nil until they set them.
    func defaultLimits(userId: String) async throws -> EventTypeLimits?
    func setDefaultLimits(_ limits: EventTypeLimits, userId: String) async throws
    /// The user's API tokens, newest first (names and dates; the tokens themselves are never stored).
    func tokens(ownedBy userId: String) async throws -> [APIToken]
    /// `notFound` for a token that does not exist or belongs to someone else.
    func deleteToken(id: String, ownedBy userId: String) async throws

    func createSession(_ session: WebSession) async throws
    /// The session with this id hash and its user, when it has not expired at `now`.
    func session(idHash: String, now: Date) async throws -> (session: WebSession, user: User)?
    /// Moves the idle expiry forward.
    func touchSession(idHash: String, expiresAt: Date) async throws
    func deleteSession(idHash: String) async throws
    /// Signs the user out everywhere but `idHash` (after a password change).
    func deleteSessions(ofUser userId: String, except idHash: String?) async throws
    /// Removes sessions that expired before `date`; returns how many.
    @discardableResult func deleteExpiredSessions(before date: Date) async throws -> Int
}
