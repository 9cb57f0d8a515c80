import Availability
import CalDAVQuery
import DAVXML
import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import Store
import WebDAV

extension CalDAVServer {
    /// free-busy-query (RFC 4791 §7.10). On a schedule's calendar the answer comes from the
    /// availability engine: BUSY for every confirmed booking of the expert and their opaque
    /// events, BUSY-UNAVAILABLE outside the schedule's hours. On a client calendar: its events.
    func freeBusyQuery(_ request: FreeBusyQueryRequest, resource: DAVResource) async throws -> Response {
        guard case .calendar(let calendar) = resource.kind else {
            throw DAVError.forbidden(XMLName.DAV.supportedReport, "free-busy-query applies to a calendar")
        }
        let window = request.window
        try Self.checkFreeBusyWindow(window)
        let now = Instant(Date())
        let freeBusy: VFreeBusy
        if let scheduleId = calendar.scheduleId, let stored = try await store.schedule(id: scheduleId, ownedBy: resource.user.id),
            let compiled = try? CompiledSchedule(stored.schedule)
        {
            let busy = try await busyIntervals(of: resource.user, in: window)
            freeBusy = compiled.freeBusy(window: window, busy: busy, dtstamp: now)
        } else {
            let objects = try await store.calendarObjects(in: calendar.id, overlapping: Self.interval(window), withData: true)
            let parsed = parsedObjects.parsedWithMemos(objects)
            let periods = FreeBusyCalculator(window: window, floatingZone: Self.floatingZone(calendar.timezone) ?? .utc).busyPeriods(in: parsed)
            freeBusy = VFreeBusy(start: window.lowerBound, end: window.upperBound, dtstamp: now, periods: periods)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: CalendarText.wrap([freeBusy.component]))))
    }

    /// Everything that makes `user` busy in `window`: confirmed bookings on any schedule and
    /// opaque events of their own calendars (recurrences expanded).
    func busyIntervals(of user: User, in window: Range<Instant>) async throws -> [BusyInterval] {
        let bookings = try await store.bookings(
            ownedBy: user.id, matching: BookingQuery(from: window.lowerBound.date, to: window.upperBound.date, status: .confirmed))
        var busy = bookings.map { BusyInterval(start: Instant($0.start), end: Instant($0.end), source: .booking, label: $0.uid) }
        let personal = try await store.personalObjects(ownedBy: user.id, overlapping: Self.interval(window))
        let parsed = parsedObjects.parsedWithMemos(personal)
        for period in FreeBusyCalculator(window: window, floatingZone: ZoneRules.iana(user.timeZone) ?? .utc).busyPeriods(in: parsed) {
            busy.append(BusyInterval(start: period.start, end: period.end, source: .event))
        }
        return busy
    }

    /// The longest free/busy window answered: a year and a bit. Longer ones cost seconds of
    /// CPU and megabytes of answer, a cheap way to load the server.
    static let maxFreeBusyDays: Int64 = 400

    static func checkFreeBusyWindow(_ window: Range<Instant>) throws(DAVError) {
        guard window.upperBound.secondsSince1970 - window.lowerBound.secondsSince1970 <= maxFreeBusyDays * 86_400 else {
            throw DAVError(.forbidden, condition: XMLName.CalDAV.maxDateTime, "Free/busy is answered for at most \(maxFreeBusyDays) days at a time")
        }
    }

    static func interval(_ window: Range<Instant>) -> DateInterval {
        DateInterval(start: window.lowerBound.date, end: window.upperBound.date)
    }
}
