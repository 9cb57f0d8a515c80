import Foundation
import GRDB
import Store

/// A row of `bookings`, limited to the columns of ``Booking``.
///
/// `management_token_hash` and `idempotency_key` are written by the booking flow's own SQL
/// (`SQLiteDatabase+BookingFlow.swift`): inserts through this record leave them NULL and nothing
/// here updates a row, so no write through this record can wipe them.
struct BookingRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "bookings"

    var id: String
    var uid: String
    var userId: String
    var eventTypeId: String
    var scheduleId: String
    var startAt: Date
    var endAt: Date
    var status: String
    var attendeeName: String
    var attendeeEmail: String
    var attendeeTimeZone: String
    var location: String
    var notes: String?
    var sequence: Int
    var cancellationReason: String?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, uid, status, location, notes, sequence
        case userId = "user_id"
        case eventTypeId = "event_type_id"
        case scheduleId = "schedule_id"
        case startAt = "start_at"
        case endAt = "end_at"
        case attendeeName = "attendee_name"
        case attendeeEmail = "attendee_email"
        case attendeeTimeZone = "attendee_time_zone"
        case cancellationReason = "cancellation_reason"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let id = Column("id")
        static let userId = Column("user_id")
        static let eventTypeId = Column("event_type_id")
        static let scheduleId = Column("schedule_id")
        static let startAt = Column("start_at")
        static let endAt = Column("end_at")
        static let status = Column("status")
    }

    init(_ booking: Booking) {
        id = booking.id
        uid = booking.uid
        userId = booking.userId
        eventTypeId = booking.eventTypeId
        scheduleId = booking.scheduleId
        startAt = booking.start
        endAt = booking.end
        status = booking.status.rawValue
        attendeeName = booking.attendee.name
        attendeeEmail = booking.attendee.email
        attendeeTimeZone = booking.attendee.timeZone
        location = booking.location
        notes = booking.notes
        sequence = booking.sequence
        cancellationReason = booking.cancellationReason
        createdAt = booking.createdAt
        updatedAt = booking.updatedAt
    }

    func booking() throws -> Booking {
        // The table's CHECK admits only these two, so an unknown status means a corrupt file.
        guard let status = Booking.Status(rawValue: status) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "booking \(id) has unknown status \"\(self.status)\"")
        }
        return Booking(
            id: id, uid: uid, userId: userId, eventTypeId: eventTypeId, scheduleId: scheduleId, start: startAt, end: endAt, status: status,
            attendee: Booking.Attendee(name: attendeeName, email: attendeeEmail, timeZone: attendeeTimeZone), location: location, notes: notes,
            sequence: sequence, createdAt: createdAt, updatedAt: updatedAt, cancellationReason: cancellationReason)
    }
}

extension BookingRecord {
    /// Columns read by name, dates from their stored text (``StoredDateText``): a calendar month
    /// reads hundreds of bookings, and `Codable`'s date decoding cost more than the query.
    init(row: Row) throws {
        func date(_ column: String) -> Date {
            let text: String = row[column]
            return text.utf8.withContiguousStorageIfAvailable(StoredDateText.date).flatMap { $0 } ?? row[column]
        }
        id = row[CodingKeys.id.rawValue]
        uid = row[CodingKeys.uid.rawValue]
        userId = row[CodingKeys.userId.rawValue]
        eventTypeId = row[CodingKeys.eventTypeId.rawValue]
        scheduleId = row[CodingKeys.scheduleId.rawValue]
        startAt = date(CodingKeys.startAt.rawValue)
        endAt = date(CodingKeys.endAt.rawValue)
        status = row[CodingKeys.status.rawValue]
        attendeeName = row[CodingKeys.attendeeName.rawValue]
        attendeeEmail = row[CodingKeys.attendeeEmail.rawValue]
        attendeeTimeZone = row[CodingKeys.attendeeTimeZone.rawValue]
        location = row[CodingKeys.location.rawValue]
        notes = row[CodingKeys.notes.rawValue]
        sequence = row[CodingKeys.sequence.rawValue]
        cancellationReason = row[CodingKeys.cancellationReason.rawValue]
        createdAt = date(CodingKeys.createdAt.rawValue)
        updatedAt = date(CodingKeys.updatedAt.rawValue)
    }
}
