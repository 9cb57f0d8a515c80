import Auth
import Availability
import BookingFlow
import Connections
import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import Store

/// The pages a booker sees, without signing in: an expert's page, an event type's booking page
/// (a month of free days, a day's slots, the form), all in the booker's zone. Bookings go
/// through the same ``BookingService`` as the API, so a slot taken meanwhile is refused with
/// the day's refreshed list.
struct PublicPages<Repository: HorarioStore, Parent: ClientAddressRequestContext>: Sendable {
    typealias Context = WebRequestContext<Parent>

    let kit: PageKit
    let store: Repository
    let connections: ConnectionEngine
    let now: @Sendable () -> Date

    var service: BookingService<Repository> { BookingService(store: store, liveCheck: connections) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(":username", use: expertPage)
        group.get(":username/:slug", use: bookingPage)
        group.get(":username/:slug/book", use: bookingForm)
        group.post(":username/:slug/book", use: book)
        addManagementRoutes(to: group)
    }

    // MARK: - Expert page

    struct ExpertModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var name: String
        var eventTypes: [EventTypeLink]
        var isEmpty: Bool
    }

    struct EventTypeLink: Sendable {
        var href: String
        var title: String
        var description: String
        var duration: String
        var location: String
    }

    @Sendable func expertPage(_ request: Request, context: Context) async throws -> Response {
        let username = try context.parameters.require("username")
        guard let expert = try await store.user(username: username) else { throw WebNotFound() }
        let t = context.catalog
        let schedules = Dictionary(try await store.schedules(ownedBy: expert.id).map { ($0.id, $0.schedule) }) { first, _ in first }
        let links = try await store.eventTypes(ownedBy: expert.id).compactMap { eventType -> EventTypeLink? in
            guard let schedule = schedules[eventType.scheduleId], schedule.isActive else { return nil }
            return EventTypeLink(
                href: "/\(username)/\(eventType.slug)", title: eventType.title, description: eventType.description,
                duration: t.format("minutes_count", ["count": String(eventType.limits.duration)]),
                location: t["location_type_" + (eventType.locationOverride ?? schedule.location).type.rawValue])
        }
        let model = ExpertModel(
            chrome: kit.chrome(context, request, .other, title: expert.displayName), t: t.strings, name: expert.displayName, eventTypes: links,
            isEmpty: links.isEmpty)
        return kit.page("expert", model)
    }

    // MARK: - Booking page

    struct BookingModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var title: String
        var description: String
        var expert: String
        var expertHref: String
        var duration: String
        var location: String
        var zone: String
        var zonesDatalist: String
        var month: String
        var date: String?
        var jumpNotice: String?
        var message: String?
        var calendar: SlotCalendar
        var hasSlots: Bool
        var slotAction: String
        var slotMethod: String
        var token: String?
        var rescheduling: String?
    }

    /// What the booking page shows: `?month=YYYY-MM&date=YYYY-MM-DD&tz=Zone`, all optional.
    struct SlotQuery: Sendable {
        var month: String?
        var date: String?
        var zone: String?

        init(month: String?, date: String?, zone: String?) {
            self.month = month
            self.date = date
            self.zone = zone
        }

        init(_ request: Request) {
            let query = request.uri.queryParameters
            self.init(month: query.get("month"), date: query.get("date"), zone: query.get("tz"))
        }
    }

    @Sendable func bookingPage(_ request: Request, context: Context) async throws -> Response {
        let offer = try await offer(context)
        return try await slotPage(request, context, offer: offer, query: SlotQuery(request), message: nil, status: .ok, rescheduling: nil)
    }

    /// The month of free days and the chosen day's slots, for booking or (with `rescheduling`)
    /// for moving a booking: then each slot is a POST of the move instead of a link to the form.
    func slotPage(
        _ request: Request, _ context: Context, offer: BookingOffer, query: SlotQuery, message: String?, status: HTTPResponse.Status,
        rescheduling: (booking: Booking, token: String)?
    ) async throws -> Response {
        let t = context.catalog
        let format = TextFormat(catalog: t)
        let zone = Self.zone(query.zone) ?? offer.compiledSchedule.zone
        let current = Instant(now())
        let today = zone.local(for: current).date
        var jumpNotice: String?
        var shown = OverrideCalendar.month(query.month)
        var slots: [Slot] = []
        if let chosen = shown {
            slots = try await monthSlots(offer, year: chosen.year, month: chosen.month, zone: zone)
        } else {
            // The first month with a free day, within a year (Cal.com #9153), saying so.
            var candidate = (year: today.year, month: today.month)
            for step in 0..<12 {
                slots = try await monthSlots(offer, year: candidate.year, month: candidate.month, zone: zone)
                if !slots.isEmpty || step == 11 { break }
                candidate = candidate.month == 12 ? (candidate.year + 1, 1) : (candidate.year, candidate.month + 1)
            }
            if slots.isEmpty { candidate = (today.year, today.month) }
            if candidate != (today.year, today.month) {
                jumpNotice = t.format("booker_jumped", ["month": format.monthTitle(year: candidate.year, month: candidate.month)])
            }
            shown = candidate
        }
        let month = shown ?? (today.year, today.month)
        let selected = query.date.flatMap(ScheduleValidator.date).flatMap { $0.year == month.year && $0.month == month.month ? $0 : nil }
        let zoneName = zone.identifier
        let token = rescheduling?.token
        let calendar = SlotCalendar(
            year: month.year, month: month.month, selected: selected, slots: slots, zone: zone, today: today, format: format
        ) { monthText, date in
            var items = ["month=\(monthText)"]
            if let date { items.append("date=\(date)") }
            items.append("tz=\(Self.encode(zoneName))")
            if let token { items.append("token=\(Self.encode(token))") }
            return items.joined(separator: "&")
        }
        let base = "/\(offer.expert.username)/\(offer.eventType.slug)"
        let (formToken, cookie) = kit.formToken(context)
        let model = BookingModel(
            chrome: kit.chrome(context, request, .other, title: offer.eventType.title, csrf: formToken), t: t.strings,
            title: offer.eventType.title, description: offer.eventType.description, expert: offer.expert.displayName,
            expertHref: "/\(offer.expert.username)", duration: t.format("minutes_count", ["count": String(offer.eventType.limits.duration)]),
            location: LocationText.summary(offer.location, catalog: t), zone: zoneName, zonesDatalist: TimeZoneNames.datalist,
            month: String(format: "%04d-%02d", month.year, month.month), date: selected?.isoString, jumpNotice: jumpNotice, message: message,
            calendar: calendar, hasSlots: !calendar.slots.isEmpty,
            slotAction: rescheduling.map { "/booking/\($0.booking.uid)/reschedule" } ?? base + "/book",
            slotMethod: rescheduling == nil ? "get" : "post", token: token,
            rescheduling: rescheduling.map { _ in t["booker_rescheduling"] })
        var response = kit.page("booking", model, status: status)
        if let cookie { response.headers.append(cookie) }
        if rescheduling != nil { response.headers[.referrerPolicy] = "no-referrer" }
        return response
    }

    private func monthSlots(_ offer: BookingOffer, year: Int, month: Int, zone: ZoneRules) async throws -> [Slot] {
        let first = CalendarDate(year: year, month: month, day: 1)
        let start = zone.instant(for: LocalDateTime(date: first))
        let end = zone.instant(for: LocalDateTime(date: first.adding(days: CalendarDate.daysIn(month: month, year: year))))
        let current = Instant(now())
        guard end > current else { return [] }
        return try await service.slots(offer, window: max(start, current)..<end, now: current)
    }

    // MARK: - The form and the booking

    struct FormModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var title: String
        var expert: String
        var when: String
        var whenExpert: String?
        var location: String
        var action: String
        var slot: String
        var zone: String
        var backHref: String
        var idempotencyKey: String
        var name: FieldView
        var email: FieldView
        var notes: String
        var errors: [ErrorLine]
        var hasErrors: Bool
    }

    @Sendable func bookingForm(_ request: Request, context: Context) async throws -> Response {
        let offer = try await offer(context)
        guard let slot = request.uri.queryParameters.get("slot").flatMap({ Instant(rfc3339: $0) }) else { throw WebRedirect(location: base(offer)) }
        let zone = Self.zone(request.uri.queryParameters.get("tz")) ?? offer.compiledSchedule.zone
        return formPage(request, context, offer: offer, slot: slot, zone: zone, name: "", email: "", notes: "", errors: FieldErrors(), status: .ok)
    }

    private func formPage(
        _ request: Request, _ context: Context, offer: BookingOffer, slot: Instant, zone: ZoneRules, name: String, email: String, notes: String,
        errors: FieldErrors, status: HTTPResponse.Status
    ) -> Response {
        let t = context.catalog
        let format = TextFormat(catalog: t)
        let expertZone = offer.compiledSchedule.zone
        let (token, cookie) = kit.formToken(context)
        let local = zone.local(for: slot)
        let month = String(format: "%04d-%02d", local.date.year, local.date.month)
        let model = FormModel(
            chrome: kit.chrome(context, request, .other, title: offer.eventType.title, csrf: token), t: t.strings, title: offer.eventType.title,
            expert: offer.expert.displayName, when: Self.when(slot, duration: offer.duration, zone: zone, format: format),
            whenExpert: expertZone.identifier == zone.identifier
                ? nil : t.format("booker_expert_time", ["when": Self.when(slot, duration: offer.duration, zone: expertZone, format: format)]),
            location: LocationText.summary(offer.location, catalog: t), action: base(offer) + "/book", slot: slot.description,
            zone: zone.identifier, backHref: base(offer) + "?month=\(month)&date=\(local.date.isoString)&tz=\(Self.encode(zone.identifier))",
            idempotencyKey: SessionSecret.generate(),
            name: FieldView(
                id: "name", name: "name", label: t["booker_name"], value: name, error: errors.message(for: "attendee.name"), required: true,
                autocomplete: "name"),
            email: FieldView(
                id: "email", name: "email", label: t["booker_email"], value: email, type: "email", error: errors.message(for: "attendee.email"),
                required: true, autocomplete: "email"),
            notes: notes, errors: errors.summary, hasErrors: !errors.isEmpty)
        var response = kit.page("booking-form", model, status: status)
        if let cookie { response.headers.append(cookie) }
        return response
    }

    @Sendable func book(_ request: Request, context: Context) async throws -> Response {
        let offer = try await offer(context)
        let form = context.form
        let t = context.catalog
        guard let slot = form["slot"].flatMap({ Instant(rfc3339: $0) }) else { throw WebRedirect(location: base(offer)) }
        let zone = Self.zone(form["tz"]) ?? offer.compiledSchedule.zone
        let name = form["name"] ?? ""
        let email = form["email"] ?? ""
        let notes = form["notes"] ?? ""
        var errors = FieldErrors()
        if name.isEmpty { errors.add("attendee.name", t["booker_name_required"]) }
        if !Self.looksLikeEmail(email) { errors.add("attendee.email", t["booker_email_invalid"]) }
        guard errors.isEmpty else {
            return formPage(
                request, context, offer: offer, slot: slot, zone: zone, name: name, email: email, notes: notes, errors: errors,
                status: .unprocessableContent)
        }
        let token = ManagementToken.generate()
        let key = form["idempotency_key"].flatMap { $0.isEmpty || $0.count > 255 ? nil : $0 }
        do {
            let creation = try await service.book(
                offer, start: slot, attendee: Booking.Attendee(name: name, email: email, timeZone: zone.identifier),
                notes: notes.isEmpty ? nil : notes,
                managementTokenHash: ManagementToken.hash(token), idempotencyKey: key, now: now(),
                sealedManagementToken: connections.vault.box.seal(
                    Array(token.utf8), place: ManagementToken.sealPlace(hash: ManagementToken.hash(token))))
            switch creation {
            case .created(let booking):
                throw WebRedirect(location: "/booking/\(booking.uid)?token=\(Self.encode(token))&notice=notice_booked")
            case .replayed:
                // The form was sent twice: the first answer has the booking's link.
                return kit.page(
                    "booking-replayed", ReplayedModel(chrome: kit.chrome(context, request, .other, title: t["booker_replayed_title"]), t: t.strings))
            }
        } catch let error where error is BookingRefusal || error is ExternalCalendarUnavailable {
            // Taken meanwhile (409), or the expert's calendar cannot be checked now (503): the free times again, with why.
            let local = zone.local(for: slot)
            let query = SlotQuery(
                month: String(format: "%04d-%02d", local.date.year, local.date.month), date: local.date.isoString, zone: zone.identifier)
            guard let refusal = error as? BookingRefusal else {
                return try await slotPage(
                    request, context, offer: offer, query: query, message: t["booker_calendar_unavailable"], status: .serviceUnavailable,
                    rescheduling: nil)
            }
            let message = refusal.codes.contains("taken") || refusal.codes.contains("inside-buffer") ? t["booker_taken"] : t["booker_unavailable"]
            return try await slotPage(request, context, offer: offer, query: query, message: message, status: .conflict, rescheduling: nil)
        }
    }

    struct ReplayedModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
    }

    // MARK: - Helpers

    func offer(_ context: Context) async throws -> BookingOffer {
        let username = try context.parameters.require("username")
        let slug = try context.parameters.require("slug")
        guard let offer = try? await service.offer(username: username, slug: slug), offer.schedule.schedule.isActive else { throw WebNotFound() }
        return offer
    }

    func base(_ offer: BookingOffer) -> String { "/\(offer.expert.username)/\(offer.eventType.slug)" }

    static func zone(_ name: String?) -> ZoneRules? {
        guard let name, name.contains("/") || name == "UTC" else { return nil }
        return ZoneRules.iana(name)
    }

    static func encode(_ text: String) -> String { QueryValue.encode(text) }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ") && text.count <= 254
    }

    /// "Tuesday, December 24, 2026, 2:00 PM–2:50 PM (Europe/Lisbon)".
    static func when(_ start: Instant, duration: Int64, zone: ZoneRules, format: TextFormat) -> String {
        let from = zone.local(for: start)
        let to = zone.local(for: start.adding(seconds: duration))
        return
            "\(format.longDate(from.date)), \(format.time(hour: from.hour, minute: from.minute))–\(format.time(hour: to.hour, minute: to.minute)) (\(zone.identifier))"
    }
}
