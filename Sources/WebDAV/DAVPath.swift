/// Percent-encoding of URL path segments for hrefs (RFC 3986 §3.3), and decoding of request
/// paths, which Hummingbird hands over still encoded.
public enum DAVPath {
    /// Splits an encoded path into decoded segments; nil when an escape is malformed or a
    /// segment is `.`/`..` (never resolved here, always refused).
    public static func segments(_ path: Substring) -> [String]? {
        var result: [String] = []
        for raw in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            guard let segment = decode(Substring(raw)), segment != ".", segment != "..", !segment.utf8.contains(UInt8(ascii: "/")) else { return nil }
            result.append(segment)
        }
        return result
    }

    /// Decodes `%XX` escapes as UTF-8; nil for a malformed escape, invalid UTF-8 or a NUL
    /// (`%00` would cut a name short wherever it meets a C string, and no name needs one).
    public static func decode(_ text: Substring) -> String? {
        // Byte search: Substring.contains(String) goes through Foundation's string search.
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue), high | low != 0 else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Encodes one segment: unreserved characters and sub-delims that are safe in paths stay.
    public static func encode(_ segment: String) -> String {
        if segment.utf8.allSatisfy(isSafe) { return segment }
        var result = ""
        result.reserveCapacity(segment.utf8.count)
        for byte in segment.utf8 {
            if isSafe(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%"
                result.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte >> 4)]))
                result.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte & 0xF)]))
            }
        }
        return result
    }

    /// The decoded name of a member directly below a collection, when `path` is the
    /// collection's encoded href (ending in `/`) followed by one segment; nil otherwise, also
    /// when the collection is spelled with other escapes (then split the path with
    /// ``segments(_:)``). Spares a report of many hrefs decoding each one's whole path.
    public static func memberName(_ path: Substring, below collectionHref: String) -> String? {
        let bytes = path.utf8
        guard bytes.starts(with: collectionHref.utf8) else { return nil }
        let rest = bytes.dropFirst(collectionHref.utf8.count)
        guard !rest.isEmpty, !rest.contains(UInt8(ascii: "/")), let name = decode(Substring(rest)), name != ".", name != "..",
            !name.utf8.contains(UInt8(ascii: "/"))
        else { return nil }
        return name
    }

    /// `/` + encoded segments (+ `/` for a collection).
    public static func href(_ segments: [String], collection: Bool) -> String {
        var result = "/"
        result += segments.map(encode).joined(separator: "/")
        if collection, !segments.isEmpty { result += "/" }
        return result
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "@"), UInt8(ascii: ":"),
            UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"),
            UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            return true
        default: return false
        }
    }
}
