import Foundation

/// What an `Authorization` header presents: a username and password (RFC 7617 Basic) or a
/// token (RFC 6750 Bearer). Parsing never throws; anything unreadable is `nil`.
enum HTTPCredentials: Equatable {
    case basic(username: String, password: String)
    case bearer(token: String)

    /// Reads one `Authorization` header value.
    ///
    /// Scheme names are case-insensitive (RFC 9110 §11.1). Basic credentials must be base64 of
    /// valid UTF-8 `user-id ":" password` (RFC 7617 §2.1, charset UTF-8), with a non-empty
    /// user-id; the password may contain colons and is everything after the first one. A Bearer
    /// token must be a non-empty token68 (RFC 6750 §2.1).
    init?(header value: String) {
        let trimmed = Self.trimmingOptionalWhitespace(Substring(value))
        guard let space = trimmed.firstIndex(of: " ") else { return nil }
        let scheme = trimmed[..<space].lowercased()
        let parameter = String(Self.trimmingOptionalWhitespace(trimmed[space...]))
        guard !parameter.isEmpty, parameter.utf8.allSatisfy(Self.isToken68Byte) else { return nil }
        switch scheme {
        case "basic":
            guard let decoded = Data(base64Encoded: parameter) else { return nil }
            let text = String(decoding: decoded, as: UTF8.self)
            // `String(decoding:)` repairs invalid UTF-8; a repaired string is not what was sent.
            guard text.utf8.elementsEqual(decoded), let colon = text.firstIndex(of: ":") else { return nil }
            let username = String(text[..<colon])
            guard !username.isEmpty else { return nil }
            self = .basic(username: username, password: String(text[text.index(after: colon)...]))
        case "bearer":
            self = .bearer(token: parameter)
        default:
            return nil
        }
    }

    /// Without the spaces and tabs around it (OWS, RFC 9110 §5.6.3).
    private static func trimmingOptionalWhitespace(_ text: Substring) -> Substring {
        let isWhitespace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = text.utf8.firstIndex(where: { !isWhitespace($0) }), let last = text.utf8.lastIndex(where: { !isWhitespace($0) })
        else {
            return ""
        }
        return text[first...last]
    }

    /// token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    /// (the trailing-only rule for "=" is left to base64 decoding).
    private static func isToken68Byte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"),
            UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
