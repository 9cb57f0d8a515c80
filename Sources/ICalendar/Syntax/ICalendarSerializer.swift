/// Writes components as RFC 5545 text: CRLF line ends, lines folded at 75 octets without
/// splitting a UTF-8 sequence, parameters quoted and RFC 6868-escaped where needed.
public enum ICalendarSerializer {
    /// Serializes one component (usually a VCALENDAR).
    public static func serialize(_ component: Component) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(component, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Serializes several top-level components one after another.
    public static func serialize(_ components: [Component]) -> String {
        var out: [UInt8] = []
        for component in components { write(component, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ component: Component, into out: inout [UInt8]) {
        writeLine("BEGIN:" + component.name, into: &out)
        for property in component.properties { writeLine(contentLine(property), into: &out) }
        for child in component.components { write(child, into: &out) }
        writeLine("END:" + component.name, into: &out)
    }

    /// The unfolded content line for a property.
    public static func contentLine(_ property: Property) -> String {
        var line = property.name
        for parameter in property.parameters {
            line += ";" + parameter.name
            guard !parameter.values.isEmpty else { continue }
            line += "="
            for (index, value) in parameter.values.enumerated() {
                if index > 0 { line += "," }
                line += encodeParameterValue(value)
            }
        }
        return line + ":" + property.value
    }

    /// Quotes a parameter value when it holds `:`, `;` or `,`, and applies RFC 6868 escapes.
    static func encodeParameterValue(_ value: String) -> String {
        var needsQuotes = false
        var needsCaret = false
        for c in value.utf8 {
            switch c {
            case 58, 59, 44, 32: needsQuotes = true
            case 94, 10, 13, 34: needsCaret = true
            default: break
            }
        }
        var encoded = value
        if needsCaret {
            encoded = ""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "^": encoded += "^^"
                case "\n": encoded += "^n"
                case "\r": break
                case "\"": encoded += "^'"
                default: encoded.unicodeScalars.append(scalar)
                }
            }
        }
        return needsQuotes ? "\"" + encoded + "\"" : encoded
    }

    /// Appends `line` folded at 75 octets, never inside a UTF-8 sequence, then CRLF.
    static func writeLine(_ line: String, into out: inout [UInt8]) {
        let bytes = Array(line.utf8)
        var start = 0
        var limit = 75
        while bytes.count - start > limit {
            var cut = start + limit
            // Step back over continuation bytes (10xxxxxx) so the fold falls between characters.
            while cut > start, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            out.append(contentsOf: bytes[start..<cut])
            out.append(contentsOf: [13, 10, 32])
            start = cut
            limit = 74
        }
        out.append(contentsOf: bytes[start...])
        out.append(contentsOf: [13, 10])
    }
}
