import Foundation
public import Store

/// The iMIP attachment of a booking message (RFC 6047): the booking's own iCalendar object —
/// same UID and SEQUENCE as its CalDAV object — with `METHOD:REQUEST`, or `METHOD:CANCEL`
/// once it is cancelled (RFC 5546 §3.2.2, §3.2.5).
public enum BookingInvitation {
    public static func ics(_ booking: Booking, eventTypeTitle: String, expertName: String, expertEmail: String) -> String {
        BookingCalendarEvent.message(booking, eventTypeTitle: eventTypeTitle, expertName: expertName, expertEmail: expertEmail)
    }

    /// `text/calendar; method=REQUEST; charset=utf-8` (the method parameter must match METHOD).
    public static func contentType(_ booking: Booking) -> String {
        "text/calendar; method=\(BookingCalendarEvent.method(booking)); charset=utf-8"
    }
}
