/// Reads iCalendar text into components (RFC 5545 §3.4–3.6).
///
/// Strict mode refuses anything RFC 5545 forbids that we can check cheaply and locate:
/// broken content lines, unbalanced BEGIN/END, properties outside a component, and
/// malformed values of the properties recurrence and scheduling depend on. Lenient mode
/// repairs the defects real producers ship (see ``ParseMode/lenient``) and reports each as a
/// ``ParseWarning``.
///
/// ```swift
/// let calendar = try ICalendarParser.parse(text, mode: .lenient)
/// for warning in calendar.warnings { print(warning) }
/// ```
public enum ICalendarParser {
    /// Parses `text`; the result holds every top-level component (usually one VCALENDAR).
    public static func parse(_ text: String, mode: ParseMode = .strict) throws(ICalendarError) -> ParsedCalendar {
        try parse(bytes: Array(text.utf8), mode: mode)
    }

    /// Parses raw bytes, which must be UTF-8 (invalid sequences are an error in strict mode
    /// and replaced with U+FFFD in lenient mode).
    public static func parse(bytes: [UInt8], mode: ParseMode = .strict) throws(ICalendarError) -> ParsedCalendar {
        // RFC 5545 §3.1 excludes control characters from every value; a NUL also cuts C strings
        // (and so stored text) short, so it is refused in both modes, never repaired.
        if let nul = bytes.firstIndex(of: 0) {
            throw .syntax(line: bytes[..<nul].count(where: { $0 == 0x0A }) + 1, message: "NUL byte in the data")
        }
        var builder = TreeBuilder(mode: mode)
        let lines = LineUnfolder.unfold(bytes) { line in builder.blankLine(line) }
        for logical in lines {
            try builder.consume(logical)
        }
        var result = try builder.finish()
        try ValueValidator.validate(&result, mode: mode)
        return result
    }
}

extension ICalendarParser {
    /// The deepest nesting of components accepted. Real data nests at most four deep
    /// (VCALENDAR › VEVENT › PARTICIPANT › VLOCATION, RFC 9073); deeper input is refused in both
    /// modes before it is built, so no walk over a tree can exhaust the stack.
    public static let maxComponentDepth = 16
}

/// How forgiving the parser is.
public enum ParseMode: Sendable {
    /// RFC 5545 as written; the first defect is an error.
    case strict
    /// Accepts what real exports get wrong (mis-folded lines, DATE values without
    /// `VALUE=DATE`, `\;` inside RRULE, 4-digit RFC 2445-era times, stray lines) and
    /// reports each repair as a warning.
    case lenient
}

/// The outcome of a parse: the components and what was repaired or noticed on the way.
public struct ParsedCalendar: Sendable {
    public var components: [Component]
    public var warnings: [ParseWarning]

    /// The first VCALENDAR, or a synthetic one wrapping bare top-level components.
    public var calendar: Component {
        if let first = components.first(where: { $0.name == "VCALENDAR" }) { return first }
        return Component(name: "VCALENDAR", components: components)
    }
}

/// Builds the component tree from logical lines.
///
/// Nesting is bounded by ``ICalendarParser/maxComponentDepth`` as the tree is built, so every
/// later walk over components (validation, serialization, equality) recurses a bounded depth.
private struct TreeBuilder {
    let mode: ParseMode
    var stack: [Component] = []
    var roots: [Component] = []
    var warnings: [ParseWarning] = []
    var lastLine = 0

    init(mode: ParseMode) { self.mode = mode }

    mutating func blankLine(_ line: Int) {
        warnings.append(ParseWarning(line: line, message: "empty line ignored"))
    }

    mutating func consume(_ logical: LogicalLine) throws(ICalendarError) {
        lastLine = logical.line
        let text = try decode(logical)
        let parsed: ContentLineParser.Parsed
        do {
            parsed = try ContentLineParser.parse(text[...], lenient: mode == .lenient)
        } catch {
            try recover(from: error, text: text, line: logical.line)
            return
        }
        switch parsed.name {
        case "BEGIN":
            let name = ContentLineParser.trimmed(parsed.value)
            guard ContentLineParser.isValidName(name) else {
                throw .syntax(line: logical.line, message: "invalid component name \"\(printable(name))\" after BEGIN")
            }
            guard stack.count < ICalendarParser.maxComponentDepth else {
                throw .structure(
                    line: logical.line,
                    message:
                        "components nested more than \(ICalendarParser.maxComponentDepth) deep (the limit) at BEGIN:\(printable(name.prefix(40)))")
            }
            stack.append(Component(name: String(name), line: logical.line))
        case "END":
            let name = String(ContentLineParser.trimmed(parsed.value)).uppercased()
            try close(name, line: logical.line)
        default:
            let property = Property(name: parsed.name, parameters: parsed.parameters, value: String(parsed.value), line: logical.line)
            guard !stack.isEmpty else {
                if mode == .lenient {
                    warnings.append(ParseWarning(line: logical.line, message: "property \(parsed.name) outside any component ignored"))
                    return
                }
                throw .structure(line: logical.line, message: "property \(parsed.name) outside any component")
            }
            stack[stack.count - 1].properties.append(property)
        }
    }

    private mutating func decode(_ logical: LogicalLine) throws(ICalendarError) -> String {
        if let text = String(validating: logical.bytes, as: UTF8.self) {
            return text
        }
        guard mode == .lenient else { throw .syntax(line: logical.line, message: "invalid UTF-8") }
        warnings.append(ParseWarning(line: logical.line, message: "invalid UTF-8 replaced"))
        return String(decoding: logical.bytes, as: UTF8.self)
    }

    private mutating func recover(from error: ContentLineParser.Failure, text: String, line: Int) throws(ICalendarError) {
        let message: String
        switch error {
        case .noColon: message = "content line has no ':' (\"\(printable(text.prefix(40)))\")"
        case .badName(let name): message = "invalid property name \"\(printable(name.prefix(40)))\""
        case .badParameter(let name): message = "malformed parameter \"\(printable(name.prefix(40)))\""
        }
        if mode == .lenient, !text.uppercased().hasPrefix("BEGIN"), !text.uppercased().hasPrefix("END") {
            warnings.append(ParseWarning(line: line, message: message + "; line ignored"))
            return
        }
        throw .syntax(line: line, message: message)
    }

    private mutating func close(_ name: String, line: Int) throws(ICalendarError) {
        guard let open = stack.last else {
            if mode == .lenient {
                warnings.append(ParseWarning(line: line, message: "END:\(name) without BEGIN ignored"))
                return
            }
            throw .structure(line: line, message: "END:\(name) without a matching BEGIN")
        }
        if open.name != name {
            guard mode == .lenient, stack.contains(where: { $0.name == name }) else {
                if mode == .lenient {
                    warnings.append(ParseWarning(line: line, message: "END:\(name) does not close BEGIN:\(open.name); ignored"))
                    return
                }
                throw .structure(line: line, message: "END:\(name) does not match BEGIN:\(open.name) at line \(open.line)")
            }
            while let top = stack.last, top.name != name {
                warnings.append(
                    ParseWarning(line: line, message: "BEGIN:\(top.name) at line \(top.line) closed implicitly", defect: .unclosedComponent(top.name))
                )
                pop()
            }
        }
        pop()
    }

    private mutating func pop() {
        let component = stack.removeLast()
        if stack.isEmpty {
            roots.append(component)
        } else {
            stack[stack.count - 1].components.append(component)
        }
    }

    mutating func finish() throws(ICalendarError) -> ParsedCalendar {
        if let open = stack.last {
            guard mode == .lenient else {
                throw .structure(line: open.line, message: "BEGIN:\(open.name) is never closed")
            }
            while let top = stack.last {
                warnings.append(
                    ParseWarning(
                        line: top.line, message: "BEGIN:\(top.name) never closed; closed at end of input", defect: .unclosedComponent(top.name)))
                pop()
            }
        }
        guard !roots.isEmpty else {
            throw .structure(line: max(lastLine, 1), message: "no component found (expected BEGIN:VCALENDAR)")
        }
        return ParsedCalendar(components: roots, warnings: warnings)
    }
}

/// Shows control characters as escapes so error messages stay one readable line.
func printable<S: StringProtocol>(_ text: S) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        if scalar.value < 32 || scalar.value == 127 {
            out += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
