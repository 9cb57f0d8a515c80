import Auth
import Foundation
import ICalendar

/// The `Schedule-Tag` of a scheduling object resource (RFC 6638 §3.2.10): it changes when the
/// event changes for its attendees, and not when only participation changes — an attendee
/// setting their PARTSTAT, or the server merging a reply into the organizer's copy.
///
/// Computed from the object's text rather than stored: everything an attendee may change
/// alone (PARTSTAT, RSVP, SCHEDULE-STATUS, alarms, transparency, timestamps, SEQUENCE) is left
/// out, the rest is hashed.
enum ScheduleTag {
    /// Nil for an object without ORGANIZER (not a scheduling object resource).
    static func of(_ calendar: Component) -> String? {
        let scheduled = calendar.components.filter { $0.property("ORGANIZER") != nil }
        guard !scheduled.isEmpty else { return nil }
        let text = scheduled.map { ICalendarSerializer.serialize(significant($0)) }.sorted().joined()
        return "\"s-\(SHA256Digest.hex(Array(text.utf8)).prefix(16))\""
    }

    static func of(_ text: String) -> String? {
        guard SchedulingEvent.mayHaveOrganizer(text), let calendar = try? ICalendarParser.parse(text, mode: .lenient).calendar else { return nil }
        return of(calendar)
    }

    /// Properties an attendee's own change may touch, left out of the tag.
    static let ignoredProperties: Set<String> = ["DTSTAMP", "LAST-MODIFIED", "CREATED", "SEQUENCE", "TRANSP", "X-MOZ-GENERATION", "X-MOZ-LASTACK"]
    static let ignoredParameters: Set<String> = ["PARTSTAT", "RSVP", "SCHEDULE-STATUS", "SCHEDULE-FORCE-SEND"]

    /// The component without what attendees may change, in a canonical order: clients
    /// rewrite objects with properties and parameters reordered.
    static func significant(_ component: Component) -> Component {
        var copy = component
        copy.properties = component.properties.compactMap { property -> Property? in
            guard !ignoredProperties.contains(property.name), !property.name.hasPrefix("X-MOZ-") else { return nil }
            var kept = property
            kept.parameters = property.parameters.filter { !ignoredParameters.contains($0.name.uppercased()) }
                .map { Parameter(name: $0.name.uppercased(), values: $0.values) }.sorted { $0.name < $1.name }
            kept.line = 0
            return kept
        }.sorted { ICalendarSerializer.contentLine($0) < ICalendarSerializer.contentLine($1) }
        copy.components = component.components.filter { $0.name != "VALARM" }.map(significant)
            .sorted { ICalendarSerializer.serialize($0) < ICalendarSerializer.serialize($1) }
        copy.line = 0
        return copy
    }
}
