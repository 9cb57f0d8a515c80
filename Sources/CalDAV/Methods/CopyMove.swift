import Foundation
import HTTPTypes
import Hummingbird
import Store
import WebDAV

extension CalDAVServer {
    /// COPY and MOVE (RFC 4918 §9.8/§9.9) within the user's home: objects between calendars,
    /// plain resources between plain collections. Calendars themselves are not moved.
    func copyMove(_ exchange: Exchange, path: String, move: Bool) async throws -> Response {
        guard let source = try await locator.locate(path: Substring(path), user: exchange.user).resource else {
            throw DAVError.notFound("No resource at this URL")
        }
        let destinationPath = try Self.destinationPath(exchange.headers)
        let overwrite = try Self.overwrite(exchange.headers)
        let depth = try Depth.parse(exchange.headers, absent: .infinity)
        if depth == .one { throw DAVError.badRequest("COPY and MOVE take Depth 0 or infinity") }
        if move, depth == .zero, source.isCollection { throw DAVError.badRequest("MOVE of a collection is always Depth: infinity") }
        let destination = try await locator.locate(path: Substring(destinationPath), user: exchange.user)
        let created: Bool = try await mappingStoreErrors {
            switch (source.kind, destination) {
            case (.object(let calendar, let object), .existing(let target)):
                guard case .object(let targetCalendar, let targetObject) = target.kind else {
                    throw DAVError.conflict("A calendar object can only be copied or moved into a calendar")
                }
                if targetCalendar.id == calendar.id, targetObject.name == object.name {
                    throw DAVError.forbidden(nil, "Source and destination are the same resource")
                }
                return try await transferObject(object, from: calendar, to: targetCalendar, name: targetObject.name, overwrite: overwrite, move: move)
            case (.object(let calendar, let object), .newObject(let targetCalendar, let name, _)):
                if targetCalendar.scheduleId != nil, targetCalendar.id != calendar.id {
                    throw DAVError(.forbidden, condition: HorarioCondition.bookingCalendar, "A schedule's calendar takes no events from clients")
                }
                return try await transferObject(object, from: calendar, to: targetCalendar, name: name, overwrite: overwrite, move: move)
            case (.object, .newPlain), (.object, .impossible):
                // No calendar holds the destination (RFC 4918 §9.8.5, §9.9.4: 409).
                throw DAVError.conflict("A calendar object can only be copied or moved into an existing calendar")
            case (.plainFile(let entry), _), (.plainCollection(let entry), _):
                let targetPath: String
                switch destination {
                case .newPlain(let path, _): targetPath = path
                case .existing(let target):
                    switch target.kind {
                    case .plainFile(let existing), .plainCollection(let existing): targetPath = existing.path
                    default: throw DAVError.conflict("A plain resource can only be copied or moved among plain collections")
                    }
                default: throw DAVError.conflict("A plain resource can only be copied or moved among plain collections")
                }
                if targetPath == entry.path { throw DAVError.forbidden(nil, "Source and destination are the same resource") }
                return try await store.transferDAVResource(
                    from: entry.path, to: targetPath, ownedBy: exchange.user.id, overwrite: overwrite, shallow: depth == .zero, keepSource: !move)
            default:
                throw DAVError.forbidden(nil, "Only calendar objects and plain resources can be copied or moved")
            }
        }
        return Response(status: created ? .created : .noContent, headers: [.contentLength: "0"])
    }

    private func transferObject(
        _ object: CalendarObject, from calendar: CalendarCollection, to target: CalendarCollection, name: String, overwrite: Bool, move: Bool
    ) async throws -> Bool {
        try await store.transferCalendarObject(
            named: object.name, from: calendar.id, to: target.id, newName: name, overwrite: overwrite, keepSource: !move)
    }

    /// The path of the `Destination` header: an absolute URI (its path is taken) or an
    /// absolute path (RFC 4918 §10.3).
    static func destinationPath(_ headers: HTTPFields) throws(DAVError) -> String {
        guard var value = headers[.destination], !value.isEmpty else { throw DAVError.badRequest("COPY and MOVE need a Destination header") }
        if let scheme = value.range(of: "://") {
            let afterAuthority = value[scheme.upperBound...]
            value = afterAuthority.firstIndex(of: "/").map { String(afterAuthority[$0...]) } ?? "/"
        }
        guard value.hasPrefix("/") else { throw DAVError.badRequest("Destination must be an absolute URI or path") }
        if let query = value.firstIndex(where: { $0 == "?" || $0 == "#" }) { value = String(value[..<query]) }
        return value
    }

    /// `Overwrite: T` (the default) or `F` (RFC 4918 §10.6).
    static func overwrite(_ headers: HTTPFields) throws(DAVError) -> Bool {
        guard let value = headers[.overwrite] else { return true }
        switch value.trimmingCharacters(in: .whitespaces).uppercased() {
        case "T": return true
        case "F": return false
        default: throw DAVError.badRequest("Overwrite must be T or F")
        }
    }
}
