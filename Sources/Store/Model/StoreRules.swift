package import Availability
import Foundation

/// The rules of the data that every store checks the same way before it writes (each store
/// keeps only the SQL): field problems with the API's paths, and the slugs made from names.

/// Event types: field validation and slugs.
package enum EventTypeRules {
    /// Longest slug: the booking page's URL segment stays readable.
    package static let maxSlugLength = 64

    /// Lowercase ASCII letters, digits and dashes, starting and ending with a letter or digit.
    package static func isValidSlug(_ slug: String) -> Bool {
        let bytes = Array(slug.utf8)
        func alphanumeric(_ byte: UInt8) -> Bool { (48...57).contains(byte) || (97...122).contains(byte) }
        guard let first = bytes.first, let last = bytes.last, bytes.count <= maxSlugLength else { return false }
        return alphanumeric(first) && alphanumeric(last) && bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// A slug from a title ("Consulta Inicial — João" → `consulta-inicial-joao`), short enough to
    /// take a `-NN` suffix; `event` when the title has no ASCII letters or digits at all.
    package static func slug(for title: String) -> String {
        var slug = ""
        for scalar in title.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-"), !CharacterSet.alphanumerics.contains(scalar) {
                // Spaces and punctuation separate words; accents (non-ASCII marks) vanish with their letter kept.
                slug += "-"
            }
        }
        slug = String(slug.prefix(maxSlugLength - 4)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return slug.isEmpty ? "event" : slug
    }

    /// Every field problem of an event type, with the API's paths (`duration`, `bookingWindow.days`,
    /// `locationOverride.address.city`), thrown together as `invalid`.
    package static func validate(_ eventType: EventType) throws {
        var issues: [ValidationIssue] = []
        if eventType.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(ValidationIssue(path: "title", message: "is required"))
        }
        // Empty means "make one from the title"; anything else must already be a URL segment.
        if !eventType.slug.isEmpty, !isValidSlug(eventType.slug) {
            issues.append(
                ValidationIssue(
                    path: "slug",
                    message: "\"\(eventType.slug)\" must be 1–\(maxSlugLength) lowercase letters, digits and dashes, "
                        + "starting and ending with a letter or digit"))
        }
        if let color = eventType.color, !isValidColor(color) {
            issues.append(ValidationIssue(path: "color", message: "\"\(color)\" is not a color (#RRGGBB or #RRGGBBAA)"))
        }
        if let location = eventType.locationOverride {
            issues += ScheduleValidator.locationIssues(location, path: "locationOverride")
        }
        if let reminder = eventType.reminderMinutes, !(1...43_200).contains(reminder) {
            issues.append(
                ValidationIssue(path: "reminderMinutes", message: "must be 1–43,200 minutes (30 days) before the booking, or null for none"))
        }
        let destination = eventType.calendarDestination
        if destination.type == .external {
            if destination.connectionId?.isEmpty ?? true {
                issues.append(ValidationIssue(path: "calendarDestination.connectionId", message: "an external destination names its connection"))
            }
            if destination.calendarId?.isEmpty ?? true {
                issues.append(ValidationIssue(path: "calendarDestination.calendarId", message: "an external destination names its calendar"))
            }
        }
        do {
            _ = try CompiledLimits(eventType.limits, pathPrefix: "")
        } catch {
            issues += error.issues
        }
        if !issues.isEmpty { throw StoreError.invalid(issues) }
    }

    /// `#RRGGBB` or `#RRGGBBAA`, hex digits in either case.
    package static func isValidColor(_ text: String) -> Bool {
        let digits = text.utf8.dropFirst()
        return text.utf8.first == UInt8(ascii: "#") && (digits.count == 6 || digits.count == 8)
            && digits.allSatisfy { (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) }
    }
}

/// Where an event type writes its bookings. An external destination must name a writable
/// calendar of one of the owner's connections; its provider is the connection's (filled in
/// when absent). The store looks the connection up by `connectionId` and owner in between.
package enum DestinationRules {
    /// The connection and calendar an external destination names; nil when it names none (the
    /// destination is then final as ``resolved(_:connection:)`` returns it without one).
    package static func reference(_ destination: CalendarDestination) throws -> (connectionId: String, calendarId: String)? {
        guard destination.type == .external, let connectionId = destination.connectionId, let calendarId = destination.calendarId else {
            if destination.type != .external, destination.createMeetLink == true {
                throw StoreError.invalid([
                    .init(
                        path: "calendarDestination.createMeetLink",
                        message: "a video link needs an external destination (a Google or Microsoft 365 calendar)")
                ])
            }
            return nil
        }
        return (connectionId, calendarId)
    }

    /// The destination to store, given the owner's connection that ``reference(_:)`` named (nil
    /// when the owner has none by that id), or the destination alone when it named none.
    package static func resolved(_ destination: CalendarDestination, connection: CalendarConnection?) throws -> CalendarDestination {
        guard let (connectionId, calendarId) = try reference(destination) else {
            return destination.type == .external ? destination : .appOnly
        }
        guard let connection else {
            throw StoreError.invalid([
                .init(path: "calendarDestination.connectionId", message: "\"\(connectionId)\" is not one of your calendar connections")
            ])
        }
        if let provider = destination.provider, provider != connection.provider.rawValue {
            throw StoreError.invalid([
                .init(
                    path: "calendarDestination.provider",
                    message: "\"\(provider)\" does not match the connection's provider \(connection.provider.rawValue)")
            ])
        }
        guard let calendar = connection.calendar(id: calendarId) else {
            throw StoreError.invalid([
                .init(path: "calendarDestination.calendarId", message: "\"\(calendarId)\" is not a calendar of \(connection.email)")
            ])
        }
        guard calendar.canWrite else {
            throw StoreError.invalid([.init(path: "calendarDestination.calendarId", message: "the calendar \"\(calendar.name)\" is read-only")])
        }
        // Cal.com #6180: a Meet link only where the destination's provider can make one, and say why.
        if destination.createMeetLink == true, calendar.conference == nil {
            throw StoreError.invalid([
                .init(
                    path: "calendarDestination.createMeetLink",
                    message:
                        "the calendar \"\(calendar.name)\" cannot add video links: Google Meet needs a Google Calendar, Teams a Microsoft 365 calendar that allows it"
                )
            ])
        }
        var resolved = destination
        resolved.provider = connection.provider.rawValue
        return resolved
    }
}

/// Schedules: the engine's checks plus a name.
package enum ScheduleRules {
    package static func validate(_ schedule: Schedule) throws {
        var issues = ScheduleValidator.issues(in: schedule)
        if schedule.name.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.insert(ValidationIssue(path: "name", message: "is required"), at: 0)
        }
        if !issues.isEmpty { throw StoreError.invalid(issues) }
    }
}

/// Calendars: the URL segment made from a name, and the stored list of component names.
package enum CalendarNaming {
    /// `components` holds the names comma-separated (`VEVENT,VTODO`), upper-cased.
    package static func componentsColumn(_ components: [String]) -> String {
        components.map { $0.uppercased() }.joined(separator: ",")
    }

    /// A URL segment from a display name: lower-case ASCII letters, digits and dashes.
    package static func slug(for name: String) -> String {
        var slug = ""
        for scalar in name.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "-" || scalar == "_", !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        slug = slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return slug.isEmpty ? "calendar" : slug
    }
}
