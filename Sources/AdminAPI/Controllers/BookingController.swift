import Availability
import Foundation
import Hummingbird
import HummingbirdCore
import Store

/// The booking endpoints under `/api/bookings`: the calendar view's list and one booking.
/// Bookings are created by the booking flow, not here.
struct BookingController<Repository: BookingStore> {
    let store: Repository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: list)
        group.get(":id", use: get)
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
            guard let date = Self.rfc3339(text) else {
                issues.append(ValidationIssue(path: String(name), message: "\"\(text)\" is not an RFC 3339 date-time (e.g. 2025-11-12T09:00:00Z)"))
                return nil
            }
            return date
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

    /// RFC 3339 `date-time` (§5.6), with or without fractional seconds, `Z` or an offset.
    static func rfc3339(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
