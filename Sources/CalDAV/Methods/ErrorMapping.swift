import Availability
import DAVXML
import HTTPTypes
import Store
import WebDAV

/// Horario's own precondition names, where no RFC has one.
enum HorarioCondition {
    static let namespace = DAVError.messageNamespace
    /// A rescheduled booking would overlap another booking of the expert.
    static let noBookingOverlap = XMLName(namespace, "no-booking-overlap")
    /// The calendar shows a schedule's bookings; clients cannot add objects to it.
    static let bookingCalendar = XMLName(namespace, "booking-calendar")
}

extension DAVError {
    /// The DAV answer for a store refusal; other errors pass through (a 500 in the middleware).
    static func from(_ error: any Error, href: String? = nil) -> any Error {
        switch error {
        case let error as DAVError: return error
        case let error as StoreError:
            switch error {
            case .notFound(let what): return DAVError(.conflict, "\(what) not found (a parent collection is missing)")
            case .conflict(let message): return DAVError(.conflict, message)
            case .invalid(let issues): return DAVError(.forbidden, issues.map(\.description).joined(separator: "; "))
            case .busy(let message): return DAVError(.serviceUnavailable, message, headers: [.retryAfter: "1"])
            }
        case let error as DAVStoreError:
            switch error {
            case .preconditionFailed: return DAVError(.preconditionFailed, "The resource's current entity tag does not match the request's condition")
            case .uidConflict(let existing):
                return DAVError(
                    .conflict, condition: XMLName.CalDAV.noUidConflict, "Another object of this calendar (\(existing)) already has this UID")
            case .uidChanged:
                return DAVError(.conflict, condition: XMLName.CalDAV.noUidConflict, "An object's UID cannot change; delete it and create a new one")
            case .bookingOverlap(let message): return DAVError(.conflict, condition: HorarioCondition.noBookingOverlap, message)
            case .invalidSyncToken:
                return DAVError(.forbidden, condition: XMLName.DAV.validSyncToken, "The sync token is not valid for this collection")
            }
        default: return error
        }
    }
}

/// Runs `body`, turning store errors into DAV errors.
func mappingStoreErrors<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw DAVError.from(error) }
}
