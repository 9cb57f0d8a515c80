import Foundation
import ICalendar

/// A scheduling object resource (RFC 6638 §3.1) read for iTIP (RFC 5546): its organizer, its
/// attendees and their participation, per instance, and the messages built from it.
struct SchedulingEvent: Sendable {
    /// The whole VCALENDAR.
    var calendar: Component
    var uid: String
    var organizer: CalendarUserAddress
    /// The organizer's property as written (CN and all), for replies.
    var organizerProperty: Property

    static let eventNames: Set<String> = ["VEVENT", "VTODO"]

    /// Nil when the text is not iCalendar or has no ORGANIZER (not a scheduling object).
    init?(_ text: String) {
        guard Self.mayHaveOrganizer(text), let calendar = try? ICalendarParser.parse(text, mode: .lenient).calendar else { return nil }
        self.init(calendar: calendar)
    }

    /// A scan before any parse: most objects have no ORGANIZER, and GET and PUT ask.
    static func mayHaveOrganizer(_ text: String) -> Bool {
        text.range(of: "ORGANIZER", options: .caseInsensitive) != nil
    }

    init?(calendar: Component) {
        guard let first = calendar.components.first(where: { Self.eventNames.contains($0.name) && $0.property("ORGANIZER") != nil }),
            let uid = first.property("UID")?.value, let organizer = first.property("ORGANIZER")
        else { return nil }
        self.calendar = calendar
        self.uid = uid
        self.organizer = CalendarUserAddress(organizer.value)
        self.organizerProperty = organizer
    }

    /// The VEVENT/VTODO components (master and overrides).
    var instances: [Component] { calendar.components.filter { Self.eventNames.contains($0.name) } }

    /// Every attendee but the organizer, each once, with the property as first written.
    var attendees: [(address: CalendarUserAddress, property: Property)] {
        var seen: Set<CalendarUserAddress> = []
        var result: [(CalendarUserAddress, Property)] = []
        for instance in instances {
            for property in instance.properties(named: "ATTENDEE") {
                let address = CalendarUserAddress(property.value)
                guard address != organizer, seen.insert(address).inserted else { continue }
                result.append((address, property))
            }
        }
        return result
    }

    /// Whether the server schedules for this attendee (RFC 6638 §7.1: SCHEDULE-AGENT=SERVER,
    /// the default; CLIENT and NONE leave it to the client).
    static func serverSchedules(_ property: Property) -> Bool {
        (property.parameter("SCHEDULE-AGENT")?.uppercased() ?? "SERVER") == "SERVER"
    }

    var isCancelled: Bool {
        instances.first { $0.property("RECURRENCE-ID") == nil }?.property("STATUS")?.value.uppercased() == "CANCELLED"
    }

    /// The attendee's PARTSTAT in each instance, by RECURRENCE-ID ("" for the master).
    func participation(of address: CalendarUserAddress) -> [String: String] {
        var result: [String: String] = [:]
        for instance in instances {
            guard let attendee = instance.properties(named: "ATTENDEE").first(where: { CalendarUserAddress($0.value) == address }) else {
                continue
            }
            result[instance.property("RECURRENCE-ID")?.value ?? ""] = attendee.parameter("PARTSTAT")?.uppercased() ?? "NEEDS-ACTION"
        }
        return result
    }

    // MARK: - Messages

    /// The iTIP message to attendees: every instance with METHOD set, SCHEDULE-STATUS taken
    /// out (it is the organizer's bookkeeping); a cancellation marks each instance CANCELLED.
    func request(method: String) -> String {
        var message = withoutScheduleStatus(calendar)
        if method == "CANCEL" { message = Self.cancelled(message) }
        return Self.text(message, method: method)
    }

    /// The attendee's copy: the organizer's event as the attendee's calendar stores it.
    func attendeeCopy(cancelled: Bool = false) -> String {
        var copy = withoutScheduleStatus(calendar)
        copy.removeProperties(named: "METHOD")
        if cancelled { copy = Self.cancelled(copy) }
        return ICalendarSerializer.serialize(copy)
    }

    /// The attendee's REPLY (RFC 5546 §3.2.3): each instance with the attendee's own line only.
    /// With `declining`, every instance is DECLINED (the attendee deleted the event).
    func reply(from address: CalendarUserAddress, declining: Bool = false) -> String? {
        var replies: [Component] = []
        for instance in instances {
            guard var attendee = instance.properties(named: "ATTENDEE").first(where: { CalendarUserAddress($0.value) == address }) else {
                continue
            }
            if declining { attendee.setParameter("PARTSTAT", "DECLINED") }
            attendee.setParameter("SCHEDULE-STATUS", nil)
            attendee.setParameter("RSVP", nil)
            var reply = Component(name: instance.name)
            for name in ["UID", "RECURRENCE-ID", "DTSTART", "DTEND", "DUE", "DURATION", "SEQUENCE", "SUMMARY"] {
                if let property = instance.property(name) { reply.properties.append(property) }
            }
            reply.properties.append(Property(name: "DTSTAMP", value: Instant(Date()).icalString))
            reply.properties.append(organizerProperty)
            reply.properties.append(attendee)
            replies.append(reply)
        }
        guard !replies.isEmpty else { return nil }
        let zones = calendar.components.filter { $0.name == "VTIMEZONE" }
        return Self.text(Component(name: "VCALENDAR", properties: calendar.properties, components: zones + replies), method: "REPLY")
    }

    /// The organizer's copy with an attendee's reply merged: their PARTSTAT per instance, and
    /// SCHEDULE-STATUS 2.0 (delivered and processed). Nil when nothing changes.
    func merging(_ participation: [String: String], of address: CalendarUserAddress) -> String? {
        var merged = calendar
        var changed = false
        merged.components = calendar.components.map { component in
            guard Self.eventNames.contains(component.name) else { return component }
            let key = component.property("RECURRENCE-ID")?.value ?? ""
            guard let partstat = participation[key] ?? participation[""] else { return component }
            var updated = component
            updated.properties = component.properties.map { property in
                guard property.name == "ATTENDEE", CalendarUserAddress(property.value) == address else { return property }
                var attendee = property
                if attendee.parameter("PARTSTAT")?.uppercased() != partstat {
                    attendee.setParameter("PARTSTAT", partstat)
                    changed = true
                }
                attendee.setParameter("SCHEDULE-STATUS", "2.0")
                return attendee
            }
            return updated
        }
        return changed ? ICalendarSerializer.serialize(merged) : nil
    }

    /// The organizer's text with SCHEDULE-STATUS set on the attendees messages went to
    /// (RFC 6638 §7.3: 1.2 delivered here, 1.1 sent by e-mail, 3.7 no such user).
    func annotated(_ statuses: [CalendarUserAddress: String]) -> String {
        var annotated = calendar
        annotated.components = calendar.components.map { component in
            guard Self.eventNames.contains(component.name) else { return component }
            var updated = component
            updated.properties = component.properties.map { property in
                guard property.name == "ATTENDEE", let status = statuses[CalendarUserAddress(property.value)] else { return property }
                var attendee = property
                attendee.setParameter("SCHEDULE-STATUS", status)
                attendee.setParameter("SCHEDULE-FORCE-SEND", nil)
                return attendee
            }
            return updated
        }
        return ICalendarSerializer.serialize(annotated)
    }

    private func withoutScheduleStatus(_ calendar: Component) -> Component {
        var copy = calendar
        copy.components = calendar.components.map { component in
            guard Self.eventNames.contains(component.name) else { return component }
            var updated = component
            updated.properties = component.properties.map { property in
                guard property.name == "ATTENDEE" || property.name == "ORGANIZER" else { return property }
                var cleaned = property
                cleaned.setParameter("SCHEDULE-STATUS", nil)
                cleaned.setParameter("SCHEDULE-FORCE-SEND", nil)
                return cleaned
            }
            return updated
        }
        return copy
    }

    /// Every instance marked `STATUS:CANCELLED`.
    private static func cancelled(_ calendar: Component) -> Component {
        var copy = calendar
        copy.components = calendar.components.map { component in
            guard eventNames.contains(component.name) else { return component }
            var cancelled = component
            cancelled.setProperty(Property(name: "STATUS", value: "CANCELLED"))
            return cancelled
        }
        return copy
    }

    private static func text(_ calendar: Component, method: String) -> String {
        var message = calendar
        message.removeProperties(named: "METHOD")
        let versionIndex = message.properties.firstIndex { $0.name == "VERSION" }.map { $0 + 1 } ?? 0
        message.properties.insert(Property(name: "METHOD", value: method), at: versionIndex)
        return ICalendarSerializer.serialize(message)
    }
}
