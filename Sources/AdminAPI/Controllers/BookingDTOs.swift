import Foundation
import Store

/// A booking as the API shows it: every field, `notes` as `null` when there are none, times in
/// RFC 3339 UTC (the attendee's zone is there to show them locally).
struct BookingResponse: Encodable, Sendable {
    var booking: Booking

    enum Keys: String, CodingKey {
        case id, uid, userId, eventTypeId, scheduleId, start, end, status, attendee, location, notes, sequence, cancellationReason, createdAt
        case updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(booking.id, forKey: .id)
        try container.encode(booking.uid, forKey: .uid)
        try container.encode(booking.userId, forKey: .userId)
        try container.encode(booking.eventTypeId, forKey: .eventTypeId)
        try container.encode(booking.scheduleId, forKey: .scheduleId)
        try container.encode(booking.start, forKey: .start)
        try container.encode(booking.end, forKey: .end)
        try container.encode(booking.status, forKey: .status)
        try container.encode(booking.attendee, forKey: .attendee)
        try container.encode(booking.location, forKey: .location)
        try container.encode(booking.notes, forKey: .notes)
        try container.encode(booking.sequence, forKey: .sequence)
        try container.encode(booking.cancellationReason, forKey: .cancellationReason)
        try container.encode(booking.createdAt, forKey: .createdAt)
        try container.encode(booking.updatedAt, forKey: .updatedAt)
    }
}

/// `POST /api/bookings/:id/cancel`.
struct CancelBookingRequest: Decodable, Sendable {
    var reason: String?
}

/// `POST /api/bookings/:id/reschedule`: RFC 3339 instants; without `end` the length is kept.
struct RescheduleBookingRequest: Decodable, Sendable {
    var start: String
    var end: String?
}
