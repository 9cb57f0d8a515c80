import Foundation
import ICalendar
import Store

/// CalDAV as one of the engine's drivers: password credentials, the connection's server
/// address as the calendar home (or the one calendar it was made from).
extension CalDAVDriver: CalendarDriver {
    func account(_ auth: ConnectionCredentials) throws(ProviderError) -> Account {
        guard case .password(let account) = auth else { throw .unauthorized("the connection holds no CalDAV password; connect it again") }
        return account
    }

    func listCalendars(_ connection: CalendarConnection, auth: ConnectionCredentials) async throws(ProviderError) -> [ListedCalendar] {
        guard let home = connection.serverURL.flatMap(URL.init(string:)) else {
            throw .badResponse("the connection has no server address; connect it again")
        }
        // A connection made from one calendar's address lists that calendar itself (Depth 0), not its events.
        let isSingleCalendar = connection.calendars.count == 1 && connection.calendars[0].id == home.absoluteString
        return try await listCalendars(home: home, account: account(auth), depth: isSingleCalendar ? "0" : "1")
    }

    func busy(
        _ connection: CalendarConnection, calendars: [(calendar: ConnectedCalendar, floatingZone: ZoneRules)], window: DateInterval,
        auth: ConnectionCredentials, timeout: TimeInterval?
    ) async throws(ProviderError) -> [String: [ExternalBusy]] {
        let account = try account(auth)
        do {
            return try await withThrowingTaskGroup(of: (String, [ExternalBusy]).self) { group in
                for (calendar, zone) in calendars {
                    guard let url = URL(string: calendar.id) else { continue }
                    let reader = ExternalEventBusy(
                        window: Instant(window.start)..<Instant(window.end), floatingZone: zone, ownAddresses: [connection.email, account.username])
                    group.addTask {
                        (
                            calendar.id,
                            try await self.busy(
                                calendar: url, account: account, window: window, reader: reader, connectionId: connection.id, timeout: timeout)
                        )
                    }
                }
                var result: [String: [ExternalBusy]] = [:]
                for try await (id, busy) in group { result[id] = busy }
                return result
            }
        } catch let error as ProviderError {
            throw error
        } catch {
            throw .unreachable("\(error)")
        }
    }

    func write(
        _ event: BookingEvent, calendarId: String, existing: ExternalWrite, auth: ConnectionCredentials
    ) async throws(ProviderError)
        -> WrittenEvent
    {
        guard let calendar = URL(string: calendarId) else { throw .badResponse("the calendar's address is invalid") }
        let (href, etag) = try await put(
            calendar: calendar, uid: event.booking.uid, ics: event.ics, knownHref: existing.href, etag: existing.etag, account: account(auth))
        return WrittenEvent(href: href, etag: etag, conferenceURL: nil)
    }

    func delete(_ event: BookingEvent, calendarId: String, existing: ExternalWrite, auth: ConnectionCredentials) async throws(ProviderError) {
        guard let calendar = URL(string: calendarId) else { return }
        let href = existing.href ?? Self.objectURL(calendar: calendar, uid: event.booking.uid).absoluteString
        try await delete(href: href, etag: existing.etag, account: account(auth))
    }
}
