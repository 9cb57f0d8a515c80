import ICalendar
import Synchronization

/// How many instances all the ``InstanceMemo``s sharing it may keep together.
///
/// A memo keeps at most ``InstanceMemo/maximumInstances`` per recurrence set, but a cache of
/// parsed objects bounded by their text could still hold thousands of memos of long COUNT
/// rules. Past the capacity a memo expands its sets per window,
/// as without a memo; a memo gives its instances back when it goes away.
public final class InstanceBudget: Sendable {
    public let capacity: Int
    private let used = Atomic<Int>(0)

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// A budget of `bytes` of memory: as many instances as take that much room.
    public convenience init(bytes: Int) {
        self.init(capacity: bytes / Self.bytesPerInstance)
    }

    /// What one kept instance takes: its stride in the memo's array (its UID's storage is shared
    /// with the parsed component's).
    public static let bytesPerInstance = MemoryLayout<Instance>.stride

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
