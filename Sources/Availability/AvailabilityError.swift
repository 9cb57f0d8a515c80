/// One problem in user input, with the JSON path of the field (`availability[2].slots[0].endTime`).
public struct ValidationIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Errors of the availability engine.
public enum AvailabilityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input breaks the rules; every problem found is listed.
    case invalid([ValidationIssue])

    public var issues: [ValidationIssue] {
        switch self {
        case .invalid(let issues): return issues
        }
    }

    public var description: String { issues.map(\.description).joined(separator: "; ") }
}
