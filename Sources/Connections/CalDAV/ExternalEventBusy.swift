import CalDAVQuery
import Foundation
public import ICalendar
public import Store

/// Busy time of events read from someone else's server, by our own rules: opaque and not
/// cancelled (``FreeBusyCalculator``), with recurrences, overrides and EXDATEs expanded by our
/// engine, all-day and floating times in the calendar's zone, and two more rules a calendar
/// shared with others needs: the owner's own declined invitations and events Outlook marks as
/// free (`X-MICROSOFT-CDO-INTENDEDSTATUS` / `BUSYSTATUS`) are not busy (Cal.com #2134, #28686).
public struct ExternalEventBusy: Sendable {
    public var window: Range<Instant>
    public var floatingZone: ZoneRules
    /// The account's addresses, lowercased without `mailto:`: their PARTSTAT=DECLINED frees an event.
    public var ownAddresses: Set<String>

    public init(window: Range<Instant>, floatingZone: ZoneRules, ownAddresses: Set<String>) {
        self.window = window
        self.floatingZone = floatingZone
        self.ownAddresses = Set(ownAddresses.map { $0.lowercased() })
    }

    /// The busy intervals of one object's iCalendar text; unreadable text adds nothing and is counted.
    public func intervals(ofObject text: String, connectionId: String, calendarId: String) -> [ExternalBusy]? {
        guard let parsed = try? ICalendarParser.parse(text, mode: .lenient) else { return nil }
        let calendar = freeingIgnoredEvents(parsed.calendar)
        return FreeBusyCalculator(window: window, floatingZone: floatingZone).busyPeriods(in: calendar).map {
            ExternalBusy(
                connectionId: connectionId, calendarId: calendarId, start: $0.start.date, end: $0.end.date,
                kind: $0.type == .busyTentative ? .tentative : .busy)
        }
    }

    /// The calendar with declined and Outlook-free events made transparent.
    func freeingIgnoredEvents(_ calendar: Component) -> Component {
        var result = calendar
        result.components = calendar.components.map { component in
            guard component.name == "VEVENT", isFree(component) else { return component }
            var event = component
            event.properties.removeAll { $0.name == "TRANSP" }
            event.properties.append(Property(name: "TRANSP", value: "TRANSPARENT"))
            return event
        }
        return result
    }

    func isFree(_ event: Component) -> Bool {
        for property in event.properties {
            switch property.name {
            case "X-MICROSOFT-CDO-INTENDEDSTATUS", "X-MICROSOFT-CDO-BUSYSTATUS":
                if property.value.uppercased() == "FREE" { return true }
            case "ATTENDEE":
                let address = property.value.lowercased().replacingOccurrences(of: "mailto:", with: "")
                if ownAddresses.contains(address), property.parameter("PARTSTAT")?.uppercased() == "DECLINED" { return true }
            default: continue
            }
        }
        return false
    }
}
