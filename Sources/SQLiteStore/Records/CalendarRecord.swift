import Foundation
import GRDB

/// A row of `calendars`: one per schedule (its bookings), or created by a CalDAV client.
struct CalendarRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "calendars"

    var id: String
    var userId: String
    var scheduleId: String?
    var slug: String
    var displayName: String
    var description: String
    var color: String?
    var calendarOrder: Int
    var timezone: String?
    var components: String
    var syncRevision: Int
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, slug, description, color, timezone, components
        case userId = "user_id"
        case scheduleId = "schedule_id"
        case displayName = "display_name"
        case calendarOrder = "calendar_order"
        case syncRevision = "sync_revision"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// A URL segment from a display name: lower-case ASCII letters, digits and dashes.
    static func slug(for name: String) -> String {
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
