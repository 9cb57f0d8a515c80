import Auth
import Availability
import BookingFlow
import Connections
import Foundation
import Hummingbird
import ICalendar
import Store

/// Appointments: the list (upcoming, past, cancelled; filters; pages) and each booking's
/// details with Reschedule and Cancel. The expert moves a booking as they decide — hours and
/// limits do not bind them — but never onto another booking, which is refused with its reason.
struct AppointmentPages<Repository: HorarioStore, Parent: ClientAddressRequestContext>: Sendable {
    typealias Context = WebRequestContext<Parent>

    let kit: PageKit
    let store: Repository
    let connections: ConnectionEngine
    let now: @Sendable () -> Date

    static var pageSize: Int { 25 }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("appointments", use: list)
        group.get("appointments/:id", use: details)
        group.post("appointments/:id/reschedule", use: reschedule)
        group.post("appointments/:id/cancel", use: cancel)
    }

    // MARK: - List

    struct ListModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var tabs: [NavLink]
        var tab: String
        var from: String
        var to: String
        var query: String
        var eventTypes: [OptionView]
        var schedules: [OptionView]
        var locations: [OptionView]
        var rows: [Row]
        var isEmpty: Bool
        var count: String
        var previousHref: String?
        var nextHref: String?
    }

    struct Row: Sendable {
        var href: String
        var when: String
        var attendee: String
        var email: String
        var eventType: String
        var schedule: String
        var location: String
        var status: String
        var cancelled: Bool
    }

    /// The list's filters, read from and written back to the query string.
    struct Filters: Sendable {
        var tab: String
        var from: String
        var to: String
        var eventType: String
        var schedule: String
        var location: String
        var query: String
        var page: Int

        init(_ request: Request) {
            let values = request.uri.queryParameters
            func value(_ name: String) -> String { values.get(name).map { String($0) } ?? "" }
            tab = ["upcoming", "past", "cancelled"].contains(value("tab")) ? value("tab") : "upcoming"
            from = value("from")
            to = value("to")
            eventType = value("eventType")
            schedule = value("schedule")
            location = value("location")
            query = value("q")
            page = max(1, Int(value("page")) ?? 1)
        }

        func href(tab: String? = nil, page: Int? = nil) -> String {
            let items = [
                ("tab", tab ?? self.tab), ("from", from), ("to", to), ("eventType", eventType), ("schedule", schedule), ("location", location),
                ("q", query), ("page", String(page ?? 1)),
            ]
            return "/appointments?"
                + items.filter { !$0.1.isEmpty && $0.1 != "1" || $0.0 == "tab" }.map { "\($0.0)=\(QueryValue.encode($0.1))" }
                .joined(separator: "&")
        }
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let t = context.catalog
        let format = TextFormat(catalog: t)
        let filters = Filters(request)
        let zone = Self.zone(user)
        let current = now()
        var query = BookingQuery()
        query.status = filters.tab == "cancelled" ? .cancelled : .confirmed
        query.eventTypeId = filters.eventType.isEmpty ? nil : filters.eventType
        query.scheduleId = filters.schedule.isEmpty ? nil : filters.schedule
        if let from = ScheduleValidator.date(filters.from) { query.from = zone.instant(for: LocalDateTime(date: from)).date }
        if let to = ScheduleValidator.date(filters.to) { query.to = zone.instant(for: LocalDateTime(date: to.adding(days: 1))).date }
        if filters.tab == "upcoming" { query.from = max(query.from ?? current, current) }
        if filters.tab == "past" { query.to = min(query.to ?? current, current) }
        let eventTypes = try await store.eventTypes(ownedBy: user.id)
        let schedules = try await store.schedules(ownedBy: user.id)
        let eventTypeById = Dictionary(eventTypes.map { ($0.id, $0) }) { first, _ in first }
        let scheduleById = Dictionary(schedules.map { ($0.id, $0.schedule) }) { first, _ in first }
        query.attendee = filters.query.isEmpty ? nil : filters.query
        if !filters.location.isEmpty {
            // The location type is the event type's override or its schedule's: resolve it to event types.
            query.eventTypeIds = eventTypes.filter { eventType in
                (eventType.locationOverride ?? scheduleById[eventType.scheduleId]?.location)?.type.rawValue == filters.location
            }.map(\.id)
        }
        query.newestFirst = filters.tab != "upcoming"
        // The store counts and pages: only the shown page is read.
        let total = try await store.bookingCount(ownedBy: user.id, matching: query)
        let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        let page = min(filters.page, pages)
        query.limit = Self.pageSize
        query.offset = (page - 1) * Self.pageSize
        let shown = try await store.bookings(ownedBy: user.id, matching: query)
        let rows = shown.map { booking in
            let eventType = eventTypeById[booking.eventTypeId]
            return Row(
                href: "/appointments/\(booking.id)", when: Self.range(booking, zone: zone, format: format), attendee: booking.attendee.name,
                email: booking.attendee.email, eventType: eventType?.title ?? "", schedule: scheduleById[booking.scheduleId]?.name ?? "",
                location: booking.location, status: t["status_" + booking.status.rawValue], cancelled: booking.status == .cancelled)
        }
        let model = ListModel(
            chrome: kit.chrome(context, request, .appointments, title: t["appointments_title"]), t: t.strings,
            tabs: ["upcoming", "past", "cancelled"].map { NavLink(label: t["tab_" + $0], href: filters.href(tab: $0), current: $0 == filters.tab) },
            tab: filters.tab, from: filters.from, to: filters.to, query: filters.query,
            eventTypes: [OptionView(value: "", label: t["filter_all"], selected: filters.eventType.isEmpty)]
                + eventTypes.map { OptionView(value: $0.id, label: $0.title, selected: $0.id == filters.eventType) },
            schedules: [OptionView(value: "", label: t["filter_all"], selected: filters.schedule.isEmpty)]
                + schedules.map { OptionView(value: $0.id, label: $0.schedule.name, selected: $0.id == filters.schedule) },
            locations: [OptionView(value: "", label: t["filter_all"], selected: filters.location.isEmpty)]
                + Location.Kind.allCases.map {
                    OptionView(value: $0.rawValue, label: t["location_type_" + $0.rawValue], selected: $0.rawValue == filters.location)
                },
            rows: Array(rows), isEmpty: rows.isEmpty,
            count: t.format("appointments_count", ["count": String(total), "page": String(page), "pages": String(pages)]),
            previousHref: page > 1 ? filters.href(page: page - 1) : nil, nextHref: page < pages ? filters.href(page: page + 1) : nil)
        return kit.page("appointments", model)
    }

    // MARK: - Details

    struct DetailsModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var id: String
        var title: String
        var attendee: String
        var email: String
        var when: String
        var whenAttendee: String?
        var eventType: String
        var schedule: String
        var location: String
        var notes: String?
        var status: String
        var isConfirmed: Bool
        var history: [String]
        var slots: [OptionView]
        var hasSlots: Bool
        var otherStart: String
        var zone: String
        var error: String?
        /// Where the booking was written outside Horario and whether that worked.
        var externalWrite: String?
        var externalWriteFailed: Bool
        /// Each message about the booking and how it went.
        var messages: [String]
        var hasMessages: Bool
    }

    @Sendable func details(_ request: Request, context: Context) async throws -> Response {
        try await detailsPage(request, context, error: nil, status: .ok)
    }

    func detailsPage(_ request: Request, _ context: Context, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let booking = try await store.booking(id: id, ownedBy: user.id) else { throw WebNotFound() }
        let t = context.catalog
        let format = TextFormat(catalog: t)
        let zone = Self.zone(user)
        let eventType = try await store.eventType(id: booking.eventTypeId, ownedBy: user.id)
        let schedule = try await store.schedule(id: booking.scheduleId, ownedBy: user.id)
        let attendeeZone = ZoneRules.iana(booking.attendee.timeZone)
        var slots: [OptionView] = []
        if booking.status == .confirmed, let eventType {
            // The event type's free times of the next two weeks, the booking itself not in the way.
            let service = BookingService(store: store, liveCheck: connections)
            let offer = try await service.offer(expert: user, eventType: eventType)
            let start = Instant(now())
            let free = try await service.slots(offer, window: start..<start.adding(seconds: 14 * 86_400), now: start)
            slots = free.prefix(200).map { slot in
                let local = zone.local(for: slot.start)
                return OptionView(
                    value: slot.start.description,
                    label: "\(format.longDate(local.date)) \(format.time(hour: local.hour, minute: local.minute))", selected: false)
            }
        }
        let changes = try await store.bookingHistory(id: booking.id, ownedBy: user.id)
        var history = [t.format("history_created", ["when": Self.moment(booking.createdAt, zone: zone, format: format)])]
        if !changes.isEmpty {
            history = changes.map { change in
                t.format(
                    "history_" + change.action.rawValue + "_by",
                    [
                        "when": Self.moment(change.at, zone: zone, format: format), "actor": t["actor_" + change.actor.rawValue],
                        "time": Self.moment(change.start, zone: zone, format: format),
                    ])
            }
        } else if booking.sequence > 0 {
            history.append(
                t.format(
                    booking.status == .cancelled ? "history_cancelled" : "history_changed",
                    ["when": Self.moment(booking.updatedAt, zone: zone, format: format), "count": String(booking.sequence)]))
        }
        let externalWrite = try await externalWrite(of: booking, userId: user.id)
        let messages = try await store.messages(bookingId: booking.id).map { message in
            let to = message.recipient == .booker ? booking.attendee.email : user.email
            let what = t.format("message_" + message.kind.rawValue, ["to": to])
            switch message.state {
            case .sent:
                return what + " — " + t.format("message_sent", ["when": Self.moment(message.sentAt ?? message.createdAt, zone: zone, format: format)])
            case .failed: return what + " — " + t.format("message_failed", ["error": message.lastError ?? ""])
            case .pending:
                return what + " — " + (message.lastError.map { t.format("message_retrying", ["error": $0]) } ?? t["message_waiting"])
            }
        }
        let local = zone.local(for: Instant(booking.start))
        let model = DetailsModel(
            chrome: kit.chrome(context, request, .appointments, title: booking.attendee.name), t: t.strings, id: booking.id,
            title: "\(eventType?.title ?? ""): \(booking.attendee.name)", attendee: booking.attendee.name, email: booking.attendee.email,
            when: Self.range(booking, zone: zone, format: format) + " (\(zone.identifier))",
            whenAttendee: attendeeZone.flatMap {
                $0.identifier == zone.identifier ? nil : Self.range(booking, zone: $0, format: format) + " (\($0.identifier))"
            },
            eventType: eventType?.title ?? "", schedule: schedule?.schedule.name ?? "", location: booking.location, notes: booking.notes,
            status: t["status_" + booking.status.rawValue] + (booking.cancellationReason.map { " — \($0)" } ?? ""),
            isConfirmed: booking.status == .confirmed, history: history, slots: slots, hasSlots: !slots.isEmpty,
            otherStart: String(format: "%04d-%02d-%02dT%02d:%02d", local.date.year, local.date.month, local.date.day, local.hour, local.minute),
            zone: zone.identifier, error: error, externalWrite: externalWrite.map { describe($0.write, calendar: $0.name, catalog: t) },
            externalWriteFailed: externalWrite?.write.state == .failed, messages: messages, hasMessages: !messages.isEmpty)
        return kit.page("appointment", model, status: status)
    }

    /// The booking's write to an external calendar, with that calendar's name ("iCloud ana@…: Work").
    func externalWrite(of booking: Booking, userId: String) async throws -> (write: ExternalWrite, name: String)? {
        guard let write = try await store.externalWrites(bookingIds: [booking.id])[booking.id] else { return nil }
        let connection = try await write.connectionId.asyncMap { try await store.connection(id: $0, ownedBy: userId) }
        let name =
            connection.map { connection in
                "\(connection.email): \(connection.calendar(id: write.calendarId)?.name ?? write.calendarId)"
            } ?? write.calendarId
        return (write, name)
    }

    func describe(_ write: ExternalWrite, calendar: String, catalog t: Catalog) -> String {
        t.format("external_write_" + write.state.rawValue, ["calendar": calendar, "error": write.lastError ?? ""])
    }

    // MARK: - Actions

    @Sendable func reschedule(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let t = context.catalog
        // The calendar's drag sends the time in the zone it displays, and where to go back to.
        let zone = PublicPages<Repository, Parent>.zone(context.form["tz"]) ?? Self.zone(user)
        let back = context.form["return"].flatMap { $0.hasPrefix("/appointments/calendar") ? $0 : nil }
        let start: Instant?
        if let slot = context.form["slot"], !slot.isEmpty {
            start = Instant(rfc3339: slot)
        } else {
            start = Self.localDateTime(context.form["other_start"] ?? "").map { zone.instant(for: $0) }
        }
        guard let start else { return try await detailsPage(request, context, error: t["reschedule_pick"], status: .unprocessableContent) }
        do {
            _ = try await BookingService(store: store, liveCheck: connections).rescheduleAsExpert(
                id: id, ownedBy: user.id, start: start.date, end: nil, now: now())
        } catch StoreError.conflict(let message) {
            if let back { throw WebRedirect(location: back + "&notice=notice_move_refused") }
            return try await detailsPage(request, context, error: t["reschedule_conflict"] + " (\(message))", status: .conflict)
        }
        if let back { throw WebRedirect(location: back + "&notice=notice_rescheduled") }
        throw WebRedirect(location: "/appointments/\(id)?notice=notice_rescheduled")
    }

    @Sendable func cancel(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let reason = context.form["reason"].flatMap { $0.isEmpty ? nil : $0 }
        _ = try await store.cancelBooking(id: id, ownedBy: user.id, reason: reason, now: now())
        throw WebRedirect(location: "/appointments/\(id)?notice=notice_booking_cancelled")
    }

    // MARK: - Helpers

    static func zone(_ user: User) -> ZoneRules { ZoneRules.iana(user.timeZone) ?? .fixed(identifier: "UTC", offset: 0) }

    static func range(_ booking: Booking, zone: ZoneRules, format: TextFormat) -> String {
        let from = zone.local(for: Instant(booking.start))
        let to = zone.local(for: Instant(booking.end))
        return "\(format.longDate(from.date)), \(format.time(hour: from.hour, minute: from.minute))–\(format.time(hour: to.hour, minute: to.minute))"
    }

    static func moment(_ date: Date, zone: ZoneRules, format: TextFormat) -> String {
        format.moment(date, zone: zone)
    }

    /// `YYYY-MM-DDTHH:MM` from a `datetime-local` input.
    static func localDateTime(_ text: String) -> LocalDateTime? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let date = ScheduleValidator.date(String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard time.count >= 2, (0..<24).contains(time[0]), (0..<60).contains(time[1]) else { return nil }
        return LocalDateTime(date: date, hour: time[0], minute: time[1])
    }
}
