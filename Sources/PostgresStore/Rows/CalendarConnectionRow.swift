import Foundation
import PostgresNIO
import Store

/// The columns of a ``CalendarConnection`` (its calendars come from ``ConnectedCalendarRow``),
/// without the sealed secrets, which only their own queries read.
enum CalendarConnectionRow {
    static let columns = """
        id, user_id, provider, email, server_url, is_active, status, last_sync_at, last_attempt_at, next_attempt_at, \
        consecutive_failures, last_error_code, last_error_message, last_error_at, created_at, updated_at
        """

    /// The id a row selecting ``columns`` belongs to, to gather its calendars first.
    static func id(_ row: PostgresRow) throws -> String { try row.column("id") }

    /// nil for a provider or status this build does not know (skipped, as the SQLite store does).
    static func decode(_ row: PostgresRow, calendars: [ConnectedCalendar]) throws -> CalendarConnection? {
        let row = row.makeRandomAccess()
        guard let provider = CalendarProviderKind(rawValue: try row.column("provider")),
            let status = ConnectionStatus(rawValue: try row.column("status"))
        else { return nil }
        var problem: ConnectionProblem?
        if let code: String = try row.column("last_error_code") {
            let message: String? = try row.column("last_error_message")
            let at: Date? = try row.column("last_error_at")
            problem = ConnectionProblem(code: code, message: message ?? "", at: at ?? Date())
        }
        return CalendarConnection(
            id: try row.column("id"), userId: try row.column("user_id"), provider: provider, email: try row.column("email"),
            serverURL: try row.column("server_url"), calendars: calendars, isActive: try row.column("is_active"), status: status,
            lastSyncAt: try row.column("last_sync_at"), lastAttemptAt: try row.column("last_attempt_at"),
            nextAttemptAt: try row.column("next_attempt_at"), consecutiveFailures: try row.column("consecutive_failures"),
            lastError: problem, createdAt: try row.column("created_at"), updatedAt: try row.column("updated_at"))
    }
}
