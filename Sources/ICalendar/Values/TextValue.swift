/// TEXT escaping (RFC 5545 §3.3.11): `\\`, `\;`, `\,` and `\n`.
public enum TextValue {
    /// Escapes text for the wire.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 92 || $0 == 59 || $0 == 44 || $0 == 10 || $0 == 13 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var previousCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            default: out.unicodeScalars.append(scalar)
            }
            previousCR = scalar == "\r"
        }
        return out
    }

    /// Decodes escapes; an unknown escape keeps its character (`\:` → `:`), as real data needs.
    public static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(92) else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "n", "N": out += "\n"
                default: out.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if escaping { out += "\\" }
        return out
    }

    /// Splits a multi-valued TEXT on unescaped commas (CATEGORIES, RESOURCES) and unescapes each.
    public static func splitList(_ text: Substring, separator: UInt8 = 44) -> [String] {
        splitRaw(text, separator: separator).map { unescape($0) }
    }

    /// Splits on an unescaped separator without unescaping.
    static func splitRaw(_ text: Substring, separator: UInt8) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var escaping = false
        var index = text.startIndex
        let utf8 = text.utf8
        var u = utf8.startIndex
        while u != utf8.endIndex {
            let c = utf8[u]
            if escaping {
                escaping = false
            } else if c == 92 {
                escaping = true
            } else if c == separator {
                index = u
                parts.append(text[start..<index])
                start = utf8.index(after: u)
            }
            u = utf8.index(after: u)
        }
        parts.append(text[start...])
        return parts
    }
}
