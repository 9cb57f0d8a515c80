import Foundation

/// A value put into a link's query string.
enum QueryValue {
    /// Percent-encodes all but the unreserved characters (RFC 3986 §2.3).
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
