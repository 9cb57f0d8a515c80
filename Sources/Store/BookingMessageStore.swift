public import Foundation

/// A message about a booking change, as the outbox keeps it until the relay takes it.
public struct BookingMessage: Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case created, rescheduled, cancelled, reminder
    }

    public enum Recipient: String, Codable, Hashable, Sendable {
        case booker, expert
    }

    public enum State: String, Codable, Hashable, Sendable {
        case pending, sent, failed
    }

    public var id: Int64
    public var bookingId: String
    /// The expert the booking belongs to.
    public var expertId: String
    public var kind: Kind
    public var recipient: Recipient
    /// The booking's SEQUENCE after the change (the invitation carries it).
    public var sequence: Int
    /// The booking's times after the change.
    public var start: Date
    public var end: Date
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?

    public init(
        id: Int64, bookingId: String, expertId: String, kind: Kind, recipient: Recipient, sequence: Int, start: Date, end: Date, state: State,
        attempts: Int,
        nextAttemptAt: Date?, lastError: String?, createdAt: Date, sentAt: Date?
    ) {
        self.id = id
        self.bookingId = bookingId
        self.expertId = expertId
        self.kind = kind
        self.recipient = recipient
        self.sequence = sequence
        self.start = start
        self.end = end
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.sentAt = sentAt
    }
}

/// The durable outbox of booking messages. Rows are written in the transaction of the booking
/// change itself (every change, whoever makes it), so a message exists exactly when its change
/// does; the sender marks them.
public protocol BookingMessageStore: Sendable {
    /// Pending messages whose next attempt is due, oldest first.
    func messagesDue(at now: Date, limit: Int) async throws -> [BookingMessage]
    /// Records one attempt's outcome.
    func recordMessage(id: Int64, state: BookingMessage.State, attempts: Int, nextAttemptAt: Date?, lastError: String?, sentAt: Date?) async throws
    /// The messages of one booking, for its details page.
    func messages(bookingId: String) async throws -> [BookingMessage]
    /// Queues the reminders that are due at `now` (once per booking, recipient and SEQUENCE).
    func queueReminders(at now: Date) async throws
    /// The booker's management token, sealed (``BookingRequest/sealedManagementToken``), when the
    /// booking was made with one.
    func sealedManagementToken(bookingId: String) async throws -> String?
}
