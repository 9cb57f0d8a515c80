/// A linear pre-scan of a body, in front of libxml2, refusing what no CalDAV or WebDAV client
/// sends and what would make the parser slow or unsafe:
/// - a document type declaration (the DTD is where billion laughs, XXE and quadratic blowup
///   live);
/// - more than ``maxAttributesPerElement`` attributes on one element, and more than
///   ``maxNamespaceDeclarationsInScope`` namespace declarations in scope at once: libxml2 before
///   2.12 checks attributes for duplicates and resolves every prefix by a linear search of the
///   declarations in scope, so masses of them make a few hundred kilobytes take seconds to parse.
///   Real bodies declare a handful on the root and perhaps one on each property.
///
/// UTF-16 bodies are scanned through a UTF-8 copy; UTF-32 and EBCDIC bodies are refused. Behind
/// this gate, libxml2's internal-subset hook still stops any DOCTYPE the scan might miss.
enum MarkupGate {
    static let doctypeMessage = "DOCTYPE is not allowed"
    static let maxAttributesPerElement = 100
    static let maxNamespaceDeclarationsInScope = 50

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) throws(DAVXMLError) {
        switch encodingFamily(of: bytes) {
        case .asciiCompatible:
            try scan(bytes)
        case .utf16(let bigEndian):
            let utf8 = Array(transcodedUTF16(bytes, bigEndian: bigEndian).utf8)
            try utf8.withUnsafeBufferPointer { (utf8) throws(DAVXMLError) in try scan(utf8) }
        case .unsupported(let name):
            throw DAVXMLError("\(name) XML bodies are not supported; send UTF-8")
        }
    }

    // MARK: - Encodings

    private enum EncodingFamily {
        case asciiCompatible
        case utf16(bigEndian: Bool)
        case unsupported(String)
    }

    /// The encoding family from the first four bytes (XML 1.0 Appendix F).
    private static func encodingFamily(of bytes: UnsafeBufferPointer<UInt8>) -> EncodingFamily {
        let first = Array(bytes.prefix(4)) + Array(repeating: 0x01, count: max(0, 4 - bytes.count))
        switch (first[0], first[1], first[2], first[3]) {
        case (0x00, 0x00, 0xFE, 0xFF), (0xFF, 0xFE, 0x00, 0x00), (0x00, 0x00, 0x00, 0x3C), (0x3C, 0x00, 0x00, 0x00): return .unsupported("UTF-32")
        case (0xFE, 0xFF, _, _), (0x00, 0x3C, 0x00, 0x3F): return .utf16(bigEndian: true)
        case (0xFF, 0xFE, _, _), (0x3C, 0x00, 0x3F, 0x00): return .utf16(bigEndian: false)
        case (0x4C, 0x6F, 0xA7, 0x94): return .unsupported("EBCDIC")
        default: return .asciiCompatible
        }
    }

    private static func transcodedUTF16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> String {
        let units = stride(from: 0, to: bytes.count - 1, by: 2).map { (index: Int) -> UInt16 in
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            return UInt16(high) << 8 | UInt16(low)
        }
        return String(decoding: units, as: UTF16.self)
    }

    // MARK: - Markup

    /// Walks tags, skipping text, comments, CDATA sections and processing instructions. Broken
    /// markup just ends the scan: libxml2 reports it better.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(DAVXMLError) {
        var index = 0
        var scopes = NamespaceScopes()
        while true {
            while index < bytes.count && bytes[index] != UInt8(ascii: "<") { index += 1 }
            let open = index
            guard open + 1 < bytes.count else { return }
            switch bytes[open + 1] {
            case UInt8(ascii: "?"):
                guard let end = end(of: "?>", in: bytes, from: open + 2) else { return }
                index = end
            case UInt8(ascii: "/"):
                guard let end = end(of: ">", in: bytes, from: open + 2) else { return }
                index = end
                scopes.close()
            case UInt8(ascii: "!"):
                if starts(with: "<!--", in: bytes, at: open) {
                    guard let end = end(of: "-->", in: bytes, from: open + 4) else { return }
                    index = end
                } else if starts(with: "<![CDATA[", in: bytes, at: open) {
                    guard let end = end(of: "]]>", in: bytes, from: open + 9) else { return }
                    index = end
                } else if starts(with: "<!DOCTYPE", in: bytes, at: open, ignoringCase: true) {
                    throw DAVXMLError(doctypeMessage, line: line(of: open, in: bytes))
                } else {
                    return
                }
            default:
                index = try scanStartTag(bytes, from: open + 1, scopes: &scopes)
            }
        }
    }

    /// The namespace declarations of the open elements.
    private struct NamespaceScopes {
        private var declarationsPerElement: [Int] = []
        private(set) var inScope = 0

        mutating func open(declaring count: Int) {
            declarationsPerElement.append(count)
            inScope += count
        }

        mutating func close() {
            inScope -= declarationsPerElement.popLast() ?? 0
        }
    }

    /// Counts the attributes of the start tag at `start` and the namespace declarations among
    /// them; returns the index after the tag.
    private static func scanStartTag(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, scopes: inout NamespaceScopes
    ) throws(DAVXMLError) -> Int {
        var attributes = 0
        var declarations = 0
        var quote: UInt8?
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                // An empty-element tag (`/>`) closes its scope at once.
                if bytes[index - 1] != UInt8(ascii: "/") { scopes.open(declaring: declarations) }
                return index + 1
            } else if byte == UInt8(ascii: "=") {
                attributes += 1
                if attributes > maxAttributesPerElement {
                    throw DAVXMLError("An element has more than \(maxAttributesPerElement) attributes", line: line(of: start, in: bytes))
                }
                if isNamespaceDeclaration(nameBefore: index, in: bytes) {
                    declarations += 1
                    if scopes.inScope + declarations > maxNamespaceDeclarationsInScope {
                        throw DAVXMLError(
                            "More than \(maxNamespaceDeclarationsInScope) namespace declarations are in scope", line: line(of: start, in: bytes))
                    }
                }
            }
            index += 1
        }
        return index
    }

    /// Whether the attribute name before the `=` at `equals` is `xmlns` or `xmlns:…`.
    private static func isNamespaceDeclaration(nameBefore equals: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var end = equals
        while end > 0 && isSpace(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0 && !isSpace(bytes[start - 1]) && bytes[start - 1] != UInt8(ascii: "\"") && bytes[start - 1] != UInt8(ascii: "'") {
            start -= 1
        }
        let name = UnsafeBufferPointer(rebasing: bytes[start..<end])
        return name.elementsEqual("xmlns".utf8) || name.starts(with: "xmlns:".utf8)
    }

    // MARK: - Bytes

    /// The index just past the first `needle` at or after `start`.
    private static func end(of needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + needle.utf8CodeUnitCount <= bytes.count {
            if starts(with: needle, in: bytes, at: index) { return index + needle.utf8CodeUnitCount }
            index += 1
        }
        return nil
    }

    private static func starts(with prefix: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at index: Int, ignoringCase: Bool = false) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let mask: UInt8 = ignoringCase ? 0x20 : 0
        for offset in 0..<length where bytes[index + offset] | mask != prefix.utf8Start[offset] | mask { return false }
        return true
    }

    private static func line(of index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        1 + bytes[..<index].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}
