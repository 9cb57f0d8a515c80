public import Foundation

/// One iTIP message (RFC 5546) in a user's scheduling inbox (RFC 6638 §2.2): a request,
/// cancellation or reply the server delivered, kept until the user's client deletes it.
public struct InboxMessage: Hashable, Sendable {
    /// The last URL segment, e.g. `3f2a….ics`.
    public var name: String
    public var uid: String
    /// `REQUEST`, `CANCEL` or `REPLY`.
    public var method: String
    /// The iCalendar text, with its METHOD; empty when listed without data.
    public var ics: String
    public var size: Int
    public var etag: String
    public var createdAt: Date

    public init(name: String, uid: String, method: String, ics: String, size: Int, etag: String, createdAt: Date) {
        self.name = name
        self.uid = uid
        self.method = method
        self.ics = ics
        self.size = size
        self.etag = etag
        self.createdAt = createdAt
    }
}

/// What the server delivers to one calendar user of this server: the iTIP message for their
/// inbox and, with it, their own copy of the event (RFC 6638 §3.2: the server keeps the
/// attendee's scheduling object resource, and the organizer's after a reply).
public struct SchedulingDelivery: Hashable, Sendable {
    public var recipientId: String
    public var uid: String
    public var method: String
    /// The message for the inbox (with METHOD).
    public var message: String
    /// The recipient's copy as it must be stored (no METHOD), nil to leave their calendars
    /// alone. Stored over the object of the recipient's that has the UID, else created in
    /// their default calendar (``SchedulingStore/defaultCalendar(ownedBy:)``).
    public var copy: NewCalendarObject?
    /// Only replace an existing copy, never create one (a reply updates the organizer's event;
    /// a cancellation of an event the attendee already deleted leaves nothing behind).
    public var replaceOnly: Bool
    /// The entity tag the existing copy must still have (the copy was computed from it), else
    /// ``DAVStoreError/preconditionFailed`` and nothing is written.
    public var ifMatch: String?

    public init(
        recipientId: String, uid: String, method: String, message: String, copy: NewCalendarObject?, replaceOnly: Bool = false,
        ifMatch: String? = nil
    ) {
        self.recipientId = recipientId
        self.uid = uid
        self.method = method
        self.message = message
        self.copy = copy
        self.replaceOnly = replaceOnly
        self.ifMatch = ifMatch
    }
}

/// An iTIP message by e-mail (iMIP, RFC 6047) to an attendee or organizer who is no user of
/// this server, kept in a durable outbox until the relay takes it.
public struct SchedulingMail: Hashable, Sendable {
    public var id: Int64
    /// The user whose change it reports (the sender's name and the reply address).
    public var senderId: String
    public var recipient: String
    /// `REQUEST`, `CANCEL` or `REPLY`.
    public var method: String
    public var uid: String
    /// The iCalendar text with METHOD.
    public var ics: String
    public var state: BookingMessage.State
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var createdAt: Date

    public init(
        id: Int64, senderId: String, recipient: String, method: String, uid: String, ics: String, state: BookingMessage.State, attempts: Int,
        nextAttemptAt: Date?, lastError: String?, createdAt: Date
    ) {
        self.id = id
        self.senderId = senderId
        self.recipient = recipient
        self.method = method
        self.uid = uid
        self.ics = ics
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
    }
}

/// Scheduling inboxes and the server's side of implicit scheduling (RFC 6638 §3–4).
public protocol SchedulingStore: Sendable {
    /// The user's inbox, oldest first; without the texts unless `withData`.
    func inboxMessages(ownedBy userId: String, withData: Bool) async throws -> [InboxMessage]
    func inboxMessage(named name: String, ownedBy userId: String) async throws -> InboxMessage?
    /// `notFound` when absent.
    func deleteInboxMessage(named name: String, ownedBy userId: String) async throws
    /// The user's objects with this UID in any of their calendars, with their text.
    func calendarObjects(uid: String, ownedBy userId: String) async throws -> [CalendarObject]
    /// Where invitations land (`schedule-default-calendar-URL`, RFC 6638 §9.2): the first
    /// calendar of the user's own that takes events, else the calendar of their default
    /// schedule, else none.
    func defaultCalendar(ownedBy userId: String) async throws -> CalendarCollection?
    /// Writes the inbox message and the recipient's copy in one transaction. A copy that is a
    /// booking's object is never overwritten (the booking is the truth).
    func deliver(_ delivery: SchedulingDelivery) async throws

    /// Queues one e-mail per recipient.
    func queueSchedulingMail(senderId: String, recipients: [String], method: String, uid: String, ics: String) async throws
    /// Pending e-mails whose next attempt is due, oldest first.
    func schedulingMailDue(at now: Date, limit: Int) async throws -> [SchedulingMail]
    /// Records one attempt's outcome.
    func recordSchedulingMail(id: Int64, state: BookingMessage.State, attempts: Int, nextAttemptAt: Date?, lastError: String?) async throws
}
