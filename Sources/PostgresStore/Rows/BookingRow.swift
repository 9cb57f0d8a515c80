import Foundation
import PostgresNIO
import Store

/// The columns of a ``Booking`` and how a row of them is read, for every query that returns
/// bookings.
///
/// `management_token_hash`, `management_token_sealed` and `idempotency_key` are not among them:
/// the booking flow writes and reads those with its own SQL, so nothing that writes a
/// ``Booking`` can wipe them.
enum BookingRow {
    /// The select list, each column qualified by `table`.
    static func columns(_ table: String = "bookings") -> String {
        let t = table
        return """
            \(t).id, \(t).uid, \(t).user_id, \(t).event_type_id, \(t).schedule_id, \(t).start_at, \(t).end_at, \(t).status, \
            \(t).attendee_name, \(t).attendee_email, \(t).attendee_time_zone, \(t).location, \(t).notes, \(t).sequence, \
            \(t).cancellation_reason, \(t).created_at, \(t).updated_at
            """
    }

    /// The table's CHECK admits only the two statuses, so another one means a damaged row.
    struct UnknownStatus: Error, CustomStringConvertible {
        let bookingId: String
        let status: String
        var description: String { "booking \(bookingId) has unknown status \"\(status)\"" }
    }

    static func decode(_ row: PostgresRow) throws -> Booking {
        let row = row.makeRandomAccess()
        let id: String = try row.column("id")
        let statusText: String = try row.column("status")
        guard let status = Booking.Status(rawValue: statusText) else { throw UnknownStatus(bookingId: id, status: statusText) }
        return Booking(
            id: id, uid: try row.column("uid"), userId: try row.column("user_id"), eventTypeId: try row.column("event_type_id"),
            scheduleId: try row.column("schedule_id"), start: try row.column("start_at"), end: try row.column("end_at"), status: status,
            attendee: Booking.Attendee(
                name: try row.column("attendee_name"), email: try row.column("attendee_email"), timeZone: try row.column("attendee_time_zone")),
            location: try row.column("location"), notes: try row.column("notes"), sequence: try row.column("sequence"),
            createdAt: try row.column("created_at"), updatedAt: try row.column("updated_at"),
            cancellationReason: try row.column("cancellation_reason"))
    }

    /// Inserts `booking` as given (the booking flow's own columns stay NULL).
    /// Inserts the booking with what a booking request adds (the booker's token, hashed and
    /// sealed, and the idempotency key), in one statement.
    static func insert(_ tx: PostgresTransaction, _ booking: Booking, request: BookingRequest? = nil) async throws {
        try await tx.execute(
            """
            INSERT INTO bookings
              (id, uid, user_id, event_type_id, schedule_id, start_at, end_at, status, attendee_name, attendee_email,
               attendee_time_zone, location, notes, sequence, cancellation_reason, created_at, updated_at,
               management_token_hash, idempotency_key, management_token_sealed)
            VALUES (\(booking.id), \(booking.uid), \(booking.userId), \(booking.eventTypeId), \(booking.scheduleId), \(booking.start),
              \(booking.end), \(booking.status.rawValue), \(booking.attendee.name), \(booking.attendee.email), \(booking.attendee.timeZone),
              \(booking.location), \(booking.notes), \(booking.sequence), \(booking.cancellationReason), \(booking.createdAt),
              \(booking.updatedAt), \(request?.managementTokenHash), \(request?.idempotencyKey), \(request?.sealedManagementToken))
            """)
    }
}
