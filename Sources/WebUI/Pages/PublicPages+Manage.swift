import Auth
import Availability
import BookingFlow
import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import Store

/// The booker's own pages, reached by the link with the management token: the booking, "Add
/// to calendar", cancel and reschedule — the public API's rules (nothing once it has started).
/// A wrong token looks exactly like an unknown booking. Nothing changes on GET: cancel and
/// reschedule are POST forms, so a mail scanner following links cancels nothing.
extension PublicPages {
    func addManagementRoutes(to group: RouterGroup<Context>) {
        group.get("booking/:uid", use: managePage)
        group.get("booking/:uid/event.ics", use: calendarFile)
        group.get("booking/:uid/cancel", use: cancelPage)
        group.post("booking/:uid/cancel", use: cancel)
        group.get("booking/:uid/reschedule", use: reschedulePage)
        group.post("booking/:uid/reschedule", use: reschedule)
    }

    struct ManageModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var uid: String
        var token: String
        var title: String
        var expert: String
        var when: String
        var whenExpert: String?
        var location: String
        var attendee: String
        var notes: String?
        var isCancelled: Bool
        var cancellationReason: String?
        var canChange: Bool
        var bookAgainHref: String
        var icsHref: String
    }

    @Sendable func managePage(_ request: Request, context: Context) async throws -> Response {
        let (booking, token) = try await managed(context, token: request.uri.queryParameters.get("token"))
        return try await manageResponse(request, context, booking: booking, token: token, template: "booking-manage")
    }

    @Sendable func cancelPage(_ request: Request, context: Context) async throws -> Response {
        let (booking, token) = try await managed(context, token: request.uri.queryParameters.get("token"))
        return try await manageResponse(request, context, booking: booking, token: token, template: "booking-cancel")
    }

    private func manageResponse(_ request: Request, _ context: Context, booking: Booking, token: String, template: String) async throws -> Response {
        let t = context.catalog
        let format = TextFormat(catalog: t)
        let expert = try await store.user(id: booking.userId)
        let eventType = try await store.eventType(id: booking.eventTypeId, ownedBy: booking.userId)
        let schedule = try await store.schedule(id: booking.scheduleId, ownedBy: booking.userId)
        let zone = Self.zone(booking.attendee.timeZone) ?? .fixed(identifier: "UTC", offset: 0)
        let expertZone = schedule.flatMap { Self.zone($0.schedule.timezone) } ?? zone
        let start = Instant(booking.start)
        let duration = Int64(booking.end.timeIntervalSince(booking.start))
        let (formToken, cookie) = kit.formToken(context)
        let model = ManageModel(
            chrome: kit.chrome(context, request, .other, title: eventType?.title ?? t["booker_your_booking"], csrf: formToken), t: t.strings,
            uid: booking.uid, token: token, title: eventType?.title ?? "", expert: expert?.displayName ?? "",
            when: Self.when(start, duration: duration, zone: zone, format: format),
            whenExpert: expertZone.identifier == zone.identifier
                ? nil : t.format("booker_expert_time", ["when": Self.when(start, duration: duration, zone: expertZone, format: format)]),
            location: booking.location, attendee: "\(booking.attendee.name) <\(booking.attendee.email)>", notes: booking.notes,
            isCancelled: booking.status == .cancelled, cancellationReason: booking.cancellationReason,
            canChange: booking.status == .confirmed && booking.start > now(),
            bookAgainHref: "/\(expert?.username ?? "")/\(eventType?.slug ?? "")",
            icsHref: "/booking/\(booking.uid)/event.ics?token=\(Self.encode(token))")
        var response = kit.page(template, model)
        if let cookie { response.headers.append(cookie) }
        // The URL holds the token: never send it to the sites the page links to (a map, a meeting).
        response.headers[.referrerPolicy] = "no-referrer"
        return response
    }

    @Sendable func calendarFile(_ request: Request, context: Context) async throws -> Response {
        let (booking, _) = try await managed(context, token: request.uri.queryParameters.get("token"))
        let expert = try await store.user(id: booking.userId)
        let eventType = try await store.eventType(id: booking.eventTypeId, ownedBy: booking.userId)
        let text = BookingCalendarEvent.render(
            booking, eventTypeTitle: eventType?.title ?? "", expertName: expert?.displayName ?? "", expertEmail: expert?.email ?? "")
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8", .contentDisposition: "attachment; filename=\"\(booking.uid).ics\"",
                .cacheControl: "no-store", .referrerPolicy: "no-referrer",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func cancel(_ request: Request, context: Context) async throws -> Response {
        let (booking, token) = try await managed(context, token: context.form["token"])
        let link = "/booking/\(booking.uid)?token=\(Self.encode(token))"
        guard booking.status == .confirmed else { throw WebRedirect(location: link) }
        guard booking.start > now() else { throw WebRedirect(location: link + "&notice=notice_booking_started") }
        let reason = context.form["reason"].flatMap { $0.isEmpty ? nil : $0 }
        _ = try await store.cancelBooking(id: booking.id, ownedBy: booking.userId, reason: reason, now: now(), by: .booker)
        throw WebRedirect(location: link + "&notice=notice_booking_cancelled")
    }

    @Sendable func reschedulePage(_ request: Request, context: Context) async throws -> Response {
        let (booking, token) = try await managed(context, token: request.uri.queryParameters.get("token"))
        let offer = try await offer(for: booking)
        var query = SlotQuery(request)
        query.zone = query.zone ?? booking.attendee.timeZone
        return try await slotPage(request, context, offer: offer, query: query, message: nil, status: .ok, rescheduling: (booking, token))
    }

    @Sendable func reschedule(_ request: Request, context: Context) async throws -> Response {
        let (booking, token) = try await managed(context, token: context.form["token"])
        let link = "/booking/\(booking.uid)?token=\(Self.encode(token))"
        guard booking.status == .confirmed, booking.start > now() else { throw WebRedirect(location: link + "&notice=notice_booking_started") }
        guard let slot = context.form["slot"].flatMap({ Instant(rfc3339: $0) }) else { throw WebRedirect(location: link) }
        do {
            _ = try await service.reschedule(booking, to: slot, now: now())
        } catch let error where error is BookingRefusal || error is ExternalCalendarUnavailable {
            // Taken meanwhile (409), or the expert's calendar cannot be checked now (503): the free times again, with why.
            let unavailable = error is ExternalCalendarUnavailable
            let offer = try await offer(for: booking)
            let zone = Self.zone(context.form["tz"]) ?? Self.zone(booking.attendee.timeZone) ?? offer.compiledSchedule.zone
            let local = zone.local(for: slot)
            let query = SlotQuery(
                month: String(format: "%04d-%02d", local.date.year, local.date.month), date: local.date.isoString, zone: zone.identifier)
            return try await slotPage(
                request, context, offer: offer, query: query,
                message: context.catalog[unavailable ? "booker_calendar_unavailable" : "booker_taken"],
                status: unavailable ? .serviceUnavailable : .conflict, rescheduling: (booking, token))
        }
        throw WebRedirect(location: link + "&notice=notice_booking_rescheduled")
    }

    /// The booking `uid` when `token` is its management token; anything else is a 404.
    private func managed(_ context: Context, token: String?) async throws -> (Booking, String) {
        let uid = try context.parameters.require("uid")
        guard let token, !token.isEmpty, let (booking, hash) = try await store.managedBooking(uid: uid), let hash,
            ManagementToken.matches(token, storedHash: hash)
        else { throw WebNotFound() }
        return (booking, token)
    }

    private func offer(for booking: Booking) async throws -> BookingOffer {
        guard let expert = try await store.user(id: booking.userId),
            let eventType = try await store.eventType(id: booking.eventTypeId, ownedBy: booking.userId)
        else { throw WebNotFound() }
        return try await service.offer(expert: expert, eventType: eventType)
    }
}
