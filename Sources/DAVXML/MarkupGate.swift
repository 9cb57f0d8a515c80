/// A cheap first gate in front of libxml2: refuses a body whose prolog (what precedes the root
/// element) carries a document type declaration. CalDAV and WebDAV bodies never have one, and
/// the DTD is where entity expansion attacks (billion laughs, XXE, quadratic blowup) live.
///
/// Only ASCII-compatible encodings are scanned; anything else (UTF-16) is caught during parsing by
/// the parser's internal-subset hook, so this gate is an optimisation and a clearer message, not
/// the only line of defence.
enum DoctypeGate {
    static let message = "DOCTYPE is not allowed"

    /// Throws when a `<!DOCTYPE` appears in the prolog, outside comments and processing instructions.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) throws(DAVXMLError) {
        var index = 0
        // A UTF-8 byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "<"), index + 1 < bytes.count else { return }
            switch bytes[index + 1] {
            case UInt8(ascii: "?"):
                // XML declaration or processing instruction: skip to `?>`.
                guard let end = find([UInt8(ascii: "?"), UInt8(ascii: ">")], in: bytes, from: index + 2) else { return }
                index = end
            case UInt8(ascii: "!"):
                if starts(with: Array("<!--".utf8), in: bytes, at: index) {
                    guard let end = find(Array("-->".utf8), in: bytes, from: index + 4) else { return }
                    index = end
                } else if startsCaseInsensitive(with: Array("<!DOCTYPE".utf8), in: bytes, at: index) {
                    throw DAVXMLError(message, line: line(of: index, in: bytes))
                } else {
                    return  // Not valid in a prolog; libxml2 reports it.
                }
            default:
                return  // The root element starts: the prolog is over.
            }
        }
    }

    /// The index just past the first occurrence of `needle` at or after `start`.
    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if starts(with: needle, in: bytes, at: index) { return index + needle.count }
            index += 1
        }
        return nil
    }

    private static func starts(with prefix: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for offset in prefix.indices where bytes[index + offset] != prefix[offset] { return false }
        return true
    }

    private static func startsCaseInsensitive(with prefix: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for offset in prefix.indices where bytes[index + offset] | 0x20 != prefix[offset] | 0x20 { return false }
        return true
    }

    private static func line(of index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        1 + bytes[..<index].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}
