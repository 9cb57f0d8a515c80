import Availability
import BookingFlow
import Foundation
import ICalendar
import Store

/// An event type as a booker sees it: what it is, how long, where, and whose.
struct PublicEventTypeResponse: Encodable, Sendable {
    var username: String
    var expertName: String
    var title: String
    var slug: String
    var description: String
    /// Minutes.
    var duration: Int
    var locationType: Location.Kind
    /// The schedule's zone: where the expert's days and limits are counted.
    var timeZone: String
    var color: String?

    init(offer: BookingOffer) {
        username = offer.expert.username
        expertName = offer.expert.displayName
        title = offer.eventType.title
        slug = offer.eventType.slug
        description = offer.eventType.description
        duration = offer.eventType.limits.duration
        locationType = offer.location.type
        timeZone = offer.schedule.schedule.timezone
        color = offer.eventType.color
    }

    enum CodingKeys: String, CodingKey {
        case username, expertName, title, slug, description, duration, locationType, timeZone, color
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(username, forKey: .username)
        try container.encode(expertName, forKey: .expertName)
        try container.encode(title, forKey: .title)
        try container.encode(slug, forKey: .slug)
        try container.encode(description, forKey: .description)
        try container.encode(duration, forKey: .duration)
        try container.encode(locationType, forKey: .locationType)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(color, forKey: .color)
    }
}

/// The slots of a window: a flat list in UTC, and, when the booker gave a zone, the same
/// slots grouped by the booker's local date with their local start time.
///
/// Written as JSON text directly (keys sorted, as the API's encoder sorts them): a month of
/// slots is hundreds of objects, and Foundation's encoder spent more time on them than the
/// availability engine and the database together.
struct SlotsResponse: Sendable {
    var window: Range<Instant>
    var duration: Int
    var slots: [Slot]
    var bookerZone: (name: String, rules: ZoneRules)?

    init(slots: [Slot], window: Range<Instant>, duration: Int, bookerZone: (name: String, rules: ZoneRules)?) {
        self.slots = slots
        self.window = window
        self.duration = duration
        self.bookerZone = bookerZone
    }

    /// `{"days":[{"date":…,"slots":[{"end":…,"localTime":"HH:MM","start":…}]}],"duration":…,"end":…,
    /// "slots":[{"end":…,"start":…}],"start":…,"timeZone":…}`; `days` only with a booker's zone.
    var json: String {
        var out = "{"
        out.reserveCapacity(64 + slots.count * (bookerZone == nil ? 64 : 140))
        if let zone = bookerZone?.rules {
            out += "\"days\":["
            var currentDate = ""
            for (index, slot) in slots.enumerated() {
                let local = zone.local(for: slot.start)
                let date = local.date.isoString
                if date != currentDate {
                    if !currentDate.isEmpty { out += "]}," }
                    out += "{\"date\":\"" + date + "\",\"slots\":["
                    currentDate = date
                } else if index > 0 {
                    out += ","
                }
                out +=
                    "{\"end\":\"" + slot.end.description + "\",\"localTime\":\"" + Self.twoDigits(local.hour) + ":"
                    + Self.twoDigits(local.minute) + "\",\"start\":\"" + slot.start.description + "\"}"
            }
            if !currentDate.isEmpty { out += "]}" }
            out += "],"
        }
        out += "\"duration\":" + String(duration) + ",\"end\":\"" + window.upperBound.description + "\",\"slots\":["
        for (index, slot) in slots.enumerated() {
            if index > 0 { out += "," }
            out += "{\"end\":\"" + slot.end.description + "\",\"start\":\"" + slot.start.description + "\"}"
        }
        out += "],\"start\":\"" + window.lowerBound.description + "\",\"timeZone\":"
        out += bookerZone.map { "\"" + Self.escaped($0.name) + "\"" } ?? "null"
        return out + "}"
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// A JSON string's content: zone names are plain ASCII, but a name is never trusted.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A booking as its booker sees it: no internal ids, the expert by name.
struct PublicBookingResponse: Encodable, Sendable {
    var booking: Booking
    var title: String
    var expertName: String
    var username: String
    var eventTypeSlug: String

    enum Keys: String, CodingKey {
        case uid, status, start, end, title, expertName, username, eventTypeSlug, attendee, location, notes, sequence, cancellationReason
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(booking.uid, forKey: .uid)
        try container.encode(booking.status, forKey: .status)
        try container.encode(booking.start, forKey: .start)
        try container.encode(booking.end, forKey: .end)
        try container.encode(title, forKey: .title)
        try container.encode(expertName, forKey: .expertName)
        try container.encode(username, forKey: .username)
        try container.encode(eventTypeSlug, forKey: .eventTypeSlug)
        try container.encode(booking.attendee, forKey: .attendee)
        try container.encode(booking.location, forKey: .location)
        try container.encode(booking.notes, forKey: .notes)
        try container.encode(booking.sequence, forKey: .sequence)
        try container.encode(booking.cancellationReason, forKey: .cancellationReason)
    }
}

/// The answer to a booking: the booking, the secret that manages it (shown this once), and
/// the links that use it.
struct BookingConfirmation: Encodable, Sendable {
    struct Links: Encodable, Sendable {
        var manage: String
        var cancel: String
        var reschedule: String
    }

    var booking: PublicBookingResponse
    /// nil when an idempotent replay answers an earlier booking: the token was shown once.
    var managementToken: String?
    var links: Links?

    init(booking: PublicBookingResponse, token: String?) {
        self.booking = booking
        managementToken = token
        guard let token else { return }
        let base = "/api/public/bookings/\(booking.booking.uid)"
        let query = "?token=" + token
        links = Links(manage: base + query, cancel: base + "/cancel" + query, reschedule: base + "/reschedule" + query)
    }
}

/// `POST /api/public/{username}/{slug}/bookings`.
struct NewBookingRequest: Decodable, Sendable {
    struct Attendee: Decodable, Sendable {
        var name: String
        var email: String
        var timeZone: String
    }

    var start: String
    var attendee: Attendee
    var notes: String?

    /// The longest attendee name and notes accepted, in characters.
    static let maxNameLength = 200
    static let maxNotesLength = 10_000

    /// The start instant and the attendee, or every problem with its path (422).
    func validated() throws -> (start: Instant, attendee: Booking.Attendee, notes: String?) {
        var issues: [ValidationIssue] = []
        let start = PublicRequestValues.instant(self.start, path: "start", issues: &issues)
        let name = attendee.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { issues.append(.init(path: "attendee.name", message: "must not be empty")) }
        if name.count > Self.maxNameLength {
            issues.append(.init(path: "attendee.name", message: "must have at most \(Self.maxNameLength) characters"))
        }
        let email = attendee.email.trimmingCharacters(in: .whitespacesAndNewlines)
        if !PublicRequestValues.isEmailAddress(email) {
            issues.append(.init(path: "attendee.email", message: "\"\(attendee.email)\" is not an e-mail address"))
        }
        if ZoneRules.iana(attendee.timeZone) == nil {
            issues.append(.init(path: "attendee.timeZone", message: "\"\(attendee.timeZone)\" is not an IANA time zone"))
        }
        let notes = notes?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let notes, notes.count > Self.maxNotesLength {
            issues.append(.init(path: "notes", message: "must have at most \(Self.maxNotesLength) characters"))
        }
        guard issues.isEmpty, let start else { throw StoreError.invalid(issues) }
        return (start, Booking.Attendee(name: name, email: email, timeZone: attendee.timeZone), notes?.isEmpty == true ? nil : notes)
    }
}

/// The body of the booker's cancel (`token` may come in the query instead).
struct PublicCancelRequest: Decodable, Sendable {
    var token: String?
    var reason: String?
}

/// The body of the booker's reschedule.
struct PublicRescheduleRequest: Decodable, Sendable {
    var token: String?
    var start: String
}

/// Value rules shared by the public endpoints.
enum PublicRequestValues {
    /// An RFC 3339 date-time, or a problem at `path`.
    static func instant(_ text: String, path: String, issues: inout [ValidationIssue]) -> Instant? {
        RFC3339.date(text, path: path, issues: &issues).map(Instant.init)
    }

    /// A plausible single address: one `@`, something on each side, a dot in the domain, no
    /// spaces or angle brackets, at most 254 characters (RFC 5321 §4.5.3.1.3).
    static func isEmailAddress(_ text: String) -> Bool {
        guard text.count <= 254, !text.contains(where: { $0.isWhitespace || "<>,;:\"".contains($0) }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return false
        }
        return true
    }
}
