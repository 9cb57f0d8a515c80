import CalDAVQuery
import ICalendar

extension CompFilter {
    /// The one component type the filter can match (`VEVENT`…), so other objects are skipped
    /// without parsing; nil when it may match several.
    var componentType: String? {
        let children = compFilters.filter { !$0.isNotDefined }
        guard children.count == 1, compFilters.count == 1 else { return nil }
        return children[0].name.uppercased()
    }

    /// The window the stored first-start/last-end index can narrow by: the time range of the
    /// single component filter (an alarm range is not used: alarms may fire before events).
    var indexWindow: Range<Instant>? {
        guard componentType != nil, let range = compFilters[0].timeRange else { return nil }
        let start = range.start ?? Instant(secondsSince1970: -62_135_596_800)
        let end = range.end ?? Instant(secondsSince1970: 253_402_300_799)
        return start < end ? start..<end : nil
    }
}
