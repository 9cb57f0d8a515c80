import Availability
import Foundation
import Hummingbird
import NIOCore
import Store

/// iCalendar feeds of an expert's bookings, for calendar apps that subscribe to a URL instead
/// of syncing CalDAV: `GET /api/bookings.ics` (every schedule) and
/// `GET /api/availability/schedules/:id/bookings.ics` (one). Confirmed bookings that end after
/// `from` (RFC 3339; default a year ago).
struct BookingFeedController<Repository: HorarioStore> {
    let store: Repository
    let now: @Sendable () -> Date

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("bookings.ics", use: allBookings)
        api.get("availability/schedules/:id/bookings.ics", use: scheduleBookings)
    }

    @Sendable func allBookings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        return try await feed(request, user: user, scheduleId: nil, name: "\(user.displayName) — bookings")
    }

    @Sendable func scheduleBookings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let schedule = try await store.schedule(id: id, ownedBy: user.id) else { throw StoreError.notFound("schedule \(id)") }
        return try await feed(request, user: user, scheduleId: id, name: "\(user.displayName) — \(schedule.schedule.name)")
    }

    func feed(_ request: Request, user: User, scheduleId: String?, name: String) async throws -> Response {
        var from = now().addingTimeInterval(-365 * 86_400)
        if let text = request.uri.queryParameters.get("from"), !text.isEmpty {
            var issues: [ValidationIssue] = []
            guard let date = RFC3339.date(text, path: "from", issues: &issues) else { throw StoreError.invalid(issues) }
            from = date
        }
        let bookings = try await store.bookings(ownedBy: user.id, matching: BookingQuery(from: from, status: .confirmed, scheduleId: scheduleId))
        let titles = Dictionary(try await store.eventTypes(ownedBy: user.id).map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let text = BookingCalendarEvent.feed(bookings, name: name, titles: titles, expertName: user.displayName, expertEmail: user.email)
        return Response(
            status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .cacheControl: "private, no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
