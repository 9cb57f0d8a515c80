/// One RDATE value (RFC 5545 §3.8.5.2).
public enum RecurrenceDate: Hashable, Sendable {
    case date(CalendarDate)
    case dateTime(DateTimeValue)
    case period(PeriodValue)
}
