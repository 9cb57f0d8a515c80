public import Foundation

/// A confirmed booking reduced to what busy time needs.
public struct BookingSpan: Hashable, Sendable {
    public var id: String
    public var uid: String
    public var eventTypeId: String
    public var start: Date
    public var end: Date

    public init(id: String, uid: String, eventTypeId: String, start: Date, end: Date) {
        self.id = id
        self.uid = uid
        self.eventTypeId = eventTypeId
        self.start = start
        self.end = end
    }
}

/// What keeps an expert busy around a time, read at one moment: the slot list is computed
/// from one, and a booking's re-check runs on one read inside the transaction that inserts.
public struct BusySnapshot: Sendable {
    /// The expert's confirmed bookings, on every schedule, that meet the bookings window.
    public var bookings: [BookingSpan]
    /// The expert's own objects (any calendar's, bookings excluded), with their text, that meet
    /// the events window; which of them are busy is for the caller to read from the iCalendar.
    public var personalEvents: [CalendarObject]
    /// Cached busy time of the expert's active connections, checked calendars only, meeting the
    /// events window.
    public var externalBusy: [ExternalBusy]
    /// The expert's active connections that check conflicts, to judge whether their cache counts.
    public var connections: [ConnectionFreshness]

    public init(
        bookings: [BookingSpan], personalEvents: [CalendarObject], externalBusy: [ExternalBusy] = [], connections: [ConnectionFreshness] = []
    ) {
        self.bookings = bookings
        self.personalEvents = personalEvents
        self.externalBusy = externalBusy
        self.connections = connections
    }
}

/// The windows a ``BusySnapshot`` covers. Bookings are read wider than events because the
/// per-day and per-week limits count bookings of the whole local week.
public struct BusyWindows: Hashable, Sendable {
    public var bookings: DateInterval
    public var events: DateInterval

    public init(bookings: DateInterval, events: DateInterval) {
        self.bookings = bookings
        self.events = events
    }
}

/// A booking the public flow asks to insert.
public struct BookingRequest: Sendable {
    public var booking: Booking
    /// SHA-256 of the secret the booker manages the booking with (the secret is never stored).
    public var managementTokenHash: String
    /// The client's `Idempotency-Key`, scoped to the event type.
    public var idempotencyKey: String?
    /// The token itself, sealed with the server's key, for the links in booking messages.
    public var sealedManagementToken: String?

    public init(booking: Booking, managementTokenHash: String, idempotencyKey: String?, sealedManagementToken: String? = nil) {
        self.booking = booking
        self.managementTokenHash = managementTokenHash
        self.idempotencyKey = idempotencyKey
        self.sealedManagementToken = sealedManagementToken
    }
}

/// What ``BookingFlowStore/createBooking(_:windows:recheck:)`` did.
public enum BookingCreation: Hashable, Sendable {
    /// Inserted now.
    case created(Booking)
    /// The idempotency key named a booking made earlier by the same request; nothing was
    /// inserted and the management token now is the new one.
    case replayed(Booking)

    public var booking: Booking {
        switch self {
        case .created(let booking), .replayed(let booking): return booking
        }
    }
}

/// The writes of the booking flow. Each is one transaction that also updates the booking's
/// calendar object (new ETag, ctag and sync token), so CalDAV clients and the API never
/// disagree. No write ever leaves two confirmed bookings of one expert overlapping.
public protocol BookingFlowStore: Sendable {
    /// The expert `username`, their event type `slug` and its schedule, read together (one
    /// read for every public request); nil when any of them does not exist.
    func bookable(username: String, slug: String) async throws -> (expert: User, eventType: EventType, schedule: StoredSchedule)?

    /// The busy time of `userId` in `windows`, leaving out booking `excluding` (the one being
    /// rescheduled).
    func busySnapshot(ownedBy userId: String, windows: BusyWindows, excluding bookingId: String?) async throws -> BusySnapshot

    /// Re-reads busy time inside the write transaction, lets `recheck` refuse (its error is
    /// thrown as is and nothing is written), and inserts the booking with its calendar object.
    ///
    /// With an idempotency key already used for this event type by the same request (start
    /// and attendee e-mail), nothing is inserted: the earlier booking is returned as
    /// ``BookingCreation/replayed(_:)``. The same key with another request is `invalid`.
    func createBooking(
        _ request: BookingRequest, windows: BusyWindows, recheck: @Sendable (BusySnapshot) throws -> Void
    ) async throws -> BookingCreation

    /// Cancels a booking: status `cancelled`, the reason kept, `sequence + 1`; its object
    /// leaves the calendar (a tombstone in the sync log). An already cancelled booking is
    /// returned unchanged.
    func cancelBooking(id: String, ownedBy userId: String, reason: String?, now: Date, by actor: BookingActor) async throws -> Booking

    /// Moves a confirmed booking to `start..<end` (`sequence + 1`). With `windows`, busy time
    /// without this booking is re-read in the transaction and `recheck` may refuse. Always
    /// refused with `conflict` when the new time overlaps another confirmed booking of the
    /// expert, and for a cancelled booking.
    func rescheduleBooking(
        id: String, ownedBy userId: String, start: Date, end: Date, now: Date, windows: BusyWindows?,
        recheck: (@Sendable (BusySnapshot) throws -> Void)?, by actor: BookingActor
    ) async throws -> Booking

    /// What happened to the booking and who did it, oldest first (empty for bookings made
    /// before history was kept).
    func bookingHistory(id: String, ownedBy userId: String) async throws -> [BookingChange]

    /// The booking with iCalendar UID `uid` and the hash of its management token (nil for
    /// bookings made without one), for the booker's links.
    func managedBooking(uid: String) async throws -> (booking: Booking, tokenHash: String?)?
}

extension BookingFlowStore {
    /// Cancels as the expert.
    public func cancelBooking(id: String, ownedBy userId: String, reason: String?, now: Date) async throws -> Booking {
        try await cancelBooking(id: id, ownedBy: userId, reason: reason, now: now, by: .expert)
    }

    /// Moves as the expert.
    public func rescheduleBooking(
        id: String, ownedBy userId: String, start: Date, end: Date, now: Date, windows: BusyWindows?,
        recheck: (@Sendable (BusySnapshot) throws -> Void)?
    ) async throws -> Booking {
        try await rescheduleBooking(id: id, ownedBy: userId, start: start, end: end, now: now, windows: windows, recheck: recheck, by: .expert)
    }
}
