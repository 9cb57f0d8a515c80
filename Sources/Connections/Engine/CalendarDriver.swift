import Foundation
import ICalendar
public import Store

/// A booking as an event to write into an external calendar.
public struct BookingEvent: Sendable {
    public var booking: Booking
    public var title: String
    public var expertName: String
    public var expertEmail: String
    /// The booking's iCalendar object as Horario's own CalDAV calendar holds it.
    public var ics: String
    /// The event type asks the provider for a video link (Meet, Teams).
    public var wantsConference: Bool
}

/// What a write left in the external calendar.
public struct WrittenEvent: Sendable {
    public var href: String
    public var etag: String?
    /// The provider's video link, when one was asked for and made.
    public var conferenceURL: String?
}

/// One provider as the engine uses it (CONNECTIONS.md decision 1). Each call gets what it
/// authenticates with; refreshing OAuth tokens is the engine's job, so drivers stay simple.
protocol CalendarDriver: Sendable {
    /// The account's calendars, each with its change tag where the provider has one.
    func listCalendars(_ connection: CalendarConnection, auth: ConnectionCredentials) async throws(ProviderError) -> [CalDAVDriver.ListedCalendar]

    /// Busy time of `calendars` in `window`, by calendar id. A calendar that cannot be read
    /// fails the whole call: never read as free.
    func busy(
        _ connection: CalendarConnection, calendars: [(calendar: ConnectedCalendar, floatingZone: ZoneRules)], window: DateInterval,
        auth: ConnectionCredentials, timeout: TimeInterval?
    ) async throws(ProviderError) -> [String: [ExternalBusy]]

    /// Creates or replaces the booking's event in `calendarId`; retries never make a second one.
    func write(
        _ event: BookingEvent, calendarId: String, existing: ExternalWrite, auth: ConnectionCredentials
    ) async throws(ProviderError)
        -> WrittenEvent

    /// Deletes the booking's event; one already gone counts as deleted.
    func delete(_ event: BookingEvent, calendarId: String, existing: ExternalWrite, auth: ConnectionCredentials) async throws(ProviderError)
}
