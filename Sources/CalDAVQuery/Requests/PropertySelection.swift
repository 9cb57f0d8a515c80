public import DAVXML

/// Which WebDAV properties a calendaring REPORT asks for (RFC 4791 §7.8, §9.5, §9.10): the same
/// choice PROPFIND offers (RFC 4918 §9.1).
public enum PropertySelection: Hashable, Sendable {
    /// `<D:allprop/>`, or no choice at all (PROPFIND reads an empty body the same way).
    case all
    /// `<D:propname/>`.
    case names
    /// `<D:prop>`: these names in request order. `<C:calendar-data>` is listed as
    /// `XMLName.CalDAV.calendarData`; what it asks for is in the report's `calendarData`.
    case properties([XMLName])

    /// Reads the first `DAV:allprop`, `DAV:propname` or `DAV:prop` child of a report element,
    /// and the `<C:calendar-data>` inside `DAV:prop` if there is one.
    static func read(from report: XMLElement) throws(CalDAVQueryError) -> (PropertySelection, CalendarDataRequest?) {
        for child in report.elements {
            switch child.name {
            case XMLName.DAV.allprop:
                return (.all, nil)
            case XMLName.DAV.propname:
                return (.names, nil)
            case XMLName.DAV.prop:
                var names: [XMLName] = []
                var calendarData: CalendarDataRequest?
                for property in child.elements {
                    names.append(property.name)
                    if property.name == XMLName.CalDAV.calendarData {
                        guard calendarData == nil else { throw .badRequest("calendar-data is asked for twice") }
                        calendarData = try CalendarDataRequest(element: property)
                    }
                }
                return (.properties(names), calendarData)
            default:
                continue
            }
        }
        return (.all, nil)
    }
}
