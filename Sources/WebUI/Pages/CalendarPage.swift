import Auth
import Availability
import BookingFlow
import Foundation
import Hummingbird
import ICalendar
import Store

/// Appointments › Calendar: day, week and month views of the expert's bookings, coloured by
/// event type, with the expert's own calendar events as read-only busy blocks; filters, a
/// time-zone choice, a now-line, an ICS export of what is shown, a print stylesheet, and
/// drag-and-drop rescheduling whose keyboard equivalent is each booking's "Reschedule…" form.
/// The state lives in the URL, so any view can be bookmarked.
struct CalendarPage<Repository: HorarioStore, Parent: ClientAddressRequestContext>: Sendable {
    typealias Context = WebRequestContext<Parent>

    let kit: PageKit
    let store: Repository
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("appointments/calendar", use: show)
        group.get("appointments/calendar.ics", use: export)
        group.get("appointments/colors.css", use: colors)
    }

    /// The view's state, from and to the query string.
    struct ViewState: Sendable {
        enum Kind: String, Sendable { case day, week, month }

        var kind: Kind
        var date: CalendarDate
        var zone: ZoneRules
        var schedule: String
        var location: String
        var eventType: String

        init(_ request: Request, user: User, today: (ZoneRules) -> CalendarDate) {
            let query = request.uri.queryParameters
            kind = Kind(rawValue: query.get("view") ?? "") ?? .week
            zone = PublicPages<Repository, Parent>.zone(query.get("tz")) ?? AppointmentPages<Repository, Parent>.zone(user)
            date = query.get("date").flatMap(ScheduleValidator.date) ?? today(zone)
            schedule = query.get("schedule") ?? ""
            location = query.get("location") ?? ""
            eventType = query.get("eventType") ?? ""
        }

        func href(kind: Kind? = nil, date: CalendarDate? = nil, path: String = "/appointments/calendar") -> String {
            let items = [
                ("view", (kind ?? self.kind).rawValue), ("date", (date ?? self.date).isoString), ("tz", zone.identifier), ("schedule", schedule),
                ("location", location), ("eventType", eventType),
            ]
            return path + "?" + items.filter { !$0.1.isEmpty }.map { "\($0.0)=\(QueryValue.encode($0.1))" }.joined(separator: "&")
        }

        /// The local dates shown.
        var days: [CalendarDate] {
            switch kind {
            case .day: return [date]
            case .week:
                let monday = date.adding(days: -date.weekday.mondayBasedIndex)
                return (0..<7).map { monday.adding(days: $0) }
            case .month: return MonthGrid.dates(year: date.year, month: date.month)
            }
        }

        var previous: CalendarDate {
            switch kind {
            case .day: return date.adding(days: -1)
            case .week: return date.adding(days: -7)
            case .month:
                let month = MonthGrid.previous(year: date.year, month: date.month)
                return CalendarDate(year: month.year, month: month.month, day: 1)
            }
        }

        var next: CalendarDate {
            switch kind {
            case .day: return date.adding(days: 1)
            case .week: return date.adding(days: 7)
            case .month:
                let month = MonthGrid.next(year: date.year, month: date.month)
                return CalendarDate(year: month.year, month: month.month, day: 1)
            }
        }
    }

    // MARK: - The page

    struct Model: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var title: String
        var isMonth: Bool
        var views: [NavLink]
        var previousHref: String
        var nextHref: String
        var todayHref: String
        var date: String
        var view: String
        var zone: String
        var zonesDatalist: String
        var schedule: String
        var location: String
        var eventType: String
        var schedules: [OptionView]
        var locations: [OptionView]
        var eventTypes: [OptionView]
        var columns: [Column]
        var columnCount: String
        var hours: [HourLabel]
        var blocks: [Block]
        var busy: [Block]
        var nowLine: String?
        var weeks: [MonthWeek]
        var bands: [Block]
        var agenda: [AgendaDay]
        var legendEventTypes: [LegendEntry]
        var legendSchedules: [String]
        var legendLocations: [LegendEntry]
        var icsHref: String
        var colorsHref: String
        var returnHref: String
        var isEmpty: Bool
    }

    struct Column: Sendable {
        var date: String
        var label: String
        var fullLabel: String
        var dayHref: String
        var isToday: Bool
        var dst: String?
        var position: String
    }

    struct HourLabel: Sendable {
        var label: String
        var position: String
    }

    struct Block: Sendable {
        var href: String?
        var id: String
        var classes: String
        var time: String
        var title: String
        var detail: String
        var letter: String
        var label: String
        var start: String
        var minutes: String
    }

    struct MonthWeek: Sendable { var days: [MonthDay] }

    /// A day of the printable agenda: its bookings as lines.
    struct AgendaDay: Sendable {
        var label: String
        var items: [Block]
    }

    struct MonthDay: Sendable {
        var number: Int
        var label: String
        var inMonth: Bool
        var isToday: Bool
        var dayHref: String
        var chips: [Block]
        var more: String?
    }

    struct LegendEntry: Sendable {
        var label: String
        var color: String
        var letter: String
    }

    /// A booking as the views place it.
    private struct Placed {
        var booking: Booking
        var eventType: EventType?
        var locationKind: Location.Kind
        var scheduleName: String
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let t = context.catalog
        let format = TextFormat(catalog: t)
        let current = Instant(now())
        let state = ViewState(request, user: user) { $0.local(for: current).date }
        let zone = state.zone
        let days = state.days
        let rangeStart = zone.instant(for: LocalDateTime(date: days[0]))
        let rangeEnd = zone.instant(for: LocalDateTime(date: days[days.count - 1].adding(days: 1)))
        let today = zone.local(for: current).date
        let (placed, eventTypes, schedules) = try await bookings(user: user, state: state, from: rangeStart, to: rangeEnd)
        let own = try await ownBusy(user: user, from: rangeStart, to: rangeEnd, zone: zone, t: t)

        var blocks: [Block] = []
        var busyBlocks: [Block] = []
        var bands: [Block] = []
        var columns: [Column] = []
        var weeks: [MonthWeek] = []
        var nowLine: String?
        if state.kind == .month {
            var cells: [MonthDay] = []
            for day in days {
                let dayStart = zone.instant(for: LocalDateTime(date: day))
                let dayEnd = zone.instant(for: LocalDateTime(date: day.adding(days: 1)))
                let inDay = placed.filter { Instant($0.booking.start) < dayEnd && Instant($0.booking.end) > dayStart }
                // Three chips a day; the rest are a count linking to the day view.
                let chips = inDay.prefix(3).map {
                    block(for: $0, column: 1, row: 1, span: 1, lane: (0, 1), zone: zone, format: format, t: t, chip: true)
                }
                cells.append(
                    MonthDay(
                        number: day.day,
                        label: format.longDate(day) + ": " + t.format("calendar_day_count", ["count": String(inDay.count)]),
                        inMonth: day.month == state.date.month, isToday: day == today, dayHref: state.href(kind: .day, date: day),
                        chips: Array(chips), more: inDay.count > 3 ? t.format("calendar_more", ["count": String(inDay.count - 3)]) : nil))
            }
            weeks = stride(from: 0, to: cells.count, by: 7).map { MonthWeek(days: Array(cells[$0..<$0 + 7])) }
        } else {
            for (index, day) in days.enumerated() {
                let column = index + 2
                let dayStart = zone.instant(for: LocalDateTime(date: day))
                let dayEnd = zone.instant(for: LocalDateTime(date: day.adding(days: 1)))
                let hoursLong = (dayEnd.secondsSince1970 - dayStart.secondsSince1970) / 3600
                columns.append(
                    Column(
                        date: day.isoString, label: "\(t["day_short_" + Weekdays.key(day.weekday)]) \(day.day)", fullLabel: format.longDate(day),
                        dayHref: state.href(kind: .day, date: day), isToday: day == today,
                        dst: hoursLong == 24 ? nil : t.format("calendar_dst_day", ["hours": String(hoursLong)]), position: "d-\(column)"))
                let inDay = placed.filter { Instant($0.booking.start) < dayEnd && Instant($0.booking.end) > dayStart }
                let spans = inDay.map { rows(Instant($0.booking.start), Instant($0.booking.end), day: day, zone: zone) }
                let ownSpans = own.filter { $0.start < dayEnd && $0.end > dayStart }.map { rows($0.start, $0.end, day: day, zone: zone) }
                let lanes = Self.lanes(spans + ownSpans)
                for (offset, item) in inDay.enumerated() {
                    blocks.append(
                        block(
                            for: item, column: column, row: spans[offset].row, span: spans[offset].span, lane: lanes[offset], zone: zone,
                            format: format,
                            t: t, chip: false))
                }
                for (offset, interval) in own.filter({ $0.start < dayEnd && $0.end > dayStart }).enumerated() {
                    let span = ownSpans[offset]
                    let lane = lanes[inDay.count + offset]
                    let from = zone.local(for: interval.start)
                    let to = zone.local(for: interval.end)
                    let time = "\(format.time(hour: from.hour, minute: from.minute))–\(format.time(hour: to.hour, minute: to.minute))"
                    busyBlocks.append(
                        Block(
                            href: nil, id: "", classes: "busy d-\(column) r-\(span.row) s-\(span.span) ln-\(lane.0)-\(lane.1)", time: time,
                            title: interval.title, detail: "", letter: "", label: "\(interval.title), \(time)", start: "",
                            minutes: ""))
                }
                if let band = Self.clockChange(on: day, from: dayStart, to: dayEnd, zone: zone, column: column, format: format, t: t) {
                    bands.append(band)
                }
                if day == today {
                    let local = zone.local(for: current)
                    nowLine = "now d-\(column) r-\((local.hour * 60 + local.minute) / 5 + 1)"
                }
            }
        }
        let title: String
        switch state.kind {
        case .day: title = format.longDate(state.date)
        case .week: title = t.format("calendar_week_of", ["date": format.longDate(days[0])])
        case .month: title = format.monthTitle(year: state.date.year, month: state.date.month)
        }
        let colorKey = eventTypes.map { "\($0.id)\($0.color ?? "")" }.joined()
        let model = Model(
            chrome: kit.chrome(context, request, .calendar, title: title), t: t.strings, title: title, isMonth: state.kind == .month,
            views: [ViewState.Kind.day, .week, .month].map {
                NavLink(label: t["calendar_view_" + $0.rawValue], href: state.href(kind: $0), current: $0 == state.kind)
            },
            previousHref: state.href(date: state.previous), nextHref: state.href(date: state.next), todayHref: state.href(date: today),
            date: state.date.isoString, view: state.kind.rawValue, zone: zone.identifier, zonesDatalist: TimeZoneNames.datalist,
            schedule: state.schedule,
            location: state.location, eventType: state.eventType,
            schedules: [OptionView(value: "", label: t["filter_all"], selected: state.schedule.isEmpty)]
                + schedules.map { OptionView(value: $0.id, label: $0.schedule.name, selected: $0.id == state.schedule) },
            locations: [OptionView(value: "", label: t["filter_all"], selected: state.location.isEmpty)]
                + Location.Kind.allCases.map {
                    OptionView(value: $0.rawValue, label: t["location_type_" + $0.rawValue], selected: $0.rawValue == state.location)
                },
            eventTypes: [OptionView(value: "", label: t["filter_all"], selected: state.eventType.isEmpty)]
                + eventTypes.map { OptionView(value: $0.id, label: $0.title, selected: $0.id == state.eventType) },
            columns: columns, columnCount: "cols-\(columns.count)",
            hours: (0..<24).map { HourLabel(label: format.time(hour: $0, minute: 0), position: "d-1 r-\($0 * 12 + 1) s-12") },
            blocks: blocks, busy: busyBlocks, nowLine: nowLine, weeks: weeks, bands: bands,
            // Paper gets an agenda of a day or a week; a month prints as its table.
            agenda: state.kind == .month
                ? []
                : days.compactMap { day in
                    let dayStart = zone.instant(for: LocalDateTime(date: day))
                    let dayEnd = zone.instant(for: LocalDateTime(date: day.adding(days: 1)))
                    let items = placed.filter { Instant($0.booking.start) < dayEnd && Instant($0.booking.end) > dayStart }
                        .map { block(for: $0, column: 1, row: 1, span: 1, lane: (0, 1), zone: zone, format: format, t: t, chip: true) }
                    return items.isEmpty ? nil : AgendaDay(label: format.longDate(day), items: items)
                },
            legendEventTypes: eventTypes.map { LegendEntry(label: $0.title, color: $0.color ?? Self.defaultColor, letter: "") },
            legendSchedules: schedules.map(\.schedule.name),
            legendLocations: Location.Kind.allCases.map { LegendEntry(label: t["location_type_" + $0.rawValue], color: "", letter: Self.letter($0)) },
            icsHref: state.href(path: "/appointments/calendar.ics"),
            colorsHref: "/appointments/colors.css?v=\(SHA256Digest.hex(Array(colorKey.utf8)).prefix(10))", returnHref: state.href(),
            isEmpty: placed.isEmpty)
        return kit.page("calendar", model)
    }

    /// The band over a day's clock change, in wall-clock rows: the hour that does not exist
    /// (clocks go forward) or the one that happens twice (clocks go back), so a 23- or 25-hour
    /// day is never drawn as an ordinary one.
    static func clockChange(
        on day: CalendarDate, from start: Instant, to end: Instant, zone: ZoneRules, column: Int, format: TextFormat, t: Catalog
    ) -> Block? {
        let before = zone.offset(at: start)
        let after = zone.offset(at: end.adding(seconds: -1))
        guard before != after else { return nil }
        // The first instant with the new offset, by bisection over the day.
        var low = start.secondsSince1970
        var high = end.secondsSince1970 - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if zone.offset(at: Instant(secondsSince1970: middle)) == before { low = middle } else { high = middle }
        }
        let change = Instant(secondsSince1970: high)
        let wallAfter = zone.local(for: change)
        let shift = (after - before) / 60
        let afterMinute = wallAfter.hour * 60 + wallAfter.minute
        let (first, minutes, key) = shift > 0 ? (afterMinute - shift, shift, "calendar_dst_gap") : (afterMinute, -shift, "calendar_dst_repeat")
        let from = format.time(hour: first / 60, minute: first % 60)
        let to = format.time(hour: (first + minutes) / 60, minute: (first + minutes) % 60)
        let text = t.format(key, ["from": from, "to": to])
        return Block(
            href: nil, id: "", classes: "dst-band d-\(column) r-\(max(0, first) / 5 + 1) s-\(max(1, minutes / 5))", time: "", title: text, detail: "",
            letter: "", label: text, start: "", minutes: "")
    }

    /// The view's confirmed bookings after the filters, with what the views show of each.
    private func bookings(user: User, state: ViewState, from: Instant, to: Instant) async throws -> ([Placed], [EventType], [StoredSchedule]) {
        let eventTypes = try await store.eventTypes(ownedBy: user.id)
        let schedules = try await store.schedules(ownedBy: user.id)
        let eventTypeById = Dictionary(eventTypes.map { ($0.id, $0) }) { first, _ in first }
        let scheduleById = Dictionary(schedules.map { ($0.id, $0.schedule) }) { first, _ in first }
        var query = BookingQuery(from: from.date, to: to.date, status: .confirmed)
        query.scheduleId = state.schedule.isEmpty ? nil : state.schedule
        query.eventTypeId = state.eventType.isEmpty ? nil : state.eventType
        let placed = try await store.bookings(ownedBy: user.id, matching: query).compactMap { booking -> Placed? in
            let eventType = eventTypeById[booking.eventTypeId]
            let kind = (eventType?.locationOverride ?? scheduleById[booking.scheduleId]?.location)?.type ?? .remote
            if !state.location.isEmpty, kind.rawValue != state.location { return nil }
            return Placed(booking: booking, eventType: eventType, locationKind: kind, scheduleName: scheduleById[booking.scheduleId]?.name ?? "")
        }
        return (placed, eventTypes, schedules)
    }

    /// Busy time that is not a booking, read-only: the expert's own events (their CalDAV
    /// calendars) and the cached busy time of their connected calendars, each with what to call it.
    private func ownBusy(user: User, from: Instant, to: Instant, zone: ZoneRules, t: Catalog) async throws -> [OwnBusy] {
        let window = DateInterval(start: from.date, end: to.date)
        let snapshot = try await store.busySnapshot(ownedBy: user.id, windows: BusyWindows(bookings: window, events: window), excluding: nil)
        var result: [OwnBusy] = []
        if !snapshot.personalEvents.isEmpty {
            let onlyEvents = BusySnapshot(bookings: [], personalEvents: snapshot.personalEvents)
            result += BusyTime.intervals(onlyEvents, eventTypeId: "", eventsWindow: from..<to, floatingZone: zone).map {
                OwnBusy(start: $0.start, end: $0.end, title: t["calendar_own_event"])
            }
        }
        let external = try await store.externalBusy(ownedBy: user.id, window: window)
        if !external.isEmpty {
            let names = Dictionary(
                try await store.connections(ownedBy: user.id).flatMap { connection in
                    connection.calendars.map { (connection.id + " " + $0.id, "\(connection.email): \($0.name)") }
                }, uniquingKeysWith: { first, _ in first })
            result += external.map {
                OwnBusy(
                    start: Instant($0.start), end: Instant($0.end),
                    title: t.format("calendar_external_busy", ["calendar": names[$0.connectionId + " " + $0.calendarId] ?? $0.calendarId]))
            }
        }
        return result.sorted { $0.start < $1.start }
    }

    struct OwnBusy {
        var start: Instant
        var end: Instant
        var title: String
    }

    /// First 5-minute row and row count of `start..<end` within `day`'s wall clock.
    private func rows(_ start: Instant, _ end: Instant, day: CalendarDate, zone: ZoneRules) -> (row: Int, span: Int) {
        let from = zone.local(for: start)
        let to = zone.local(for: end)
        let startMinute = from.date < day ? 0 : from.hour * 60 + from.minute
        let endMinute = to.date > day ? 1440 : to.hour * 60 + to.minute
        let row = min(CalendarGridStyles.rowsPerDay, startMinute / 5 + 1)
        let span = max(1, min(CalendarGridStyles.rowsPerDay - row + 1, (max(endMinute, startMinute + 5) - startMinute + 4) / 5))
        return (row, span)
    }

    /// Side-by-side lanes for overlapping blocks: each block's lane and its cluster's lane count (at most 4).
    static func lanes(_ spans: [(row: Int, span: Int)]) -> [(Int, Int)] {
        let order = spans.indices.sorted { spans[$0].row < spans[$1].row }
        var result = Array(repeating: (0, 1), count: spans.count)
        var cluster: [Int] = []
        var laneEnds: [Int] = []
        var clusterEnd = 0
        func close() {
            for index in cluster { result[index].1 = min(4, max(1, laneEnds.count)) }
            cluster = []
            laneEnds = []
        }
        for index in order {
            let (row, span) = spans[index]
            if row >= clusterEnd { close() }
            let lane = laneEnds.firstIndex { $0 <= row } ?? laneEnds.count
            if lane == laneEnds.count { laneEnds.append(row + span) } else { laneEnds[lane] = row + span }
            result[index].0 = min(3, lane)
            cluster.append(index)
            clusterEnd = max(clusterEnd, row + span)
        }
        close()
        return result
    }

    private func block(
        for item: Placed, column: Int, row: Int, span: Int, lane: (Int, Int), zone: ZoneRules, format: TextFormat, t: Catalog, chip: Bool
    ) -> Block {
        let booking = item.booking
        let from = zone.local(for: Instant(booking.start))
        let to = zone.local(for: Instant(booking.end))
        let time = "\(format.time(hour: from.hour, minute: from.minute))–\(format.time(hour: to.hour, minute: to.minute))"
        let title = item.eventType?.title ?? ""
        let kind = t["location_type_" + item.locationKind.rawValue]
        let label = [booking.attendee.name, title, time + " (\(zone.identifier))", t["status_" + booking.status.rawValue], item.scheduleName, kind]
            .joined(separator: ", ")
        let placement = chip ? "chip" : "ev d-\(column) r-\(row) s-\(span) ln-\(lane.0)-\(lane.1)"
        return Block(
            href: "/appointments/\(booking.id)", id: booking.id, classes: "\(placement) et-\(item.eventType?.id ?? "none")", time: time,
            title: booking.attendee.name, detail: title, letter: Self.letter(item.locationKind), label: label,
            start: String(format: "%04d-%02d-%02dT%02d:%02d", from.date.year, from.date.month, from.date.day, from.hour, from.minute),
            minutes: String(Int(booking.end.timeIntervalSince(booking.start) / 60)))
    }

    static var defaultColor: String { "#64748b" }

    /// A letter for the location type, so colour is never the only cue (WCAG 1.4.1).
    static func letter(_ kind: Location.Kind) -> String {
        switch kind {
        case .inPerson: return "P"
        case .remote: return "V"
        case .phone: return "T"
        case .hybrid: return "H"
        }
    }

    // MARK: - Export and colours

    @Sendable func export(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let current = Instant(now())
        let state = ViewState(request, user: user) { $0.local(for: current).date }
        let days = state.days
        let from = state.zone.instant(for: LocalDateTime(date: days[0]))
        let to = state.zone.instant(for: LocalDateTime(date: days[days.count - 1].adding(days: 1)))
        let (placed, eventTypes, _) = try await bookings(user: user, state: state, from: from, to: to)
        let titles = Dictionary(eventTypes.map { ($0.id, $0.title) }) { first, _ in first }
        let text = BookingCalendarEvent.feed(
            placed.map(\.booking), name: "Horario — \(user.displayName)", titles: titles, expertName: user.displayName, expertEmail: user.email)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8", .contentDisposition: "attachment; filename=\"horario-\(state.date.isoString).ics\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `.et-<id>{--c: colour; --on: readable text colour}` for the user's event types: colours
    /// come from the database, and the CSP allows no inline style.
    @Sendable func colors(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let rules = try await store.eventTypes(ownedBy: user.id).map { eventType -> String in
            let color = eventType.color.flatMap { Self.isHex($0) ? String($0.prefix(7)) : nil } ?? Self.defaultColor
            return ".et-\(eventType.id){--c:\(color);--on:\(Self.readableText(on: color))}"
        }
        return Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "private, max-age=31536000"],
            body: .init(byteBuffer: ByteBuffer(string: ([".et-none{--c:\(Self.defaultColor);--on:#fff}"] + rules).joined(separator: "\n"))))
    }

    static func isHex(_ text: String) -> Bool {
        (text.count == 7 || text.count == 9) && text.first == "#" && text.dropFirst().allSatisfy(\.isHexDigit)
    }

    /// Black or white, whichever contrasts more with `hex` (WCAG relative luminance).
    static func readableText(on hex: String) -> String {
        let digits = Array(hex.dropFirst())
        func channel(_ index: Int) -> Double {
            let value = Double(Int(String(digits[index * 2...index * 2 + 1]), radix: 16) ?? 0) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
        return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? "#111" : "#fff"
    }
}
