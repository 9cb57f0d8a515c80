import Auth
import Availability
import BookingFlow
import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import NIOCore
import Store

/// The public booking API under `/api/public` (no credentials): an event type's page, its
/// slots, booking, and the booker's own links to see, cancel and reschedule a booking, which
/// the management token returned with the booking authorizes.
struct PublicBookingController<Repository: HorarioStore & BookingFlowStore> {
    let service: BookingService<Repository>
    /// Seals the booker's token for the links in booking messages.
    let tokenBox: SecretBox
    let now: @Sendable () -> Date

    /// The longest `Idempotency-Key` accepted.
    static var maxIdempotencyKeyLength: Int { 255 }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("bookings/:uid", use: showBooking)
        group.get("bookings/:uid/cancel", use: showBooking)
        group.post("bookings/:uid/cancel", use: cancel)
        group.get("bookings/:uid/reschedule", use: showBooking)
        group.post("bookings/:uid/reschedule", use: reschedule)
        group.get(":username/:slug", use: eventType)
        group.get(":username/:slug/slots", use: slots)
        group.post(":username/:slug/bookings", use: book)
    }

    @Sendable func eventType(_ request: Request, context: AppRequestContext) async throws -> JSONBox<PublicEventTypeResponse> {
        JSONBox(PublicEventTypeResponse(offer: try await offer(context)))
    }

    @Sendable func slots(_ request: Request, context: AppRequestContext) async throws -> Response {
        let offer = try await offer(context)
        let now = Instant(now())
        let query = try SlotWindowQuery(request.uri.queryParameters, scheduleZone: offer.compiledSchedule.zone, now: now)
        let slots = try await service.slots(offer, window: query.window, now: now)
        let answer = SlotsResponse(slots: slots, window: query.window, duration: offer.eventType.limits.duration, bookerZone: query.bookerZone)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: answer.json)))
    }

    @Sendable func book(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<JSONBox<BookingConfirmation>> {
        let offer = try await offer(context)
        let body = try await request.decodeJSON(as: NewBookingRequest.self, schema: "NewBooking", context: context)
        let (start, attendee, notes) = try body.validated()
        let key = try Self.idempotencyKey(request.headers)
        let token = ManagementToken.generate()
        let creation = try await service.book(
            offer, start: start, attendee: attendee, notes: notes, managementTokenHash: ManagementToken.hash(token), idempotencyKey: key,
            now: now(), sealedManagementToken: tokenBox.seal(Array(token.utf8), place: ManagementToken.sealPlace(hash: ManagementToken.hash(token))))
        let view = PublicBookingResponse(
            booking: creation.booking, title: offer.eventType.title, expertName: offer.expert.displayName, username: offer.expert.username,
            eventTypeSlug: offer.eventType.slug)
        var headers: HTTPFields = [.location: "/api/public/bookings/\(creation.booking.uid)"]
        switch creation {
        case .created:
            return EditedResponse(status: .created, headers: headers, response: JSONBox(BookingConfirmation(booking: view, token: token)))
        case .replayed:
            // Knowing a key, an e-mail and a start must not hand anyone the booking's token.
            headers[HTTPField.Name("Idempotent-Replayed")!] = "true"
            return EditedResponse(status: .ok, headers: headers, response: JSONBox(BookingConfirmation(booking: view, token: nil)))
        }
    }

    @Sendable func showBooking(_ request: Request, context: AppRequestContext) async throws -> JSONBox<PublicBookingResponse> {
        let booking = try await managedBooking(context, token: request.uri.queryParameters.get("token"))
        return JSONBox(try await view(booking))
    }

    /// Cancels as the booker: refused once the booking has started; a second cancel answers
    /// the cancelled booking again.
    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> JSONBox<PublicBookingResponse> {
        let body =
            try await request.decodeOptionalJSON(as: PublicCancelRequest.self, schema: "PublicCancel", context: context) ?? PublicCancelRequest()
        let booking = try await managedBooking(context, token: body.token ?? request.uri.queryParameters.get("token"))
        let now = now()
        if booking.status == .confirmed, booking.start <= now {
            throw APIError(status: .conflict, title: "Conflict", detail: "the booking has already started; ask the expert to cancel it")
        }
        let reason = body.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        let cancelled = try await service.store.cancelBooking(id: booking.id, ownedBy: booking.userId, reason: reason, now: now, by: .booker)
        return JSONBox(try await view(cancelled))
    }

    /// Moves the booking to another free slot of its event type, under the same rules as a
    /// new booking.
    @Sendable func reschedule(_ request: Request, context: AppRequestContext) async throws -> JSONBox<PublicBookingResponse> {
        let body = try await request.decodeJSON(as: PublicRescheduleRequest.self, schema: "PublicReschedule", context: context)
        var issues: [ValidationIssue] = []
        let start = PublicRequestValues.instant(body.start, path: "start", issues: &issues)
        let booking = try await managedBooking(context, token: body.token ?? request.uri.queryParameters.get("token"))
        guard let start else { throw StoreError.invalid(issues) }
        let now = now()
        if booking.status == .confirmed, booking.start <= now {
            throw APIError(status: .conflict, title: "Conflict", detail: "the booking has already started; ask the expert to move it")
        }
        return JSONBox(try await view(try await service.reschedule(booking, to: start, now: now)))
    }

    // MARK: - Helpers

    func offer(_ context: AppRequestContext) async throws -> BookingOffer {
        try await service.offer(username: try context.parameters.require("username"), slug: try context.parameters.require("slug"))
    }

    /// The booking `uid` when `token` is its management token. A wrong token and an unknown
    /// booking answer the same 404, so the API says nothing about bookings one cannot manage.
    func managedBooking(_ context: AppRequestContext, token: String?) async throws -> Booking {
        let uid = try context.parameters.require("uid")
        guard let token, !token.isEmpty else {
            throw StoreError.invalid([.init(path: "token", message: "is required: the management token returned with the booking")])
        }
        guard let (booking, hash) = try await service.store.managedBooking(uid: uid), let hash, ManagementToken.matches(token, storedHash: hash)
        else { throw StoreError.notFound("booking \(uid)") }
        return booking
    }

    func view(_ booking: Booking) async throws -> PublicBookingResponse {
        let expert = try await service.store.user(id: booking.userId)
        let eventType = try await service.store.eventType(id: booking.eventTypeId, ownedBy: booking.userId)
        return PublicBookingResponse(
            booking: booking, title: eventType?.title ?? "", expertName: expert?.displayName ?? "", username: expert?.username ?? "",
            eventTypeSlug: eventType?.slug ?? "")
    }

    /// The `Idempotency-Key` header (draft-ietf-httpapi-idempotency-key-header): printable
    /// ASCII, at most ``maxIdempotencyKeyLength`` characters.
    static func idempotencyKey(_ headers: HTTPFields) throws -> String? {
        guard let raw = headers[HTTPField.Name("Idempotency-Key")!] else { return nil }
        let key = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !key.isEmpty, key.count <= maxIdempotencyKeyLength, key.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value < 0x7F }) else {
            throw StoreError.invalid([
                .init(path: "Idempotency-Key", message: "must be 1 to \(maxIdempotencyKeyLength) printable ASCII characters")
            ])
        }
        return key
    }
}
