import Foundation
import PostgresNIO
import Store

/// The columns of a ``ConnectedCalendar``, with the connection it belongs to.
enum ConnectedCalendarRow {
    static let columns = """
        connection_id, external_id, name, is_primary, color, can_write, check_conflicts, time_zone, last_sync_at, last_error, conference
        """

    static func decode(_ row: PostgresRow) throws -> (connectionId: String, calendar: ConnectedCalendar) {
        let row = row.makeRandomAccess()
        let calendar = ConnectedCalendar(
            id: try row.column("external_id"), name: try row.column("name"), isPrimary: try row.column("is_primary"),
            color: try row.column("color"), canWrite: try row.column("can_write"), checkForConflicts: try row.column("check_conflicts"),
            timeZone: try row.column("time_zone"), lastSyncAt: try row.column("last_sync_at"), error: try row.column("last_error"),
            conference: try row.column("conference"))
        return (try row.column("connection_id"), calendar)
    }
}
