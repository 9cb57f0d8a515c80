public import Availability

/// What a store refuses, in terms the HTTP layer maps to 404, 409 and 422.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The object does not exist or belongs to someone else (never say which).
    case notFound(String)
    /// The write would break a rule of the data (a second default schedule, a duplicate slug,
    /// a schedule still in use).
    case conflict(String)
    /// Field-level problems, with paths.
    case invalid([ValidationIssue])
    /// The database could not give the write its lock in time (another instance holds it
    /// long): nothing was written, and the same request may simply be sent again (503).
    case busy(String)

    public var description: String {
        switch self {
        case .notFound(let what): return "\(what) not found"
        case .conflict(let message), .busy(let message): return message
        case .invalid(let issues): return issues.map(\.description).joined(separator: "; ")
        }
    }
}
