/// How many instances `<C:expand>` may write into one answer in all. Each recurrence set is
/// bounded on its own (``CalendarDataRenderer/maximumExpandedInstances``) and PUT refuses rules
/// denser than one a minute, but a calendar of many such objects expanded over a long range
/// would still be minutes of work and gigabytes of answer: past this bound the report is
/// refused with DAV:number-of-matches-within-limits, and the client asks for a shorter range.
///
/// One per request; not shared between tasks.
public final class ExpansionBudget {
    public static let maximumInstancesPerAnswer = 100_000

    public let capacity: Int
    public private(set) var remaining: Int

    public init(capacity: Int = ExpansionBudget.maximumInstancesPerAnswer) {
        self.capacity = capacity
        remaining = capacity
    }

    /// Counts `count` more instances written; throws once the answer holds more than the capacity.
    func spend(_ count: Int) throws(CalDAVQueryError) {
        remaining -= count
        guard remaining >= 0 else {
            throw .tooManyInstances("the expanded answer would hold more than \(capacity) instances; ask for a shorter time range")
        }
    }
}
