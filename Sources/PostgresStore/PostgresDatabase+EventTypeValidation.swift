import Availability
import Foundation
import PostgresNIO
import Store

// MARK: - Calendar destination

extension PostgresDatabase {
    /// An external destination must name a writable calendar of one of the owner's
    /// connections; its provider is the connection's (filled in when absent).
    static func resolveDestination(
        _ tx: PostgresTransaction, _ destination: CalendarDestination, userId: String
    ) async throws -> CalendarDestination {
        guard destination.type == .external, let connectionId = destination.connectionId, let calendarId = destination.calendarId else {
            if destination.type != .external, destination.createMeetLink == true {
                throw StoreError.invalid([
                    .init(
                        path: "calendarDestination.createMeetLink",
                        message: "a video link needs an external destination (a Google or Microsoft 365 calendar)")
                ])
            }
            return destination.type == .external ? destination : .appOnly
        }
        guard
            let connection = try await connections(
                tx,
                """
                SELECT \(unescaped: CalendarConnectionRow.columns) FROM calendar_connections WHERE id = \(connectionId) AND user_id = \(userId)
                """
            ).first
        else {
            throw StoreError.invalid([
                .init(path: "calendarDestination.connectionId", message: "\"\(connectionId)\" is not one of your calendar connections")
            ])
        }
        if let provider = destination.provider, provider != connection.provider.rawValue {
            throw StoreError.invalid([
                .init(
                    path: "calendarDestination.provider",
                    message: "\"\(provider)\" does not match the connection's provider \(connection.provider.rawValue)")
            ])
        }
        guard let calendar = connection.calendar(id: calendarId) else {
            throw StoreError.invalid([
                .init(path: "calendarDestination.calendarId", message: "\"\(calendarId)\" is not a calendar of \(connection.email)")
            ])
        }
        guard calendar.canWrite else {
            throw StoreError.invalid([.init(path: "calendarDestination.calendarId", message: "the calendar \"\(calendar.name)\" is read-only")])
        }
        // Cal.com #6180: a Meet link only where the destination's provider can make one, and say why.
        if destination.createMeetLink == true, calendar.conference == nil {
            throw StoreError.invalid([
                .init(
                    path: "calendarDestination.createMeetLink",
                    message:
                        "the calendar \"\(calendar.name)\" cannot add video links: Google Meet needs a Google Calendar, Teams a Microsoft 365 calendar that allows it"
                )
            ])
        }
        var resolved = destination
        resolved.provider = connection.provider.rawValue
        return resolved
    }
}
