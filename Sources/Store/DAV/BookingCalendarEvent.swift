import Foundation
import ICalendar

/// A booking as the calendar object its schedule's calendar shows (RFC 4791 §4.1): one
/// VCALENDAR with one VEVENT whose UID is the booking's, so clients that sync the calendar see
/// every booking, its reschedules (SEQUENCE) and its cancellation (STATUS).
public enum BookingCalendarEvent {
    /// The object's last URL segment: `<uid>.ics`.
    public static func objectName(for booking: Booking) -> String { booking.uid + ".ics" }

    /// The iCalendar text (RFC 5545): CRLF lines folded at 75 octets, TEXT values escaped,
    /// times in UTC.
    ///
    /// - Parameters:
    ///   - eventTypeTitle: the title of the booked event type, first half of SUMMARY.
    ///   - expertName: the organizer's display name (`CN`).
    ///   - expertEmail: the organizer's address (`mailto:`).
    public static func render(_ booking: Booking, eventTypeTitle: String, expertName: String, expertEmail: String) -> String {
        ICalendarSerializer.serialize(calendar(booking, eventTypeTitle: eventTypeTitle, expertName: expertName, expertEmail: expertEmail))
    }

    /// The iTIP message of the booking's latest change (RFC 5546 §3.2.2, §3.2.5): the object
    /// with `METHOD:REQUEST`, or `METHOD:CANCEL` once the booking is cancelled. E-mail (iMIP)
    /// and the inbox of a booker who is a user here carry the same text.
    public static func message(_ booking: Booking, eventTypeTitle: String, expertName: String, expertEmail: String) -> String {
        let object = render(booking, eventTypeTitle: eventTypeTitle, expertName: expertName, expertEmail: expertEmail)
        return object.replacingOccurrences(
            of: "BEGIN:VCALENDAR\r\n", with: "BEGIN:VCALENDAR\r\nMETHOD:\(method(booking))\r\n", options: .anchored)
    }

    /// `REQUEST`, or `CANCEL` for a cancelled booking.
    public static func method(_ booking: Booking) -> String { booking.status == .cancelled ? "CANCEL" : "REQUEST" }

    /// One VCALENDAR of many bookings, for clients that subscribe to a feed instead of syncing
    /// CalDAV (RFC 5545 §3.6: one VEVENT per booking, each as its CalDAV object has it).
    ///
    /// - Parameters:
    ///   - name: the feed's name (`X-WR-CALNAME`, which subscribing clients show).
    ///   - titles: event type titles by event type id.
    public static func feed(_ bookings: [Booking], name: String, titles: [String: String], expertName: String, expertEmail: String) -> String {
        let events = bookings.flatMap {
            calendar($0, eventTypeTitle: titles[$0.eventTypeId] ?? "", expertName: expertName, expertEmail: expertEmail).components
        }
        let properties = [
            Property(name: "VERSION", value: "2.0"), Property(name: "PRODID", value: "-//Horario//Horario//EN"), .text("X-WR-CALNAME", name),
        ]
        return ICalendarSerializer.serialize(Component(name: "VCALENDAR", properties: properties, components: events))
    }

    /// The VCALENDAR component ``render(_:eventTypeTitle:expertName:expertEmail:)`` writes.
    static func calendar(_ booking: Booking, eventTypeTitle: String, expertName: String, expertEmail: String) -> Component {
        var event: [Property] = [
            .text("UID", booking.uid),
            utc("DTSTAMP", booking.updatedAt),
            utc("DTSTART", booking.start),
            utc("DTEND", booking.end),
            .text("SUMMARY", "\(eventTypeTitle): \(booking.attendee.name)"),
        ]
        if !booking.location.isEmpty { event.append(.text("LOCATION", booking.location)) }
        if let notes = booking.notes, !notes.isEmpty { event.append(.text("DESCRIPTION", notes)) }
        event += [
            Property(name: "ORGANIZER", parameters: [Parameter(name: "CN", value: expertName)], value: "mailto:" + expertEmail),
            Property(
                name: "ATTENDEE",
                parameters: [
                    Parameter(name: "CN", value: booking.attendee.name), Parameter(name: "PARTSTAT", value: "ACCEPTED"),
                    Parameter(name: "ROLE", value: "REQ-PARTICIPANT"),
                ], value: "mailto:" + booking.attendee.email),
            Property(name: "STATUS", value: booking.status == .confirmed ? "CONFIRMED" : "CANCELLED"),
            Property(name: "SEQUENCE", value: String(booking.sequence)),
            utc("CREATED", booking.createdAt),
            utc("LAST-MODIFIED", booking.updatedAt),
        ]
        return Component(
            name: "VCALENDAR",
            properties: [Property(name: "VERSION", value: "2.0"), Property(name: "PRODID", value: "-//Horario//Horario//EN")],
            components: [Component(name: "VEVENT", properties: event)])
    }

    /// A DATE-TIME in UTC form (`20251117T120000Z`), whole seconds.
    static func utc(_ name: String, _ date: Date) -> Property {
        Property(name: name, value: Instant(date).icalString)
    }
}
