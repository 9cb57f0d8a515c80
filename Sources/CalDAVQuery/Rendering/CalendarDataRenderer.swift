public import ICalendar

/// Writes the `<C:calendar-data>` of a REPORT response (RFC 4791 §9.6).
///
/// Steps, in order: expand or limit-recurrence-set, limit-freebusy-set, then partial
/// retrieval, so a `<C:comp>` selection also applies to expanded instances.
public enum CalendarDataRenderer {
    /// The most instances `<C:expand>` writes per recurrence set; later ones are left out.
    /// A minutely rule expanded over a year would otherwise be half a million components
    /// (RFC 4791 §5.2.8 lets servers bound instances).
    public static let maximumExpandedInstances = 5_000

    /// The text for one object. When the request changes nothing (no request, or an empty
    /// `<C:calendar-data/>`) `storedText` is returned as it is, unparsed; otherwise `calendar`
    /// is used, or `storedText` is parsed leniently when the caller has no parsed copy.
    public static func render(
        storedText: String, calendar: Component? = nil, request: CalendarDataRequest?, floatingZone: ZoneRules = .utc
    ) -> String {
        guard let request, !request.returnsStoredText else { return storedText }
        guard let calendar = calendar ?? (try? ICalendarParser.parse(storedText, mode: .lenient))?.calendar else { return storedText }
        return ICalendarSerializer.serialize(apply(request, to: calendar, floatingZone: floatingZone))
    }

    /// ``render(storedText:calendar:request:floatingZone:)``, counting the instances
    /// `<C:expand>` writes against the answer's `budget`.
    public static func render(
        storedText: String, calendar: Component?, request: CalendarDataRequest?, floatingZone: ZoneRules = .utc, budget: ExpansionBudget
    ) throws(CalDAVQueryError) -> String {
        guard let request, !request.returnsStoredText else { return storedText }
        guard let calendar = calendar ?? (try? ICalendarParser.parse(storedText, mode: .lenient))?.calendar else { return storedText }
        let shaped = apply(request, to: calendar, floatingZone: floatingZone)
        if request.expand != nil { try budget.spend(shaped.components.count) }
        return ICalendarSerializer.serialize(shaped)
    }

    /// The text for a parsed object, always serialized.
    public static func render(_ calendar: Component, request: CalendarDataRequest?, floatingZone: ZoneRules = .utc) -> String {
        guard let request else { return ICalendarSerializer.serialize(calendar) }
        return ICalendarSerializer.serialize(apply(request, to: calendar, floatingZone: floatingZone))
    }

    /// The object as the request shapes it.
    public static func apply(_ request: CalendarDataRequest, to calendar: Component, floatingZone: ZoneRules = .utc) -> Component {
        var result = calendar
        if let window = request.expand {
            result = ObjectTimeline(calendar: result, floatingZone: floatingZone).expanded(over: window, limit: maximumExpandedInstances)
        } else if let window = request.limitRecurrenceSet {
            result = ObjectTimeline(calendar: result, floatingZone: floatingZone).limitingRecurrenceSet(to: window)
        }
        if let window = request.limitFreeBusySet {
            result = ObjectTimeline(calendar: result, floatingZone: floatingZone).limitingFreeBusy(to: window)
        }
        if let selection = request.component {
            result = selection.apply(to: result)
        }
        return result
    }
}
