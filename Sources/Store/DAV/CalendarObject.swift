public import Foundation

/// One calendar object resource (RFC 4791 §4.1): an iCalendar text with one UID.
public struct CalendarObject: Hashable, Sendable {
    public var id: String
    public var calendarId: String
    /// The last URL segment, e.g. `6f1c….ics`.
    public var name: String
    public var uid: String
    /// `VEVENT`, `VTODO`, `VJOURNAL` or `VFREEBUSY`.
    public var componentType: String
    /// The stored iCalendar text; empty when the object was listed without its data.
    public var ics: String
    /// Its length in UTF-8 bytes (`getcontentlength`), known even when `ics` was not loaded.
    public var size: Int
    /// A strong entity tag, quotes included (`"…"`); changes on every write.
    public var etag: String
    /// Earliest start and latest end over all instances (nil = unbounded), for time-range
    /// queries that never parse every object.
    public var firstStart: Date?
    public var lastEnd: Date?
    /// The booking this object shows, when it is one.
    public var bookingId: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, calendarId: String, name: String, uid: String, componentType: String, ics: String, size: Int, etag: String, firstStart: Date?,
        lastEnd: Date?, bookingId: String?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.calendarId = calendarId
        self.name = name
        self.uid = uid
        self.componentType = componentType
        self.ics = ics
        self.size = size
        self.etag = etag
        self.firstStart = firstStart
        self.lastEnd = lastEnd
        self.bookingId = bookingId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a PUT stores: the text and the facts the CalDAV layer read from it.
public struct NewCalendarObject: Hashable, Sendable {
    public var name: String
    public var uid: String
    public var componentType: String
    public var ics: String
    public var firstStart: Date?
    public var lastEnd: Date?
    /// The span of the first instance (DTSTART/DTEND of the master), used when the object is a
    /// booking's: a changed span reschedules the booking.
    public var eventStart: Date?
    public var eventEnd: Date?

    public init(
        name: String, uid: String, componentType: String, ics: String, firstStart: Date?, lastEnd: Date?, eventStart: Date? = nil,
        eventEnd: Date? = nil
    ) {
        self.name = name
        self.uid = uid
        self.componentType = componentType
        self.ics = ics
        self.firstStart = firstStart
        self.lastEnd = lastEnd
        self.eventStart = eventStart
        self.eventEnd = eventEnd
    }
}

/// The HTTP conditions of a write, checked inside its transaction (RFC 9110 §13).
public enum WriteCondition: Hashable, Sendable {
    case none
    /// `If-Match`: the current entity tag must be one of these (`*` = it must exist).
    case ifMatch([String])
    /// `If-None-Match: *`: the resource must not exist.
    case ifNoneMatchAny
}

/// One entry of a calendar's change log, as a sync-collection report needs it.
public struct CalendarChange: Hashable, Sendable {
    public var name: String
    public var deleted: Bool
    public var revision: Int

    public init(name: String, deleted: Bool, revision: Int) {
        self.name = name
        self.deleted = deleted
        self.revision = revision
    }
}

/// The objects changed after a revision: the latest change per name, oldest first.
public struct CalendarChangeSet: Hashable, Sendable {
    public var changes: [CalendarChange]
    /// The revision the client should store (the calendar's current one, or the last change's
    /// when `truncated`).
    public var revision: Int
    /// More changes remain after `revision` (the client asked for a limit).
    public var truncated: Bool

    public init(changes: [CalendarChange], revision: Int, truncated: Bool) {
        self.changes = changes
        self.revision = revision
        self.truncated = truncated
    }
}

/// What a listing of a calendar shows of each object (PROPFIND Depth 1, the initial
/// sync-collection): its name and live properties, never its text.
public struct CalendarObjectSummary: Hashable, Sendable {
    public var name: String
    public var etag: String
    public var componentType: String
    public var size: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(name: String, etag: String, componentType: String, size: Int, createdAt: Date, updatedAt: Date) {
        self.name = name
        self.etag = etag
        self.componentType = componentType
        self.size = size
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension CalendarObject {
    public var summary: CalendarObjectSummary {
        CalendarObjectSummary(name: name, etag: etag, componentType: componentType, size: size, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// Every object of a calendar as of one revision, read together.
public struct CalendarObjectListing: Hashable, Sendable {
    /// By name.
    public var objects: [CalendarObjectSummary]
    /// The calendar's sync revision the listing is current at.
    public var revision: Int

    public init(objects: [CalendarObjectSummary], revision: Int) {
        self.objects = objects
        self.revision = revision
    }
}

extension CalendarObject {
    /// A COPY of this object: a new id in `calendarId` under `name`, with `etag`, no booking
    /// (a copy is the client's own), created now.
    package func copied(id: String, to calendarId: String, name: String, etag: String, now: Date) -> CalendarObject {
        var copy = self
        copy.id = id
        copy.calendarId = calendarId
        copy.name = name
        copy.etag = etag
        copy.bookingId = nil
        copy.createdAt = now
        copy.updatedAt = now
        return copy
    }

    /// This object (same id, name and creation time) with the text and span of `other`,
    /// stored at `revision`.
    package func replacingContent(with other: NewCalendarObject, revision: Int) -> CalendarObject {
        var replaced = self
        replaced.componentType = other.componentType
        replaced.ics = other.ics
        replaced.size = other.ics.utf8.count
        replaced.etag = EntityTag.make(revision: revision, content: other.ics.utf8)
        replaced.firstStart = other.firstStart
        replaced.lastEnd = other.lastEnd
        return replaced
    }
}
