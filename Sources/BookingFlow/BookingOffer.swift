public import Availability
public import Foundation
public import ICalendar
public import Store

/// One expert's event type as it can be booked: the rules compiled once per request.
public struct BookingOffer: Sendable {
    public let expert: User
    public let eventType: EventType
    public let schedule: StoredSchedule
    public let compiledSchedule: CompiledSchedule
    public let limits: CompiledLimits
    /// The event type's override, else its schedule's location.
    public var location: Location { eventType.locationOverride ?? schedule.schedule.location }
    /// Length of a booking in seconds.
    public var duration: Int64 { Int64(eventType.limits.duration) * 60 }
    /// Zone for the expert's floating and all-day events.
    public var expertZone: ZoneRules { ZoneRules.iana(expert.timeZone) ?? compiledSchedule.zone }

    public init(expert: User, eventType: EventType, schedule: StoredSchedule) throws(AvailabilityError) {
        self.expert = expert
        self.eventType = eventType
        self.schedule = schedule
        self.compiledSchedule = try CompiledSchedule(schedule.schedule)
        self.limits = try CompiledLimits(eventType.limits)
    }

    /// The store windows that hold every busy interval and counted booking that can matter
    /// for slots starting in `window`: events meeting the window padded by the buffers and a
    /// day, and bookings of the same span, or of the local weeks around it when a day or week
    /// limit counts them.
    public func busyWindows(for window: Range<Instant>) -> BusyWindows {
        let limits = eventType.limits
        let pad = Int64(max(limits.beforeBuffer, limits.afterBuffer) * 60 + limits.duration * 60) + 86_400
        let events = DateInterval(start: window.lowerBound.adding(seconds: -pad).date, end: window.upperBound.adding(seconds: pad).date)
        guard limits.maxBookingsPerDay != nil || limits.maxBookingsPerWeek != nil else { return BusyWindows(bookings: events, events: events) }
        let weekPad = pad + 8 * 86_400
        let bookings = DateInterval(
            start: window.lowerBound.adding(seconds: -weekPad).date, end: window.upperBound.adding(seconds: weekPad).date)
        return BusyWindows(bookings: bookings, events: events)
    }

    /// The busy intervals of `snapshot` as this offer's engine needs them.
    /// Connected calendars are judged at `now` (a cache too old fails closed).
    public func busy(_ snapshot: BusySnapshot, windows: BusyWindows, now: Date = Date()) -> [BusyInterval] {
        BusyTime.intervals(
            snapshot, eventTypeId: eventType.id, eventsWindow: Instant(windows.events.start)..<Instant(windows.events.end),
            floatingZone: expertZone, now: now)
    }
}
