import DAVXML
import Foundation

/// A collation for substring matching (RFC 4790 §4.2, RFC 4791 §7.5).
public enum Collation: String, Hashable, Sendable, CaseIterable {
    /// Folds ASCII letters only; the default (RFC 4791 §7.5).
    case asciiCasemap = "i;ascii-casemap"
    /// Byte for byte.
    case octet = "i;octet"
    /// Folds case over all of Unicode and compares compatibility decompositions (RFC 5051).
    case unicodeCasemap = "i;unicode-casemap"

    /// Reads a `collation` attribute; "default" means i;ascii-casemap (RFC 4790 §3.1).
    public init(identifier: String) throws(CalDAVQueryError) {
        let lowered = identifier.trimmingASCIIWhitespace().lowercased()
        if lowered == "default" {
            self = .asciiCasemap
            return
        }
        guard let collation = Collation(rawValue: lowered) else {
            throw .unsupportedCollation("collation \"\(identifier)\" is not supported (i;ascii-casemap, i;octet, i;unicode-casemap)")
        }
        self = collation
    }
}

/// A `<C:text-match>` (RFC 4791 §9.7.5): a substring test under a collation, possibly negated.
public struct TextMatch: Hashable, Sendable {
    public var text: String
    public var collation: Collation
    /// `negate-condition="yes"`: the test passes when the text does NOT occur.
    public var negate: Bool

    public init(text: String, collation: Collation = .asciiCasemap, negate: Bool = false) {
        self.text = text
        self.collation = collation
        self.negate = negate
    }

    /// Whether `value` passes the test (the substring test, inverted when negated).
    public func matches(_ value: String) -> Bool {
        collation.contains(text, in: value) != negate
    }

    init(element: XMLElement) throws(CalDAVQueryError) {
        let collation = try element.attribute("collation").map { (identifier) throws(CalDAVQueryError) in try Collation(identifier: identifier) }
        let negate: Bool
        switch element.attribute("negate-condition")?.trimmingASCIIWhitespace().lowercased() {
        case nil, "no": negate = false
        case "yes": negate = true
        case let other?: throw .invalidFilter("text-match negate-condition must be \"yes\" or \"no\", not \"\(other)\"")
        }
        self.init(text: element.text, collation: collation ?? .asciiCasemap, negate: negate)
    }
}

extension Collation {
    /// The substring operation of the collation (RFC 4790 §4.2): does `needle` occur in `haystack`?
    /// An empty needle occurs everywhere.
    func contains(_ needle: String, in haystack: String) -> Bool {
        switch self {
        case .octet:
            return Collation.byteSearch(needle.utf8, in: haystack.utf8, fold: { $0 })
        case .asciiCasemap:
            return Collation.byteSearch(needle.utf8, in: haystack.utf8, fold: Collation.asciiUppercase)
        case .unicodeCasemap:
            let foldedNeedle = Collation.unicodeFold(needle)
            if foldedNeedle.isEmpty { return true }
            return Collation.scalarSearch(foldedNeedle, in: Collation.unicodeFold(haystack))
        }
    }

    static func asciiUppercase(_ byte: UInt8) -> UInt8 { byte >= 97 && byte <= 122 ? byte - 32 : byte }

    /// Naive substring search on UTF-8 bytes; property values are short, so this beats
    /// building search tables, and it allocates nothing.
    static func byteSearch(_ needle: String.UTF8View, in haystack: String.UTF8View, fold: (UInt8) -> UInt8) -> Bool {
        let needleCount = needle.count
        if needleCount == 0 { return true }
        let haystackCount = haystack.count
        guard needleCount <= haystackCount else { return false }
        var start = haystack.startIndex
        for _ in 0...(haystackCount - needleCount) {
            var h = start
            var matched = true
            for n in needle {
                if fold(haystack[h]) != fold(n) {
                    matched = false
                    break
                }
                h = haystack.index(after: h)
            }
            if matched { return true }
            start = haystack.index(after: start)
        }
        return false
    }

    /// RFC 5051: full case folding (upper then lower case maps ß to ss and final sigma to
    /// sigma) followed by compatibility decomposition (NFKD).
    static func unicodeFold(_ text: String) -> [Unicode.Scalar] {
        Array(text.uppercased().lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars)
    }

    static func scalarSearch(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
