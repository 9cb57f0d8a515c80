import CalDAVQuery
import DAVXML
import Foundation
import HTTPTypes
import Hummingbird
import Store
import WebDAV

extension CalDAVServer {
    /// PUT (RFC 4918 §9.7, RFC 4791 §5.3.2): a calendar object into a calendar, with the
    /// CalDAV preconditions, or a plain file elsewhere in the home.
    func put(_ exchange: Exchange, path: String) async throws -> Response {
        let target = try await locator.locate(path: Substring(path), user: exchange.user)
        let condition = Self.writeCondition(exchange.headers)
        switch target {
        case .existing(let resource):
            switch resource.kind {
            case .object(let calendar, let object):
                return try await putObject(exchange, calendar: calendar, name: object.name, condition: condition, existing: object)
            case .plainFile(let entry):
                return try await putPlain(exchange, path: entry.path, condition: condition)
            default:
                throw DAVError.methodNotAllowed("A collection cannot be replaced with PUT", allow: "OPTIONS, PROPFIND, PROPPATCH, DELETE, REPORT")
            }
        case .newObject(let calendar, let name, _):
            // In a schedule's calendar a client's new event is the expert's own entry there
            // (busy time, never a booking): Thunderbird has no "edit but not create" state.
            return try await putObject(exchange, calendar: calendar, name: name, condition: condition, isNew: true)
        case .newPlain(let path, _):
            return try await putPlain(exchange, path: path, condition: condition)
        case .impossible:
            throw DAVError.conflict("No collection exists to hold this resource")
        }
    }

    /// `existing` is the object the request path named (with its text), nil for a new one.
    private func putObject(
        _ exchange: Exchange, calendar: CalendarCollection, name: String, condition: WriteCondition, isNew: Bool = false,
        existing: CalendarObject? = nil
    ) async throws -> Response {
        let bytes = try await DAVRequestBody.bytes(exchange.request, limit: limits.maxBodySize)
        guard bytes.count <= limits.maxObjectSize else {
            throw DAVError(.forbidden, condition: XMLName.CalDAV.maxResourceSize, "Calendar objects are limited to \(limits.maxObjectSize) bytes")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DAVError(.forbidden, condition: XMLName.CalDAV.validCalendarData, "The body is not UTF-8 text")
        }
        let facts: CalendarObjectFacts
        do { facts = try CalendarObjectFacts.read(text) } catch { throw Self.davError(error) }
        guard calendar.components.contains(facts.componentType) else {
            throw DAVError(
                .forbidden, condition: XMLName.CalDAV.supportedCalendarComponent,
                "This calendar takes \(calendar.components.joined(separator: ", ")), not \(facts.componentType)")
        }
        if isNew, calendar.scheduleId != nil, try await store.managedBooking(uid: facts.uid) != nil {
            // Bookings stay the server's: a cancelled booking's object put back is not revived.
            throw DAVError(
                .forbidden, condition: HorarioCondition.bookingCalendar,
                "\(facts.uid) is a booking's UID; bookings are made and restored through Horario, not by PUT")
        }
        // Implicit scheduling (RFC 6638 §3.2), except for a booking's object: the booking
        // itself tells the booker and the expert of its changes.
        try Self.checkScheduleTag(exchange.headers, current: existing?.ics)
        var stored = text
        var plan: ImplicitScheduler.Plan?
        if existing?.bookingId == nil {
            plan = try await scheduler.planWrite(user: exchange.user, old: existing?.ics, new: text)
            if let plan { stored = plan.text }
        }
        let new = NewCalendarObject(
            name: name, uid: facts.uid, componentType: facts.componentType, ics: stored, firstStart: facts.firstStart, lastEnd: facts.lastEnd,
            eventStart: facts.eventStart, eventEnd: facts.eventEnd)
        let (object, created) = try await mappingStoreErrors { try await store.putCalendarObject(new, in: calendar.id, condition: condition) }
        if let plan { await scheduler.carryOut(plan, sender: exchange.user, logger: exchange.logger) }
        var headers: HTTPFields = [.contentLength: "0"]
        // RFC 4791 §5.3.4: no ETag when the stored text is not the client's (SCHEDULE-STATUS added).
        if stored == text { headers[.eTag] = object.etag }
        if let tag = ScheduleTag.of(stored) { headers[.scheduleTag] = tag }
        return Response(status: created ? .created : .noContent, headers: headers)
    }

    /// `If-Schedule-Tag-Match` (RFC 6638 §8.3): the write applies only to the scheduling object
    /// whose tag the client read.
    static func checkScheduleTag(_ headers: HTTPFields, current: String?) throws {
        guard let wanted = headers[.ifScheduleTagMatch]?.trimmingCharacters(in: .whitespaces) else { return }
        guard let current, let tag = ScheduleTag.of(current), tag == wanted else {
            throw DAVError.preconditionFailed("If-Schedule-Tag-Match: the event's schedule tag is no longer \(wanted)")
        }
    }

    private func putPlain(_ exchange: Exchange, path: String, condition: WriteCondition) async throws -> Response {
        let bytes = try await DAVRequestBody.bytes(exchange.request, limit: limits.maxBodySize)
        let contentType = exchange.headers[.contentType]
        let (entry, created) = try await mappingStoreErrors {
            try await store.putDAVResource(path: path, body: Data(bytes), contentType: contentType, ownedBy: exchange.user.id, condition: condition)
        }
        return Response(status: created ? .created : .noContent, headers: [.eTag: entry.etag, .contentLength: "0"])
    }

    /// `If-None-Match: *` and `If-Match` as the store checks them inside the write.
    static func writeCondition(_ headers: HTTPFields) -> WriteCondition {
        let conditions = EntityTagConditions(headers)
        if let ifMatch = conditions.ifMatch { return .ifMatch(ifMatch) }
        if conditions.ifNoneMatch?.contains("*") == true { return .ifNoneMatchAny }
        return .none
    }

    /// The CalDAV precondition for a refused request body or calendar object.
    static func davError(_ error: CalDAVQueryError) -> DAVError {
        DAVError(error.precondition == nil ? .badRequest : .forbidden, condition: error.precondition, error.message)
    }
}
