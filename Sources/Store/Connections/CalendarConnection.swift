public import Foundation

/// The kinds of external calendar accounts (spec `CalendarProvider`).
public enum CalendarProviderKind: String, Codable, Hashable, Sendable, CaseIterable {
    case google
    case outlook
    case office365
    case apple
    case caldav

    /// Providers reached over CalDAV with a user name and password.
    public var usesPassword: Bool { self == .apple || self == .caldav }
}

/// How a connection's busy time stands. `stale` is derived when read (the cache is older than
/// the grace period); the others are stored by the refresher.
public enum ConnectionStatus: String, Codable, Hashable, Sendable {
    case ok
    case syncing
    case stale
    case reauthRequired = "reauth_required"
    case error
}

/// Why the last attempt on a connection failed, in words the owner can act on.
public struct ConnectionProblem: Codable, Hashable, Sendable {
    /// `unreachable`, `unauthorized`, `app_password_required`, `rate_limited`, `bad_response`, `timeout`, `not_allowed`…
    public var code: String
    public var message: String
    public var at: Date

    public init(code: String, message: String, at: Date) {
        self.code = code
        self.message = message
        self.at = at
    }
}

/// One calendar of a connection (spec `ConnectedCalendar`), plus whether it counts as busy time.
public struct ConnectedCalendar: Codable, Hashable, Sendable {
    /// The provider's id: for CalDAV the collection's absolute URL.
    public var id: String
    public var name: String
    public var isPrimary: Bool
    public var color: String?
    public var canWrite: Bool
    /// Its events make the owner busy. New calendars start on, except those the server marks
    /// transparent (holidays, birthdays).
    public var checkForConflicts: Bool
    /// Zone for its floating and all-day events (CalDAV `calendar-timezone`), when it names one.
    public var timeZone: String?
    public var lastSyncAt: Date?
    public var error: String?
    /// The video service the provider adds to events here (`hangoutsMeet`, `teamsForBusiness`), if any.
    public var conference: String?

    public init(
        id: String, name: String, isPrimary: Bool = false, color: String? = nil, canWrite: Bool, checkForConflicts: Bool = true,
        timeZone: String? = nil, lastSyncAt: Date? = nil, error: String? = nil, conference: String? = nil
    ) {
        self.conference = conference
        self.id = id
        self.name = name
        self.isPrimary = isPrimary
        self.color = color
        self.canWrite = canWrite
        self.checkForConflicts = checkForConflicts
        self.timeZone = timeZone
        self.lastSyncAt = lastSyncAt
        self.error = error
    }
}

/// An expert's external calendar account (spec `CalendarConnection`). Its secrets are not
/// here: they stay encrypted in the store and only the drivers open them.
public struct CalendarConnection: Hashable, Sendable {
    public var id: String
    public var userId: String
    public var provider: CalendarProviderKind
    /// The account's address; with the provider and the owner, what identifies the account.
    public var email: String
    /// Where the driver starts (CalDAV: the calendar home it discovered).
    public var serverURL: String?
    public var calendars: [ConnectedCalendar]
    /// False: the owner chose to ignore it (fail open on purpose); nothing is read or written.
    public var isActive: Bool
    public var status: ConnectionStatus
    public var lastSyncAt: Date?
    public var lastAttemptAt: Date?
    public var nextAttemptAt: Date?
    public var consecutiveFailures: Int
    public var lastError: ConnectionProblem?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, userId: String, provider: CalendarProviderKind, email: String, serverURL: String?, calendars: [ConnectedCalendar],
        isActive: Bool = true, status: ConnectionStatus = .syncing, lastSyncAt: Date? = nil, lastAttemptAt: Date? = nil,
        nextAttemptAt: Date? = nil, consecutiveFailures: Int = 0, lastError: ConnectionProblem? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.userId = userId
        self.provider = provider
        self.email = email
        self.serverURL = serverURL
        self.calendars = calendars
        self.isActive = isActive
        self.status = status
        self.lastSyncAt = lastSyncAt
        self.lastAttemptAt = lastAttemptAt
        self.nextAttemptAt = nextAttemptAt
        self.consecutiveFailures = consecutiveFailures
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The calendar `id`, if the connection has it.
    public func calendar(id: String) -> ConnectedCalendar? { calendars.first { $0.id == id } }
}

/// Secrets sealed by the caller for one connection row (the store never sees them in clear).
public struct SealedCredentials: Hashable, Sendable {
    /// The envelope text (versioned, with its key id inside).
    public var ciphertext: String
    /// The key it was sealed under, also kept in a plain column so rows on old keys can be counted.
    public var keyId: Int

    public init(ciphertext: String, keyId: Int) {
        self.ciphertext = ciphertext
        self.keyId = keyId
    }
}
