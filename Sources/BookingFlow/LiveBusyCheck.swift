public import Foundation
public import Store

/// Reads an expert's connected calendars live around a slot just before it is booked, so a
/// dentist appointment added a minute ago still stops the booking (CONNECTIONS.md §3.3).
public protocol LiveBusyChecking: Sendable {
    /// Busy time of `userId`'s active, checked calendars in `span`. A calendar that cannot be
    /// read is left to the cache when that is young enough; otherwise this throws
    /// ``ExternalCalendarUnavailable``.
    func liveBusy(userId: String, span: DateInterval, now: Date) async throws -> [ExternalBusy]
}

/// A connected calendar could not be read and its cache is too old to book on: the booking is
/// refused (503) rather than risking a double booking.
public struct ExternalCalendarUnavailable: Error, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
