/// Escaping of character data and attribute values (XML 1.0 §2.4, §3.3.3), chosen so that a
/// parser returns exactly the characters that were written:
/// - `&` and `<` always, `>` in text (so `]]>` cannot appear), `"` in attribute values;
/// - carriage return as `&#13;` in text, and tab, line feed and carriage return as character
///   references in attribute values, which parsers would otherwise normalise;
/// - characters XML 1.0 does not allow at all (C0 controls other than tab, line feed and carriage
///   return; U+FFFE; U+FFFF) become U+FFFD, as no escape can carry them.
enum XMLEscaping {
    static func appendText(_ text: String, to output: OutputBuffer) {
        append(text, inAttribute: false, to: output)
    }

    static func appendAttributeValue(_ value: String, to output: OutputBuffer) {
        append(value, inAttribute: true, to: output)
    }

    private static func append(_ string: String, inAttribute: Bool, to output: OutputBuffer) {
        if string.utf8.withContiguousStorageIfAvailable({ append($0, inAttribute: inAttribute, to: output) }) == nil {
            Array(string.utf8).withUnsafeBufferPointer { append($0, inAttribute: inAttribute, to: output) }
        }
    }

    /// Copies runs of bytes that need nothing in one go, writing a replacement for each byte
    /// (or U+FFFE/U+FFFF sequence) that does.
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, inAttribute: Bool, to output: OutputBuffer) {
        guard let base = bytes.baseAddress else { return }
        var runStart = 0
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count {
                // Eight bytes at a time: jump straight to the first one that may need escaping.
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let flagged = flaggedBytes(word, inAttribute: inAttribute)
                if flagged == 0 {
                    index += 8
                    continue
                }
                index += flagged.trailingZeroBitCount / 8
            }
            let (replacement, length) = replacement(at: index, in: bytes, inAttribute: inAttribute)
            if let replacement {
                if runStart < index { output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                output.append(replacement)
                runStart = index + length
            }
            index += length
        }
        if runStart < bytes.count { output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
    }

    private static let replacementCharacter: StaticString = "\u{FFFD}"

    /// What to write instead of the byte at `index` (nil: the byte itself) and how many bytes
    /// that covers.
    @inline(__always)
    private static func replacement(at index: Int, in bytes: UnsafeBufferPointer<UInt8>, inAttribute: Bool) -> (StaticString?, Int) {
        let byte = bytes[index]
        if byte > UInt8(ascii: ">") && byte != 0xEF { return (nil, 1) }
        switch byte {
        case UInt8(ascii: "&"): return ("&amp;", 1)
        case UInt8(ascii: "<"): return ("&lt;", 1)
        case UInt8(ascii: ">"): return (inAttribute ? nil : "&gt;", 1)
        case UInt8(ascii: "\""): return (inAttribute ? "&quot;" : nil, 1)
        case 0x0D: return ("&#13;", 1)
        case 0x0A: return (inAttribute ? "&#10;" : nil, 1)
        case 0x09: return (inAttribute ? "&#9;" : nil, 1)
        case 0x00..<0x20: return (replacementCharacter, 1)
        case 0xEF:
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            if index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
                return (replacementCharacter, 3)
            }
            return (nil, 1)
        default: return (nil, 1)
        }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each of the eight bytes (first byte lowest) that may need escaping: C0
    /// controls (in text, not tab or line feed), `&`, `<`, `>` or `"` as the context requires, and
    /// 0xEF, which starts U+FFFE and U+FFFF. Exact per byte: no carries cross byte boundaries.
    @inline(__always)
    private static func flaggedBytes(_ word: UInt64, inAttribute: Bool) -> UInt64 {
        func equal(_ byte: UInt8) -> UInt64 {
            let difference = word ^ (ones &* UInt64(byte))
            return ~(((difference & lowBits) &+ lowBits) | difference) & highBits
        }
        let belowSpace = ~(((word & lowBits) &+ ones &* 0x60) | word) & highBits
        let common = equal(UInt8(ascii: "&")) | equal(UInt8(ascii: "<")) | equal(0xEF)
        if inAttribute { return common | belowSpace | equal(UInt8(ascii: "\"")) }
        return common | (belowSpace & ~equal(0x09) & ~equal(0x0A)) | equal(UInt8(ascii: ">"))
    }
}
