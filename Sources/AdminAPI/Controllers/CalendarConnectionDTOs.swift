import BookingFlow
import Foundation
import Store

/// A connection as the API shows it (the spec's `CalendarConnection` and CONNECTIONS.md §3.5):
/// never its secrets.
struct CalendarConnectionResponse: Encodable, Sendable {
    struct Calendar: Encodable, Sendable {
        var id: String
        var name: String
        var isPrimary: Bool
        var color: String?
        var canWrite: Bool
        var checkForConflicts: Bool
        var lastSyncAt: Date?
        var error: String?
    }

    var id: String
    var userId: String
    var provider: String
    var email: String
    var calendars: [Calendar]
    var isActive: Bool
    var status: String
    var lastSyncAt: Date?
    var lastAttemptAt: Date?
    var nextRetryAt: Date?
    var lastError: ConnectionProblem?
    var createdAt: Date
    var updatedAt: Date

    init(_ connection: CalendarConnection, now: Date, policy: ExternalBusyPolicy = .standard) {
        id = connection.id
        userId = connection.userId
        provider = connection.provider.rawValue
        email = connection.email
        calendars = connection.calendars.map {
            Calendar(
                id: $0.id, name: $0.name, isPrimary: $0.isPrimary, color: $0.color, canWrite: $0.canWrite, checkForConflicts: $0.checkForConflicts,
                lastSyncAt: $0.lastSyncAt, error: $0.error)
        }
        isActive = connection.isActive
        status = policy.displayedStatus(connection.status, lastSyncAt: connection.lastSyncAt, now: now).rawValue
        lastSyncAt = connection.lastSyncAt
        lastAttemptAt = connection.lastAttemptAt
        nextRetryAt = connection.status == .ok ? nil : connection.nextAttemptAt
        lastError = connection.lastError
        createdAt = connection.createdAt
        updatedAt = connection.updatedAt
    }
}

/// `POST /api/availability/calendars/connect/{apple|caldav}`.
struct ConnectCalDAVRequest: Decodable {
    var url: String?
    var username: String
    var password: String
}

/// `PATCH /api/availability/calendars/{id}`.
struct UpdateCalendarConnectionRequest: Decodable {
    struct CalendarChoice: Decodable {
        var id: String
        var checkForConflicts: Bool
    }

    var isActive: Bool?
    var calendars: [CalendarChoice]?
}

/// `GET /api/availability/calendars/connect/{provider}` for OAuth providers.
struct AuthorizationStart: Encodable, Sendable {
    var authUrl: String
}
