import Synchronization

/// Rules already parsed, by their text. A server evaluates the same few hundred RRULE texts
/// (`FREQ=WEEKLY;COUNT=10`…) on every query of a calendar, and parsing one costs more than
/// expanding it over a week. Only rules that parsed are kept; a failing text is parsed again,
/// so its error names its line.
final class RecurrenceRuleMemo: Sendable {
    static let shared = RecurrenceRuleMemo()

    private struct Key: Hashable {
        var text: String
        var lenient: Bool
    }

    /// Past this many texts the memo starts over (rules are small; this bounds memory on
    /// calendars of ever-different rules).
    private let capacity: Int
    private let rules = Mutex<[Key: RecurrenceRule]>([:])

    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    func rule(for text: String, lenient: Bool) -> RecurrenceRule? {
        rules.withLock { $0[Key(text: text, lenient: lenient)] }
    }

    func remember(_ rule: RecurrenceRule, for text: String, lenient: Bool) {
        rules.withLock { rules in
            if rules.count >= capacity { rules.removeAll(keepingCapacity: true) }
            rules[Key(text: text, lenient: lenient)] = rule
        }
    }
}
