import Availability
import Foundation
import PostgresNIO
import Store

// MARK: - Calendar destination

extension PostgresDatabase {
    /// The destination to store (``DestinationRules``), with the owner's connection it names.
    static func resolveDestination(
        _ tx: PostgresTransaction, _ destination: CalendarDestination, userId: String
    ) async throws -> CalendarDestination {
        var connection: CalendarConnection?
        if let reference = try DestinationRules.reference(destination) {
            connection = try await connections(
                tx,
                """
                SELECT \(unescaped: CalendarConnectionRow.columns) FROM calendar_connections
                WHERE id = \(reference.connectionId) AND user_id = \(userId)
                """
            ).first
        }
        return try DestinationRules.resolved(destination, connection: connection)
    }
}
