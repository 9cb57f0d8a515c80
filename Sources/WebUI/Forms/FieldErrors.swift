import Availability

/// The problems of a submitted form by field path (the validator's paths, as in the API:
/// `name`, `availability[0].slots[1].startTime`, `location.address.city`), so each message can
/// be shown beside its field.
struct FieldErrors: Sendable {
    private(set) var messages: [(path: String, message: String)] = []

    init() {}

    init(_ issues: [ValidationIssue]) {
        messages = issues.map { ($0.path, $0.message) }
    }

    var isEmpty: Bool { messages.isEmpty }

    mutating func add(_ path: String, _ message: String) { messages.append((path, message)) }

    /// The messages of `path` and of any path beneath it, joined.
    func message(for path: String) -> String? {
        let found = messages.filter { $0.path == path || $0.path.hasPrefix(path + ".") || $0.path.hasPrefix(path + "[") }.map(\.message)
        return found.isEmpty ? nil : found.joined(separator: "; ")
    }

    /// The messages whose path starts with none of `shown`, for the summary at the top.
    func unplaced(besides shown: [String]) -> [String] {
        messages.filter { entry in !shown.contains { entry.path == $0 || entry.path.hasPrefix($0 + ".") || entry.path.hasPrefix($0 + "[") } }
            .map { "\($0.path): \($0.message)" }
    }

    /// Every message with its path, for the error summary.
    var summary: [ErrorLine] { messages.map { ErrorLine(field: $0.path, message: $0.message) } }
}

/// One line of a form's error summary.
struct ErrorLine: Sendable {
    var field: String
    var message: String
}
