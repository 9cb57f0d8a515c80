import Availability
import Foundation
import PostgresNIO
import Store

// MARK: - Calendar destination

extension PostgresDatabase {
    /// An external destination must name a writable calendar of one of the owner's
    /// connections; its provider is the connection's (filled in when absent).
    static func resolveDestination(
        _ tx: PostgresTransaction, _ destination: CalendarDestination, userId: String
    ) async throws -> CalendarDestination {
        guard destination.type == .external, let connectionId = destination.connectionId, let calendarId = destination.calendarId else {
            if destination.type != .external, destination.createMeetLink == true {
                throw StoreError.invalid([
                    .init(
                        path: "calendarDestination.createMeetLink",
                        message: "a video link needs an external destination (a Google or Microsoft 365 calendar)")
                ])
            }
            return destination.type == .external ? destination : .appOnly
        }
        guard
            let connection = try await connections(
                tx,
                """
                SELECT \(unescaped: CalendarConnectionRow.columns) FROM calendar_connections WHERE id = \(connectionId) AND user_id = \(userId)
                """
            ).first
        else {
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

// MARK: - Validation

extension PostgresDatabase {
    /// Every field problem of an event type, with the API's paths (`duration`, `bookingWindow.days`,
    /// `locationOverride.address.city`), thrown together as `invalid`.
    static func validate(_ eventType: EventType) throws {
        var issues: [ValidationIssue] = []
        if eventType.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(ValidationIssue(path: "title", message: "is required"))
        }
        // Empty means "make one from the title"; anything else must already be a URL segment.
        if !eventType.slug.isEmpty, !EventTypeRow.isValidSlug(eventType.slug) {
            issues.append(
                ValidationIssue(
                    path: "slug",
                    message: "\"\(eventType.slug)\" must be 1–\(EventTypeRow.maxSlugLength) lowercase letters, digits and dashes, "
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
    static func isValidColor(_ text: String) -> Bool {
        let digits = text.utf8.dropFirst()
        return text.utf8.first == UInt8(ascii: "#") && (digits.count == 6 || digits.count == 8)
            && digits.allSatisfy { (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) }
    }
}
