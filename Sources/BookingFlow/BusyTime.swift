public import Availability
import CalDAVQuery
public import Foundation
public import ICalendar
public import Store

/// Turns what the store read into the availability engine's busy intervals.
public enum BusyTime {
    /// Busy time of `snapshot` for computing `eventTypeId`'s slots: every confirmed booking
    /// (those of this event type flagged, so its buffers pad them and its day and week limits
    /// count them), and the opaque, not cancelled instances of the expert's own events that
    /// meet `eventsWindow` (recurrences expanded; floating times in `floatingZone`).
    ///
    /// Labels say what kind of busy time it is and nothing more (no UID, no summary): refusals
    /// built from them reach anonymous bookers.
    ///
    /// Connected calendars add their cached intervals; one whose cache `policy` no longer
    /// trusts at `now` makes the whole events window busy (fail closed).
    public static func intervals(
        _ snapshot: BusySnapshot, eventTypeId: String, eventsWindow: Range<Instant>, floatingZone: ZoneRules, now: Date = Date(),
        policy: ExternalBusyPolicy = .standard
    ) -> [BusyInterval] {
        var busy = snapshot.bookings.map {
            BusyInterval(
                start: Instant($0.start), end: Instant($0.end), source: .booking, sameEventType: $0.eventTypeId == eventTypeId,
                label: "a booking")
        }
        busy += externalIntervals(snapshot, eventsWindow: eventsWindow, now: now, policy: policy)
        guard !snapshot.personalEvents.isEmpty else { return busy }
        let calculator = FreeBusyCalculator(window: eventsWindow, floatingZone: floatingZone)
        for object in snapshot.personalEvents {
            // Stored objects were validated on PUT; a lenient parse reads them as CalDAV does.
            guard let calendar = try? ICalendarParser.parse(object.ics, mode: .lenient).calendar else { continue }
            for period in calculator.busyPeriods(in: calendar) {
                busy.append(BusyInterval(start: period.start, end: period.end, source: .event, label: "an event of the expert's"))
            }
        }
        return busy
    }

    /// The connected calendars' part of the busy time.
    static func externalIntervals(
        _ snapshot: BusySnapshot, eventsWindow: Range<Instant>, now: Date, policy: ExternalBusyPolicy
    )
        -> [BusyInterval]
    {
        var busy: [BusyInterval] = []
        var trusted: Set<String> = []
        for connection in snapshot.connections where connection.checksConflicts {
            switch policy.judge(connection, now: now) {
            case .fresh, .stale: trusted.insert(connection.connectionId)
            case .failClosed(let reason):
                busy.append(
                    BusyInterval(
                        start: eventsWindow.lowerBound, end: eventsWindow.upperBound, source: .external,
                        label: "the connected calendar \(connection.email) (\(connection.provider.rawValue)) \(reason)"))
            }
        }
        for interval in snapshot.externalBusy where trusted.contains(interval.connectionId) {
            busy.append(BusyInterval(start: Instant(interval.start), end: Instant(interval.end), source: .external, label: "a connected calendar"))
        }
        return busy
    }
}
