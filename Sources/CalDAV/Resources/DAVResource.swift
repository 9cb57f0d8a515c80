public import Foundation
public import Store

/// A resource of Horario's DAV tree, resolved for one authenticated user.
public struct DAVResource: Sendable {
    public enum Kind: Sendable {
        /// `/dav/` (and `/`): the DAV root, where discovery starts.
        case root
        /// `/dav/principals/`.
        case principals
        /// `/dav/principals/{user}/` (RFC 3744 §2, RFC 5397).
        case principal(User)
        /// `/dav/calendars/`.
        case homes
        /// `/dav/calendars/{user}/`: the calendar home (RFC 4791 §6.2.1).
        case home
        /// Scheduling inbox and outbox (RFC 6638 §2.2/§2.1).
        case inbox
        case outbox
        /// An iTIP message in the inbox (`/dav/calendars/{user}/inbox/{name}`).
        case inboxMessage(InboxMessage)
        case calendar(CalendarCollection)
        case object(CalendarCollection, CalendarObject)
        /// A plain WebDAV collection or file inside the home.
        case plainCollection(DAVResourceEntry)
        case plainFile(DAVResourceEntry)
    }

    public var kind: Kind
    /// The encoded path, with a trailing slash for collections.
    public var href: String
    /// The key of its dead properties (home-relative), nil where none can be stored.
    public var deadPropertyPath: String?
    /// The authenticated user (whose home this is, for home resources).
    public var user: User

    /// The kind without its payload: which live properties apply depends only on it.
    enum KindKey: Hashable {
        case root, principals, principal, homes, home, inbox, outbox, inboxMessage, calendar, bookingCalendar, object, plainCollection, plainFile
    }

    var kindKey: KindKey {
        switch kind {
        case .root: .root
        case .principals: .principals
        case .principal: .principal
        case .homes: .homes
        case .home: .home
        case .inbox: .inbox
        case .outbox: .outbox
        case .inboxMessage: .inboxMessage
        case .calendar(let calendar): calendar.scheduleId == nil ? .calendar : .bookingCalendar
        case .object: .object
        case .plainCollection: .plainCollection
        case .plainFile: .plainFile
        }
    }

    public var isCollection: Bool {
        switch kind {
        case .object, .plainFile, .inboxMessage: false
        default: true
        }
    }

    /// The schedule calendar a booking lives in cannot take new objects from clients.
    var isBookingCalendar: Bool {
        if case .calendar(let calendar) = kind { return calendar.scheduleId != nil }
        return false
    }

    public var etag: String? {
        switch kind {
        case .object(_, let object): object.etag
        case .plainFile(let entry): entry.etag
        case .inboxMessage(let message): message.etag
        case .calendar(let calendar): "\"\(calendar.id)-\(calendar.syncRevision)\""
        default: nil
        }
    }

    public var lastModified: Date? {
        switch kind {
        case .object(_, let object): object.updatedAt
        case .plainFile(let entry), .plainCollection(let entry): entry.updatedAt
        case .calendar(let calendar): calendar.updatedAt
        case .inboxMessage(let message): message.createdAt
        default: nil
        }
    }

    public var createdAt: Date? {
        switch kind {
        case .object(_, let object): object.createdAt
        case .plainFile(let entry), .plainCollection(let entry): entry.createdAt
        case .calendar(let calendar): calendar.createdAt
        case .inboxMessage(let message): message.createdAt
        default: nil
        }
    }
}
