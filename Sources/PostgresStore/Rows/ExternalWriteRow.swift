import Foundation
import PostgresNIO
import Store

/// The columns of an ``ExternalWrite`` (a booking's write to an external calendar).
enum ExternalWriteRow {
    static let columns = """
        booking_id, connection_id, calendar_id, provider, href, etag, state, attempts, last_error, next_attempt_at, updated_at, conference_url
        """

    /// nil for a provider or state this build does not know (skipped, as the SQLite store does).
    static func decode(_ row: PostgresRow) throws -> ExternalWrite? {
        let row = row.makeRandomAccess()
        guard let provider = CalendarProviderKind(rawValue: try row.column("provider")),
            let state = ExternalWrite.State(rawValue: try row.column("state"))
        else { return nil }
        return ExternalWrite(
            bookingId: try row.column("booking_id"), connectionId: try row.column("connection_id"), calendarId: try row.column("calendar_id"),
            provider: provider, href: try row.column("href"), etag: try row.column("etag"), state: state, attempts: try row.column("attempts"),
            lastError: try row.column("last_error"), nextAttemptAt: try row.column("next_attempt_at"), updatedAt: try row.column("updated_at"),
            conferenceURL: try row.column("conference_url"))
    }
}
