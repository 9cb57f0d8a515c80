import Foundation
import HTTPTypes
import SQLiteStore
import Store
import Testing

/// Schedules, event types and bookings for the event-type and booking API tests, made through
/// the API where it can and through the store where no endpoint exists yet (bookings).
enum EventTypeAPIFixtures {
    static let remoteLocation = #"{"type": "remote", "videoProvider": "zoom"}"#
    static let clinicLocation = """
        {"type": "inPerson", "address": {"street": "Av. Paulista, 1000", "city": "São Paulo", "state": "SP",
         "postalCode": "01310-100", "country": "Brazil"}}
        """
    static let remoteWork = """
        {"name": "Remote Work", "timezone": "America/Sao_Paulo",
         "availability": [{"day": "monday", "slots": [{"startTime": "09:00", "endTime": "17:00"}]}],
         "location": \(remoteLocation)}
        """
    static let clinic = """
        {"name": "Clinic", "timezone": "America/Sao_Paulo",
         "availability": [{"day": "tuesday", "slots": [{"startTime": "14:00", "endTime": "18:00"}]}],
         "location": \(clinicLocation)}
        """

    /// Creates a schedule through the API and returns its id.
    static func schedule(_ api: APIClient, _ json: String, as user: String = "alice") async throws -> String {
        let answer = try await api.post("/api/availability/schedules", json, as: user)
        #expect(answer.status == .created)
        return try #require(answer.object["id"] as? String)
    }

    /// Creates an event type through the API and returns its JSON.
    static func eventType(_ api: APIClient, _ json: String, as user: String = "alice") async throws -> [String: Any] {
        let answer = try await api.post("/api/event-types", json, as: user)
        #expect(answer.status == .created, "\(answer.text)")
        return answer.object
    }

    /// Records a booking of the event type `eventType` (its API JSON) straight in the store.
    @discardableResult
    static func book(
        _ store: SQLiteDatabase, _ eventType: [String: Any], _ start: String, minutes: Int = 50, status: Booking.Status = .confirmed,
        notes: String? = nil
    ) async throws -> Booking {
        let begin = try #require(ISO8601DateFormatter().date(from: start))
        let stamp = try #require(ISO8601DateFormatter().date(from: "2025-11-01T12:00:00Z"))
        let booking = Booking(
            id: UUID().uuidString.lowercased(), uid: "\(UUID().uuidString)@horario", userId: try #require(eventType["userId"] as? String),
            eventTypeId: try #require(eventType["id"] as? String), scheduleId: try #require(eventType["scheduleId"] as? String), start: begin,
            end: begin.addingTimeInterval(Double(minutes * 60)), status: status,
            attendee: .init(name: "Carla Souza", email: "carla@example.org", timeZone: "America/Sao_Paulo"), location: "Video call (zoom)",
            notes: notes, sequence: 0, createdAt: stamp, updatedAt: stamp)
        try await store.recordBooking(booking)
        return booking
    }

    /// JSON text with sorted keys, to compare a decoded value with an expected literal exactly.
    static func canonical(_ value: Any?) -> String {
        guard let value, let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else {
            return "null"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `canonical` of a JSON literal.
    static func canonical(json: String) -> String {
        canonical(try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]))
    }
}
