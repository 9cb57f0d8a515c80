public import Foundation

/// A busy interval read from an external calendar: times only, never a title (privacy).
public struct ExternalBusy: Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case busy
        case tentative
    }

    public var connectionId: String
    public var calendarId: String
    public var start: Date
    public var end: Date
    public var kind: Kind

    public init(connectionId: String, calendarId: String, start: Date, end: Date, kind: Kind = .busy) {
        self.connectionId = connectionId
        self.calendarId = calendarId
        self.start = start
        self.end = end
        self.kind = kind
    }
}

/// What a busy reading needs to know about one of the expert's active connections: whether its
/// cache can be trusted, and what to call it.
public struct ConnectionFreshness: Hashable, Sendable {
    public var connectionId: String
    public var provider: CalendarProviderKind
    public var email: String
    public var status: ConnectionStatus
    /// nil: never synced.
    public var lastSyncAt: Date?
    /// Whether any of its calendars is checked for conflicts; one without any adds nothing.
    public var checksConflicts: Bool

    public init(
        connectionId: String, provider: CalendarProviderKind, email: String, status: ConnectionStatus, lastSyncAt: Date?, checksConflicts: Bool
    ) {
        self.connectionId = connectionId
        self.provider = provider
        self.email = email
        self.status = status
        self.lastSyncAt = lastSyncAt
        self.checksConflicts = checksConflicts
    }
}

/// Where a booking was written outside Horario, and whether that worked.
public struct ExternalWrite: Hashable, Sendable {
    public enum State: String, Codable, Hashable, Sendable {
        /// Waiting for the worker (first write, a move or a cancellation).
        case pending
        case written
        /// Removed from the external calendar after a cancellation.
        case deleted
        /// Retries ran out; the booking stands, the owner is told.
        case failed
        /// The connection was disconnected; the external event is no longer managed.
        case orphaned
    }

    public var bookingId: String
    public var connectionId: String?
    public var calendarId: String
    public var provider: CalendarProviderKind
    /// The external object's URL (CalDAV) once written.
    public var href: String?
    public var etag: String?
    public var state: State
    public var attempts: Int
    public var lastError: String?
    public var nextAttemptAt: Date?
    public var updatedAt: Date
    /// The video link the provider made (Meet, Teams).
    public var conferenceURL: String?

    public init(
        bookingId: String, connectionId: String?, calendarId: String, provider: CalendarProviderKind, href: String?, etag: String?,
        state: State, attempts: Int, lastError: String?, nextAttemptAt: Date?, updatedAt: Date, conferenceURL: String? = nil
    ) {
        self.conferenceURL = conferenceURL
        self.bookingId = bookingId
        self.connectionId = connectionId
        self.calendarId = calendarId
        self.provider = provider
        self.href = href
        self.etag = etag
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.updatedAt = updatedAt
    }
}
