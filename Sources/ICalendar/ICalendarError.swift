/// Everything that can go wrong reading or interpreting iCalendar data.
///
/// Each case carries the 1-based line where the problem was found (0 when the value was
/// built in code), so users can locate the fault in what their client sent.
public enum ICalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The content-line grammar is broken (RFC 5545 §3.1).
    case syntax(line: Int, message: String)
    /// BEGIN/END nesting or required properties are wrong.
    case structure(line: Int, message: String)
    /// A property value does not match its value type.
    case invalidValue(line: Int, property: String, message: String)
    /// A TZID could not be resolved to any time zone.
    case unknownTimeZone(line: Int, tzid: String)

    public var line: Int {
        switch self {
        case .syntax(let line, _), .structure(let line, _), .invalidValue(let line, _, _), .unknownTimeZone(let line, _):
            return line
        }
    }

    /// What is wrong, without the line.
    public var message: String {
        switch self {
        case .syntax(_, let message), .structure(_, let message): return message
        case .invalidValue(_, let property, let message): return "\(property): \(message)"
        case .unknownTimeZone(_, let tzid): return "unknown time zone \"\(tzid)\""
        }
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }

    /// The same error reported at another line (typed values learn their line late).
    func at(line newLine: Int) -> ICalendarError {
        switch self {
        case .syntax(_, let message): return .syntax(line: newLine, message: message)
        case .structure(_, let message): return .structure(line: newLine, message: message)
        case .invalidValue(_, let property, let message): return .invalidValue(line: newLine, property: property, message: message)
        case .unknownTimeZone(_, let tzid): return .unknownTimeZone(line: newLine, tzid: tzid)
        }
    }
}

/// A defect that lenient parsing repaired or that does not stop interpretation.
public struct ParseWarning: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    /// nil for a benign repair (a mis-folded line, a stray line, an empty line); set when
    /// lenient reading kept going past data that is wrong, which a store must not accept.
    public var defect: Defect?

    /// What kind of wrong data a lenient parse read past.
    public enum Defect: Hashable, Sendable {
        /// A component without its END line (closed implicitly or at the end of input).
        case unclosedComponent(String)
        /// A value that is invalid even read leniently; the raw text was kept.
        case invalidValue(property: String)
    }

    public init(line: Int, message: String, defect: Defect? = nil) {
        self.line = line
        self.message = message
        self.defect = defect
    }

    public var description: String { "line \(line): \(message)" }
}
