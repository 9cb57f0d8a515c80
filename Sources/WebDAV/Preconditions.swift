import Foundation
public import HTTPTypes

/// The entity-tag conditions of a request (RFC 9110 §13.1.1/§13.1.2), as a write or read
/// checks them against the resource's current tag.
public struct EntityTagConditions: Sendable, Hashable {
    /// `If-Match` tags (quoted, `W/` dropped); `["*"]` means "must exist"; nil when absent.
    public var ifMatch: [String]?
    /// `If-None-Match` tags; `["*"]` means "must not exist"; nil when absent.
    public var ifNoneMatch: [String]?

    public init(ifMatch: [String]? = nil, ifNoneMatch: [String]? = nil) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
    }

    public init(_ fields: HTTPFields) {
        ifMatch = fields[values: .ifMatch].isEmpty ? nil : fields[values: .ifMatch].flatMap(Self.tags)
        ifNoneMatch = fields[values: .ifNoneMatch].isEmpty ? nil : fields[values: .ifNoneMatch].flatMap(Self.tags)
    }

    /// Whether a request with these conditions may proceed against a resource whose current
    /// tag is `current` (nil = the resource does not exist).
    public func allows(current: String?) -> Bool {
        if let ifMatch {
            guard let current else { return false }
            if !(ifMatch.contains("*") || ifMatch.contains(current)) { return false }
        }
        if let ifNoneMatch, let current {
            if ifNoneMatch.contains("*") || ifNoneMatch.contains(current) { return false }
        }
        return true
    }

    /// Splits a header value into entity tags. Accepts the `\"` escaping some clients send
    /// (Evolution) and strips the weak prefix: all Horario tags are strong.
    static func tags(_ value: String) -> [String] {
        let cleaned = value.replacingOccurrences(of: "\\\"", with: "\"")
        var tags: [String] = []
        var index = cleaned.startIndex
        while index < cleaned.endIndex {
            let character = cleaned[index]
            if character == "*" {
                tags.append("*")
                index = cleaned.index(after: index)
            } else if character == "\"" {
                let start = index
                var end = cleaned.index(after: index)
                while end < cleaned.endIndex, cleaned[end] != "\"" { end = cleaned.index(after: end) }
                if end < cleaned.endIndex { end = cleaned.index(after: end) }
                tags.append(String(cleaned[start..<end]))
                index = end
            } else if cleaned[index...].hasPrefix("W/") {
                index = cleaned.index(index, offsetBy: 2)
            } else if character == "," || character == " " || character == "\t" {
                index = cleaned.index(after: index)
            } else {
                // An unquoted token: be lenient and take it up to the next comma, quoted.
                var end = index
                while end < cleaned.endIndex, cleaned[end] != "," { end = cleaned.index(after: end) }
                tags.append("\"" + String(cleaned[index..<end]).trimmingCharacters(in: .whitespaces) + "\"")
                index = end
            }
        }
        return tags
    }
}

/// `Prefer: return=minimal` (RFC 7240, RFC 8144) or the older `Brief: t`: leave 404 propstats
/// out of multistatus answers.
public func prefersMinimalResponse(_ fields: HTTPFields) -> Bool {
    if fields[values: .prefer].contains(where: { $0.lowercased().contains("return=minimal") }) { return true }
    if let brief = fields[.brief], brief.lowercased().hasPrefix("t") { return true }
    return false
}
