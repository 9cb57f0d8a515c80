import Foundation

/// The date-times of the API's query parameters and bodies.
enum RFC3339 {
    /// RFC 3339 `date-time` (§5.6), with or without fractional seconds, `Z` or an offset.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
