import Synchronization

/// How many instances all the ``InstanceMemo``s sharing it may keep together.
///
/// A memo keeps at most ``InstanceMemo/maximumInstances`` per recurrence set, but a cache of
/// parsed objects bounded by their text could still hold thousands of memos of long COUNT
/// rules (120 bytes an instance). Past the capacity a memo expands its sets per window,
/// as without a memo; a memo gives its instances back when it goes away.
public final class InstanceBudget: Sendable {
    public let capacity: Int
    private let used = Atomic<Int>(0)

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Instances kept now by the memos sharing this budget.
    public var inUse: Int { used.load(ordering: .relaxed) }

    /// Takes `count` instances from the budget; false (taking nothing) when they do not fit.
    func reserve(_ count: Int) -> Bool {
        var current = used.load(ordering: .relaxed)
        while current + count <= capacity {
            let (exchanged, original) = used.compareExchange(expected: current, desired: current + count, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }

    func release(_ count: Int) {
        guard count > 0 else { return }
        used.subtract(count, ordering: .relaxed)
    }
}
