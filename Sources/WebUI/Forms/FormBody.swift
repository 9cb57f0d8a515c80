import Foundation

/// An `application/x-www-form-urlencoded` body: name–value pairs in order, names repeated for
/// lists (the ranges of a weekday).
struct FormBody: Sendable {
    var pairs: [(name: String, value: String)] = []

    init() {}

    init(urlEncoded text: String) {
        pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(halves[0]), halves.count > 1 ? Self.decode(halves[1]) : "")
        }
    }

    /// The first value of `name`, trimmed; nil when absent.
    subscript(_ name: String) -> String? {
        pairs.first { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Every value of `name`, in order, trimmed.
    func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Whether a checkbox named `name` was ticked.
    func isChecked(_ name: String) -> Bool { self[name] != nil }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
