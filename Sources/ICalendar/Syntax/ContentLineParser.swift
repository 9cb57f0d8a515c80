/// Parses one logical line into name, parameters and raw value (RFC 5545 §3.1, RFC 6868).
struct ContentLineParser {
    enum Failure: Error {
        case noColon
        case badName(String)
        case badParameter(String)
    }

    struct Parsed {
        var name: String
        var parameters: [Parameter]
        var value: Substring
    }

    /// - Parameter lenient: trims whitespace around names and accepts odd name characters.
    static func parse(_ text: Substring, lenient: Bool) throws(Failure) -> Parsed {
        let utf8 = text.utf8
        var index = utf8.startIndex
        // Name: up to ';' or ':'.
        while index != utf8.endIndex, utf8[index] != 59, utf8[index] != 58 { index = utf8.index(after: index) }
        guard index != utf8.endIndex else { throw .noColon }
        var name = Substring(text[text.startIndex..<index])
        if lenient { name = trimmed(name) }
        guard isValidName(name) else { throw .badName(String(name)) }
        var parameters: [Parameter] = []
        while utf8[index] == 59 {
            index = utf8.index(after: index)
            // Parameter name up to '='.
            let nameStart = index
            while index != utf8.endIndex, utf8[index] != 61, utf8[index] != 58, utf8[index] != 59 { index = utf8.index(after: index) }
            guard index != utf8.endIndex else { throw .noColon }
            var parameterName = Substring(text[nameStart..<index])
            if lenient { parameterName = trimmed(parameterName) }
            guard utf8[index] == 61 else {
                // A parameter with no value (vCard 2.1 style `TEL;CELL:`): lenient keeps it empty.
                guard lenient, !parameterName.isEmpty else { throw .badParameter(String(parameterName)) }
                parameters.append(Parameter(name: String(parameterName), values: []))
                continue
            }
            guard isValidName(parameterName) else { throw .badParameter(String(parameterName)) }
            index = utf8.index(after: index)
            var values: [String] = []
            while true {
                if index != utf8.endIndex, utf8[index] == 34 {
                    // Quoted value: anything but a control character or DQUOTE.
                    index = utf8.index(after: index)
                    let valueStart = index
                    while index != utf8.endIndex, utf8[index] != 34 { index = utf8.index(after: index) }
                    guard index != utf8.endIndex else { throw .badParameter(String(parameterName)) }
                    values.append(decodeCaret(text[valueStart..<index]))
                    index = utf8.index(after: index)
                } else {
                    let valueStart = index
                    while index != utf8.endIndex, utf8[index] != 44, utf8[index] != 58, utf8[index] != 59 {
                        if utf8[index] == 34, !lenient { throw .badParameter(String(parameterName)) }
                        index = utf8.index(after: index)
                    }
                    values.append(decodeCaret(text[valueStart..<index]))
                }
                guard index != utf8.endIndex else { throw .noColon }
                if utf8[index] == 44 {
                    index = utf8.index(after: index)
                    continue
                }
                break
            }
            parameters.append(Parameter(name: String(parameterName), values: values))
            guard utf8[index] == 59 || utf8[index] == 58 else { throw .badParameter(String(parameterName)) }
        }
        let value = text[utf8.index(after: index)...]
        return Parsed(name: String(name).uppercased(), parameters: parameters, value: value)
    }

    /// iana-token / x-name: ALPHA, DIGIT and '-', at least one character.
    static func isValidName(_ name: Substring) -> Bool {
        guard !name.isEmpty else { return false }
        for c in name.utf8 {
            let ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45
            if !ok { return false }
        }
        return true
    }

    static func trimmed(_ text: Substring) -> Substring {
        var t = text
        while let c = t.first, c == " " || c == "\t" { t.removeFirst() }
        while let c = t.last, c == " " || c == "\t" { t.removeLast() }
        return t
    }

    /// RFC 6868: `^n` newline, `^'` double quote, `^^` caret; any other `^x` stays as is.
    static func decodeCaret(_ text: Substring) -> String {
        guard text.utf8.contains(94) else { return String(text) }
        var out = ""
        var caret = false
        for scalar in text.unicodeScalars {
            if caret {
                switch scalar {
                case "n": out += "\n"
                case "'": out += "\""
                case "^": out += "^"
                default:
                    out += "^"
                    out.unicodeScalars.append(scalar)
                }
                caret = false
            } else if scalar == "^" {
                caret = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if caret { out += "^" }
        return out
    }
}
