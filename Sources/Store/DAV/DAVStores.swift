public import Foundation

/// Calendars and their objects (RFC 4791), and the change log behind sync tokens (RFC 6578).
///
/// Every write is one transaction that also bumps the calendar's `syncRevision` and logs the
/// change, so ctag, sync token, ETag and data never disagree. Objects that show bookings keep
/// the booking in step: deleting one cancels the booking; storing one with a moved start or
/// end reschedules it, refused with ``DAVStoreError/bookingOverlap(_:)`` when it would overlap
/// another confirmed booking of the same user.
public protocol CalendarStore: Sendable {
    /// The user's calendars, by order then slug.
    func calendars(ownedBy userId: String) async throws -> [CalendarCollection]
    func calendar(slug: String, ownedBy userId: String) async throws -> CalendarCollection?
    /// `conflict` when the slug is taken by a calendar or a plain collection of the home.
    func createCalendar(_ calendar: NewCalendar, ownedBy userId: String) async throws -> CalendarCollection
    func updateCalendar(id: String, ownedBy userId: String, changes: CalendarChanges) async throws -> CalendarCollection
    /// Deletes a client-created calendar with its objects and dead properties; `conflict` for a
    /// schedule's calendar (delete the schedule instead).
    func deleteCalendar(id: String, ownedBy userId: String) async throws

    /// Objects of a calendar, without their text unless `withData`. With `overlapping`, only
    /// those whose indexed span (`firstStart`..<`lastEnd`, nil = unbounded) meets the interval.
    func calendarObjects(in calendarId: String, overlapping: DateInterval?, withData: Bool) async throws -> [CalendarObject]
    /// Every object of the calendar without its text, and the revision the list is current at,
    /// in one read. `notFound` when the calendar does not exist.
    func objectListing(in calendarId: String) async throws -> CalendarObjectListing
    /// The named objects that exist (with their text), in no particular order.
    func calendarObjects(in calendarId: String, named names: [String]) async throws -> [CalendarObject]
    func calendarObject(named name: String, in calendarId: String) async throws -> CalendarObject?
    /// Creates or replaces an object. Errors: ``DAVStoreError/preconditionFailed`` (condition
    /// not met), ``DAVStoreError/uidConflict(existingName:)`` (another object of the calendar
    /// has the UID), ``DAVStoreError/bookingOverlap(_:)``, ``DAVStoreError/uidChanged`` (a
    /// replacement with a different UID).
    func putCalendarObject(
        _ object: NewCalendarObject, in calendarId: String, condition: WriteCondition
    ) async throws -> (
        object: CalendarObject, created: Bool
    )
    /// Deletes an object (a booking's: cancels the booking). `notFound` when absent.
    func deleteCalendarObject(named name: String, in calendarId: String, condition: WriteCondition) async throws
    /// Moves (or with `keepSource`, copies) an object to another calendar of the same user,
    /// under `newName`. Returns whether the target was created (false = replaced). A booking's
    /// object cannot leave its calendar (`conflict`); a copy keeps its UID, so copying within
    /// one calendar is a ``DAVStoreError/uidConflict(existingName:)``.
    func transferCalendarObject(
        named name: String, from calendarId: String, to targetCalendarId: String, newName: String, overwrite: Bool, keepSource: Bool
    ) async throws -> Bool

    /// Changes after `revision`, latest per name, at most `limit` names.
    /// ``DAVStoreError/invalidSyncToken`` when `revision` is beyond the calendar's.
    func changes(in calendarId: String, since revision: Int, limit: Int?) async throws -> CalendarChangeSet

    /// The user's own objects that meet the interval, with data: every object of any of their
    /// calendars that is not a booking (events a client created in a schedule's calendar
    /// included), busy time for availability.
    func personalObjects(ownedBy userId: String, overlapping: DateInterval) async throws -> [CalendarObject]
    /// Bytes stored for the user: calendar objects and plain resources.
    func usedBytes(ownedBy userId: String) async throws -> Int
}

/// A plain WebDAV resource inside a calendar home (RFC 4918): what MKCOL and PUT outside
/// calendars create. Paths are relative to the home, without leading or trailing slashes
/// (`litmus/foo.txt`).
public struct DAVResourceEntry: Hashable, Sendable {
    public var path: String
    public var isCollection: Bool
    public var contentType: String?
    public var size: Int
    public var etag: String
    /// The body; nil when listed without data, always nil for collections.
    public var body: Data?
    public var createdAt: Date
    public var updatedAt: Date

    public init(path: String, isCollection: Bool, contentType: String?, size: Int, etag: String, body: Data?, createdAt: Date, updatedAt: Date) {
        self.path = path
        self.isCollection = isCollection
        self.contentType = contentType
        self.size = size
        self.etag = etag
        self.body = body
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Plain collections and files under a calendar home, so generic WebDAV clients (and litmus)
/// work there. The home itself (path "") always exists and is not stored.
public protocol DAVResourceStore: Sendable {
    /// The resource at `path`, with its body.
    func davResource(path: String, ownedBy userId: String) async throws -> DAVResourceEntry?
    /// Members of the collection at `path` ("" = home), without bodies; all descendants when
    /// `recursive`.
    func davResources(under path: String, ownedBy userId: String, recursive: Bool) async throws -> [DAVResourceEntry]
    /// `conflict` when something exists at `path` (also a calendar slug at the top level);
    /// `notFound` when the parent collection does not exist.
    func createDAVCollection(path: String, ownedBy userId: String) async throws
    /// Creates or replaces a file. `notFound` when the parent collection is missing;
    /// `conflict` when `path` is a collection; ``DAVStoreError/preconditionFailed`` when the
    /// condition fails.
    func putDAVResource(
        path: String, body: Data, contentType: String?, ownedBy userId: String, condition: WriteCondition
    ) async throws -> (
        entry: DAVResourceEntry, created: Bool
    )
    /// Deletes a file or a collection with everything below it, and their dead properties.
    func deleteDAVResource(path: String, ownedBy userId: String) async throws
    /// Copies or moves `from` to `to` (RFC 4918 §9.8/§9.9) with dead properties. Collections
    /// are copied with all members unless `shallow`. An existing target is replaced only when
    /// `overwrite` (else ``DAVStoreError/preconditionFailed``); a missing target parent is
    /// `notFound`. Returns whether the target was created.
    func transferDAVResource(
        from: String, to: String, ownedBy userId: String, overwrite: Bool, shallow: Bool, keepSource: Bool
    ) async throws
        -> Bool
}

/// A property a client set that the server does not interpret (RFC 4918 §4.2): kept as the
/// element's serialized XML so namespaces, attributes and mixed content survive.
public struct DeadProperty: Hashable, Sendable {
    public var namespace: String
    public var name: String
    /// The whole property element as XML text, e.g. `<x:color xmlns:x="urn:x">blue</x:color>`.
    public var xml: String

    public init(namespace: String, name: String, xml: String) {
        self.namespace = namespace
        self.name = name
        self.xml = xml
    }
}

/// Dead properties of any resource of a home, keyed by its home-relative path ("" = the home,
/// `work` = a calendar, `work/a.ics` = an object, `litmus/x` = a plain resource). Deleting,
/// moving and copying resources through the other stores carries their dead properties along.
public protocol DeadPropertyStore: Sendable {
    func deadProperties(path: String, ownedBy userId: String) async throws -> [DeadProperty]
    /// Dead properties of several resources at once (a Depth 1 PROPFIND), by path.
    func deadProperties(paths: [String], ownedBy userId: String) async throws -> [String: [DeadProperty]]
    /// Sets and removes in one transaction (PROPPATCH is atomic, RFC 4918 §9.2).
    func updateDeadProperties(path: String, ownedBy userId: String, set: [DeadProperty], remove: [XMLQualifiedName]) async throws
}

/// A namespace and local name, without depending on an XML library.
public struct XMLQualifiedName: Hashable, Sendable {
    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }
}

/// What the DAV stores refuse beyond ``StoreError``; each maps to one DAV precondition.
public enum DAVStoreError: Error, Equatable, Sendable {
    /// `If-Match` / `If-None-Match` did not hold (412).
    case preconditionFailed
    /// Another object of the calendar has this UID (RFC 4791 `no-uid-conflict`).
    case uidConflict(existingName: String)
    /// A replacement changed the UID of the object (RFC 4791 §4.1 forbids it).
    case uidChanged
    /// A moved booking would overlap another confirmed booking (the message names it).
    case bookingOverlap(String)
    /// The sync token names a revision the calendar never had (RFC 6578 `valid-sync-token`).
    case invalidSyncToken
}

/// Everything the DAV server needs from storage.
public typealias DAVStore = CalendarStore & DAVResourceStore & DeadPropertyStore & SchedulingStore
