import Auth
import Availability
import BookingFlow
import Foundation
import Hummingbird
import ICalendar
import Store

/// "Why is this time unavailable?" For one event type and one local date of its schedule's
/// zone, every candidate start with "bookable" or each rule that blocks it. The verdicts come
/// from the availability engine's `explain` on the same busy time the public slots read, so
/// the page and the booking page cannot disagree (Cal.com #12749, #17395).
struct TroubleshootPage<Repository: HorarioStore, Parent: ClientAddressRequestContext>: Sendable {
    typealias Context = WebRequestContext<Parent>

    let kit: PageKit
    let store: Repository
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("troubleshoot", use: show)
    }

    struct Model: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var eventTypes: [OptionView]
        var hasEventTypes: Bool
        var date: String
        var dateError: String?
        var report: Report?
    }

    struct Report: Sendable {
        var heading: String
        var scheduleName: String
        var scheduleId: String
        var zone: String
        var bookableCount: String
        var rows: [Row]
    }

    struct Row: Sendable {
        var time: String
        var bookable: Bool
        var reasons: [String]
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let t = context.catalog
        let format = TextFormat(catalog: t)
        let eventTypes = try await store.eventTypes(ownedBy: user.id)
        let chosenId = request.uri.queryParameters.get("eventType") ?? eventTypes.first?.id
        let chosen = eventTypes.first { $0.id == chosenId }
        var dateText = request.uri.queryParameters.get("date") ?? ""
        var dateError: String?
        var report: Report?
        if let chosen {
            let service = BookingService(store: store)
            let offer = try await service.offer(expert: user, eventType: chosen)
            let zone = offer.compiledSchedule.zone
            let today = zone.local(for: Instant(now())).date
            var date = today
            if !dateText.isEmpty {
                if let parsed = ScheduleValidator.date(dateText) { date = parsed } else { dateError = t["troubleshoot_bad_date"] }
            }
            dateText = date.isoString
            report = try await explain(offer: offer, service: service, date: date, format: format)
        }
        let model = Model(
            chrome: kit.chrome(context, request, .troubleshooter, title: t["troubleshoot_title"]), t: t.strings,
            eventTypes: eventTypes.map { OptionView(value: $0.id, label: $0.title, selected: $0.id == chosen?.id) },
            hasEventTypes: !eventTypes.isEmpty, date: dateText, dateError: dateError, report: report)
        return kit.page("troubleshoot", model)
    }

    /// Every candidate of `date`: the slot grid of each available range, and a start every
    /// step from midnight for the hours outside them. Neighbouring candidates refused for the
    /// same reasons are shown as one span.
    private func explain(offer: BookingOffer, service: BookingService<Repository>, date: CalendarDate, format: TextFormat) async throws -> Report {
        let zone = offer.compiledSchedule.zone
        let dayStart = zone.instant(for: LocalDateTime(date: date))
        let dayEnd = zone.instant(for: LocalDateTime(date: date.adding(days: 1)))
        let window = dayStart..<dayEnd
        let windows = offer.busyWindows(for: window)
        let snapshot = try await store.busySnapshot(ownedBy: offer.expert.id, windows: windows, excluding: nil)
        let busy = offer.busy(snapshot, windows: windows)
        let step = Int64(offer.eventType.limits.step * 60)
        var candidates = Set(stride(from: dayStart.secondsSince1970, to: dayEnd.secondsSince1970, by: Int(step)))
        for range in offer.compiledSchedule.availableRanges(meeting: window) {
            for start in stride(from: range.start.secondsSince1970, to: range.end.secondsSince1970, by: Int(step))
            where window.contains(Instant(secondsSince1970: start)) {
                candidates.insert(start)
            }
        }
        let current = Instant(now())
        var rows: [Row] = []
        var spanStart: Instant?
        var bookable = 0
        for seconds in candidates.sorted() {
            let instant = Instant(secondsSince1970: seconds)
            let explanation = offer.compiledSchedule.explain(instant, limits: offer.limits, busy: busy, now: current)
            let reasons = explanation.reasons.map { reasonText($0, zone: zone, format: format) }
            if explanation.isBookable { bookable += 1 }
            let time = localTime(instant, zone: zone, format: format)
            if let last = rows.last, !last.bookable, !explanation.isBookable, last.reasons == reasons, let start = spanStart {
                rows[rows.count - 1].time = "\(localTime(start, zone: zone, format: format))–\(time)"
                continue
            }
            spanStart = instant
            rows.append(Row(time: time, bookable: explanation.isBookable, reasons: reasons))
        }
        let t = format.catalog
        return Report(
            heading: t.format("troubleshoot_heading", ["title": offer.eventType.title, "date": format.longDate(date)]),
            scheduleName: offer.schedule.schedule.name, scheduleId: offer.schedule.id, zone: zone.identifier,
            bookableCount: t.format("troubleshoot_bookable_count", ["count": String(bookable)]), rows: rows)
    }

    private func localTime(_ instant: Instant, zone: ZoneRules, format: TextFormat) -> String {
        let local = zone.local(for: instant)
        return format.time(hour: local.hour, minute: local.minute)
    }

    /// A reason in the page's language, times in the schedule's zone.
    private func reasonText(_ reason: SlotExplanation.Reason, zone: ZoneRules, format: TextFormat) -> String {
        let t = format.catalog
        func time(_ instant: Instant) -> String { localTime(instant, zone: zone, format: format) }
        func note(_ text: String?) -> String { text.map { " (\($0))" } ?? "" }
        switch reason {
        case .outsideWeeklyHours: return t["reason_outside_hours"]
        case .dateUnavailable(_, let why): return t["reason_date_unavailable"] + note(why)
        case .outsideOverrideHours(_, let why): return t["reason_outside_override"] + note(why)
        case .notOnSlotGrid(let previous, let next): return t.format("reason_not_on_grid", ["previous": time(previous), "next": time(next)])
        case .runsPastHours(let end): return t.format("reason_runs_past", ["end": time(end)])
        case .busy(let label, let source, let start, let end):
            return t.format("reason_busy", ["what": label ?? t["busy_source_" + source.rawValue], "start": time(start), "end": time(end)])
        case .insideBuffer(let label, let source): return t.format("reason_buffer", ["what": label ?? t["busy_source_" + source.rawValue]])
        case .beforeMinimumNotice(let earliest):
            let local = zone.local(for: earliest)
            return t.format("reason_notice", ["earliest": format.longDate(local.date) + " " + time(earliest)])
        case .beyondBookingWindow: return t["reason_window"]
        case .dayLimitReached(_, let count, let max): return t.format("reason_day_limit", ["count": String(count), "max": String(max)])
        case .weekLimitReached(_, let count, let max): return t.format("reason_week_limit", ["count": String(count), "max": String(max)])
        case .scheduleInactive: return t["reason_inactive"]
        }
    }
}
