import Foundation
import Hummingbird
import Store
import WebDAV

extension CalDAVServer {
    /// DELETE (RFC 4918 §9.6). A booking's object cancels the booking (it stays in the
    /// database as cancelled); a schedule's calendar cannot be deleted here.
    func delete(_ exchange: Exchange, path: String) async throws -> Response {
        guard let resource = try await locator.locate(path: Substring(path), user: exchange.user).resource else {
            // RFC 9110 §13.1.1: If-Match fails on a resource that does not exist.
            if EntityTagConditions(exchange.headers).ifMatch != nil { throw DAVError.preconditionFailed("If-Match: no resource at this URL") }
            throw DAVError.notFound("No resource at this URL")
        }
        let condition = Self.writeCondition(exchange.headers)
        let user = exchange.user
        try await mappingStoreErrors {
            switch resource.kind {
            case .object(let calendar, let object):
                try Self.checkScheduleTag(exchange.headers, current: object.ics)
                let reply = exchange.headers[.scheduleReply]?.trimmingCharacters(in: .whitespaces).uppercased() != "F"
                let plan = object.bookingId == nil ? try await scheduler.planDelete(user: user, old: object.ics, scheduleReply: reply) : nil
                do {
                    try await store.deleteCalendarObject(named: object.name, in: calendar.id, condition: condition)
                } catch StoreError.notFound {
                    throw DAVError.notFound("No resource at this URL (deleted meanwhile)")
                }
                if let plan { await scheduler.carryOut(plan, sender: user, logger: exchange.logger) }
            case .inboxMessage(let message):
                try await store.deleteInboxMessage(named: message.name, ownedBy: user.id)
            case .calendar(let calendar):
                guard EntityTagConditions(exchange.headers).allows(current: resource.etag) else { throw DAVStoreError.preconditionFailed }
                if calendar.scheduleId != nil {
                    throw DAVError(
                        .forbidden, condition: HorarioCondition.bookingCalendar,
                        "\(calendar.displayName) shows a schedule's bookings; delete the schedule in Horario instead")
                }
                try await store.deleteCalendar(id: calendar.id, ownedBy: user.id)
            case .plainFile(let entry), .plainCollection(let entry):
                guard EntityTagConditions(exchange.headers).allows(current: resource.isCollection ? "*collection*" : entry.etag) else {
                    throw DAVStoreError.preconditionFailed
                }
                try await store.deleteDAVResource(path: entry.path, ownedBy: user.id)
            default:
                throw DAVError.forbidden(nil, "This collection is part of the server's layout and cannot be deleted")
            }
        }
        return Response(status: .noContent)
    }
}
