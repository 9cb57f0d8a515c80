public import Availability
public import Foundation
public import ICalendar
public import Store

/// The booking flow over a store: the slots a booker sees and the writes that must agree with
/// them. Every write re-checks its slot inside the store's write transaction, so the list a
/// booker saw a minute ago is never trusted.
///
/// ```swift
/// let service = BookingService(store: database)
/// let offer = try await service.offer(username: "joao", slug: "online-consultation")
/// let slots = try await service.slots(offer, window: start..<end, now: Instant(Date()))
/// ```
public struct BookingService<Repository: HorarioStore & BookingFlowStore>: Sendable {
    public let store: Repository
    /// Reads connected calendars live before a booking or a move; nil when none are set up.
    public let liveCheck: (any LiveBusyChecking)?

    public init(store: Repository, liveCheck: (any LiveBusyChecking)? = nil) {
        self.store = store
        self.liveCheck = liveCheck
    }

    /// The event type `slug` of `username` with its schedule; `notFound` for an unknown user,
    /// slug or a schedule that no longer compiles.
    public func offer(username: String, slug: String) async throws -> BookingOffer {
        guard let (expert, eventType, schedule) = try await store.bookable(username: username, slug: slug) else {
            throw StoreError.notFound("event type \(username)/\(slug)")
        }
        return try Self.offer(expert: expert, eventType: eventType, schedule: schedule)
    }

    /// The offer of an event type already read.
    public func offer(expert: User, eventType: EventType) async throws -> BookingOffer {
        guard let schedule = try await store.schedule(id: eventType.scheduleId, ownedBy: expert.id) else {
            throw StoreError.notFound("schedule of event type \(eventType.slug)")
        }
        return try Self.offer(expert: expert, eventType: eventType, schedule: schedule)
    }

    static func offer(expert: User, eventType: EventType, schedule: StoredSchedule) throws -> BookingOffer {
        do {
            return try BookingOffer(expert: expert, eventType: eventType, schedule: schedule)
        } catch {
            // Stored schedules and limits were validated on write; one that no longer compiles
            // (a zone removed from the system's database) offers nothing rather than failing.
            throw StoreError.notFound("bookable schedule of event type \(eventType.slug)")
        }
    }

    /// The slots of `offer` starting in `window`, against every booking of the expert and
    /// their own busy events.
    public func slots(_ offer: BookingOffer, window: Range<Instant>, now: Instant) async throws -> [Slot] {
        let windows = offer.busyWindows(for: window)
        let snapshot = try await store.busySnapshot(ownedBy: offer.expert.id, windows: windows, excluding: nil)
        return offer.compiledSchedule.slots(for: offer.limits, busy: offer.busy(snapshot, windows: windows, now: now.date), window: window, now: now)
    }

    /// Books the slot starting at `start` for `attendee`, or throws ``BookingRefusal`` with
    /// every rule that stops it, judged on busy time read inside the inserting transaction.
    /// `sealedManagementToken` keeps the token (sealed by the caller) for the links in booking messages.
    public func book(
        _ offer: BookingOffer, start: Instant, attendee: Booking.Attendee, notes: String?, managementTokenHash: String, idempotencyKey: String?,
        now: Date, sealedManagementToken: String? = nil
    ) async throws -> BookingCreation {
        let booking = Booking(
            id: UUID().uuidString.lowercased(), uid: UUID().uuidString.lowercased(), userId: offer.expert.id, eventTypeId: offer.eventType.id,
            scheduleId: offer.schedule.id, start: start.date, end: start.adding(seconds: offer.duration).date, status: .confirmed,
            attendee: attendee, location: offer.location.summary, notes: notes, sequence: 0, createdAt: now, updatedAt: now)
        let windows = offer.busyWindows(for: start..<start.adding(seconds: 1))
        let live = try await liveBusy(offer, start: start, now: now)
        return try await store.createBooking(
            BookingRequest(
                booking: booking, managementTokenHash: managementTokenHash, idempotencyKey: idempotencyKey,
                sealedManagementToken: sealedManagementToken), windows: windows,
            recheck: Self.recheck(offer, start: start, windows: windows, now: Instant(now), live: live))
    }

    /// Moves `booking` to the slot starting at `start` under its event type's rules, as if
    /// booking anew without the booking itself in the way (the booker's reschedule link).
    public func reschedule(_ booking: Booking, to start: Instant, now: Date) async throws -> Booking {
        guard let expert = try await store.user(id: booking.userId),
            let eventType = try await store.eventType(id: booking.eventTypeId, ownedBy: booking.userId)
        else { throw StoreError.notFound("booking \(booking.uid)") }
        let offer = try await offer(expert: expert, eventType: eventType)
        let windows = offer.busyWindows(for: start..<start.adding(seconds: 1))
        // The booking's own copy in the external calendar is not in its way.
        let live = try await liveBusy(offer, start: start, now: now).filter {
            !(Instant($0.start) >= Instant(booking.start) && Instant($0.end) <= Instant(booking.end))
        }
        return try await store.rescheduleBooking(
            id: booking.id, ownedBy: booking.userId, start: start.date, end: start.adding(seconds: offer.duration).date, now: now,
            windows: windows, recheck: Self.recheck(offer, start: start, windows: windows, now: Instant(now), live: live), by: .booker)
    }

    /// Moves a booking as its expert decides: hours, limits and buffers do not apply, but it
    /// may not overlap another confirmed booking. `end` defaults to keeping the length.
    public func rescheduleAsExpert(id: String, ownedBy userId: String, start: Date, end: Date?, now: Date) async throws -> Booking {
        guard let booking = try await store.booking(id: id, ownedBy: userId) else { throw StoreError.notFound("booking \(id)") }
        let newEnd = end ?? start.addingTimeInterval(booking.end.timeIntervalSince(booking.start))
        return try await store.rescheduleBooking(id: id, ownedBy: userId, start: start, end: newEnd, now: now, windows: nil, recheck: nil)
    }

    /// The connected calendars' busy time around a booking starting at `start`, its buffers included.
    func liveBusy(_ offer: BookingOffer, start: Instant, now: Date) async throws -> [ExternalBusy] {
        guard let liveCheck else { return [] }
        let limits = offer.eventType.limits
        let span = DateInterval(
            start: start.adding(seconds: -Int64(limits.beforeBuffer) * 60).date,
            end: start.adding(seconds: offer.duration + Int64(limits.afterBuffer) * 60).date)
        return try await liveCheck.liveBusy(userId: offer.expert.id, span: span, now: now)
    }

    /// The check the store runs on busy time it read in its write transaction.
    /// `live` is what the connected calendars said a moment ago, added to the busy time read.
    static func recheck(
        _ offer: BookingOffer, start: Instant, windows: BusyWindows, now: Instant, live: [ExternalBusy] = []
    )
        -> @Sendable (BusySnapshot) throws -> Void
    {
        { snapshot in
            let extra = live.map {
                BusyInterval(start: Instant($0.start), end: Instant($0.end), source: .external, label: "a connected calendar")
            }
            let busy = offer.busy(snapshot, windows: windows, now: now.date) + extra
            let explanation = offer.compiledSchedule.explain(start, limits: offer.limits, busy: busy, now: now)
            if !explanation.isBookable { throw BookingRefusal(reasons: explanation.reasons) }
        }
    }
}
