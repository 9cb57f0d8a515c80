import Availability
import BookingFlow
import Foundation
import Hummingbird
import HummingbirdCore
import ICalendar
import Store

/// The booking endpoints under `/api/bookings`: the calendar view's list, one booking, and
/// the expert's cancel and reschedule. Bookings are created by the public booking flow.
struct BookingController<Repository: HorarioStore & BookingFlowStore> {
    let service: BookingService<Repository>
    let now: @Sendable () -> Date
    var store: Repository { service.store }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: list)
        group.get(":id", use: get)
        group.post(":id/cancel", use: cancel)
        group.post(":id/reschedule", use: reschedule)
    }

    /// `POST /api/bookings/:id/cancel` `{reason?}`: the expert may cancel at any time; a
    /// cancelled booking is answered as it is.
    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> JSONBox<BookingResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let body = try await request.decodeOptionalJSON(as: CancelBookingRequest.self, schema: "CancelBooking", context: context)
        let reason = body?.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        return JSONBox(BookingResponse(booking: try await store.cancelBooking(id: id, ownedBy: user.id, reason: reason, now: now())))
    }

    /// `POST /api/bookings/:id/reschedule` `{start, end?}`: the expert's decision, so hours and
    /// limits do not apply, but another booking may not be overlapped (409).
    @Sendable func reschedule(_ request: Request, context: AppRequestContext) async throws -> JSONBox<BookingResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(as: RescheduleBookingRequest.self, schema: "RescheduleBooking", context: context)
        var issues: [ValidationIssue] = []
        let start = PublicRequestValues.instant(body.start, path: "start", issues: &issues)
        let end = body.end.flatMap { PublicRequestValues.instant($0, path: "end", issues: &issues) }
        if let start, let end, end <= start { issues.append(.init(path: "end", message: "must be after start")) }
        guard issues.isEmpty, let start else { throw StoreError.invalid(issues) }
        return JSONBox(
            BookingResponse(booking: try await service.rescheduleAsExpert(id: id, ownedBy: user.id, start: start.date, end: end?.date, now: now())))
    }

    /// `GET /api/bookings?from&to&status&scheduleId&eventTypeId`: bookings overlapping the
    /// window, by start time. Another user's schedule or event type id simply matches nothing.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONBox<[BookingResponse]> {
        let user = try context.requireUser()
        let query = try Self.query(request.uri.queryParameters)
        return JSONBox(try await store.bookings(ownedBy: user.id, matching: query).map(BookingResponse.init))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONBox<BookingResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let booking = try await store.booking(id: id, ownedBy: user.id) else { throw StoreError.notFound("booking \(id)") }
        return JSONBox(BookingResponse(booking: booking))
    }

    /// Reads the filters, reporting every bad one at once (422, the parameter as the path). An
    /// empty value counts as absent, as HTML forms send unset fields.
    static func query(_ parameters: FlatDictionary<Substring, Substring>) throws -> BookingQuery {
        var issues: [ValidationIssue] = []
        func value(_ name: Substring) -> String? {
            guard let value = parameters[name], !value.isEmpty else { return nil }
            return String(value)
        }
        func date(_ name: Substring) -> Date? {
            guard let text = value(name) else { return nil }
            return RFC3339.date(text, path: String(name), issues: &issues)
        }
        var query = BookingQuery(from: date("from"), to: date("to"), scheduleId: value("scheduleId"), eventTypeId: value("eventTypeId"))
        if let from = query.from, let to = query.to, from > to {
            issues.append(ValidationIssue(path: "to", message: "must not be before from"))
        }
        if let status = value("status") {
            query.status = Booking.Status(rawValue: status)
            if query.status == nil {
                let allowed = Booking.Status.allCases.map(\.rawValue).joined(separator: " or ")
                issues.append(ValidationIssue(path: "status", message: "\"\(status)\" is not a booking status (\(allowed))"))
            }
        }
        guard issues.isEmpty else {
            throw APIError(
                status: .unprocessableContent, title: "Invalid request", detail: issues.map(\.description).joined(separator: "; "), errors: issues)
        }
        return query
    }
}
