import Foundation
public import HTTPTypes

/// The `Depth` header (RFC 4918 §10.2).
public enum Depth: Sendable, Hashable {
    case zero
    case one
    case infinity

    /// Reads the header; `absent` when it is missing. An unreadable value is a 400.
    public static func parse(_ fields: HTTPFields, absent: Depth) throws(DAVError) -> Depth {
        guard let value = fields[HTTPField.Name.depth] else { return absent }
        // What clients send, without Foundation's trimming on every request.
        if value == "0" { return .zero }
        if value == "1" { return .one }
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "0": return .zero
        case "1": return .one
        case "infinity": return .infinity
        default: throw DAVError.badRequest("Depth must be 0, 1 or infinity, not \"\(value)\"")
        }
    }
}

extension HTTPField.Name {
    public static let depth = HTTPField.Name("Depth")!
    public static let destination = HTTPField.Name("Destination")!
    public static let overwrite = HTTPField.Name("Overwrite")!
    public static let dav = HTTPField.Name("DAV")!
    public static let brief = HTTPField.Name("Brief")!
    public static let prefer = HTTPField.Name("Prefer")!
    public static let preferenceApplied = HTTPField.Name("Preference-Applied")!
    public static let ifScheduleTagMatch = HTTPField.Name("If-Schedule-Tag-Match")!
    /// RFC 6638 §8.2 and §8.1.
    public static let scheduleTag = HTTPField.Name("Schedule-Tag")!
    public static let scheduleReply = HTTPField.Name("Schedule-Reply")!
}
