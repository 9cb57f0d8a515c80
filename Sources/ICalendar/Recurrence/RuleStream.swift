/// One rule's instances, in position order, with UNTIL applied on positions.
///
/// Rules expand in wall-clock order, and that is position order except around a DST gap:
/// a wall time in the gap is moved forward by the gap's length, past wall times just after
/// the gap. Only shifted items can be out of order, and every item that was *not* shifted
/// is ≤ everything after it (the wall-time → instant map only drops at a gap's end, back to
/// the gap start's value). So shifted items wait until an unshifted item at or beyond them
/// arrives; no fixed look-ahead margin is needed. Shifted items come in ascending position
/// among themselves, as do unshifted ones, so two FIFO queues merged by head suffice (a
/// SECONDLY rule buffers a whole gap hour).
struct RuleStream: Sendable {
    struct Item: Sendable {
        let position: Int64
        let local: LocalDateTime
    }

    private var iterator: RecurrenceIterator
    private let mapper: TimeLineMapper
    /// DTSTART, when it is an instance regardless of UNTIL (RRULEs, not EXRULEs).
    private let exemptLocal: LocalDateTime?
    private let untilPosition: Int64?
    private var shiftedItems = Queue()
    private var plainItems = Queue()
    /// Every later item is at or after this position.
    private var safe = Int64.min
    private var exhausted = false

    init(iterator: RecurrenceIterator, mapper: TimeLineMapper, dtstart: LocalDateTime, until: DateOrDateTime?, exemptingDTStart: Bool) {
        self.iterator = iterator
        self.mapper = mapper
        exemptLocal = exemptingDTStart ? dtstart : nil
        untilPosition = until.map { mapper.untilPosition($0) }
    }

    mutating func next() -> Item? {
        while true {
            switch (shiftedItems.first, plainItems.first) {
            case (let shifted?, let plain?): return shifted.position <= plain.position ? shiftedItems.pop() : plainItems.pop()
            case (nil, _?): return plainItems.pop()
            case (let shifted?, nil) where exhausted || shifted.position <= safe: return shiftedItems.pop()
            default: break
            }
            if exhausted { return nil }
            guard let local = iterator.next() else {
                exhausted = true
                continue
            }
            let position = mapper.position(local: local)
            let shifted = mapper.isShifted(local, position: position)
            // UNTIL is inclusive and compared on the instant (RFC 5545 §3.3.10); DTSTART is
            // an instance regardless (§3.8.5.3).
            if let untilPosition, position > untilPosition, local != exemptLocal {
                if !shifted { exhausted = true }
                continue
            }
            if shifted {
                shiftedItems.push(Item(position: position, local: local))
            } else {
                plainItems.push(Item(position: position, local: local))
                safe = max(safe, position)
            }
        }
    }

    /// A FIFO with amortized O(1) pops.
    private struct Queue: Sendable {
        private var items: [Item] = []
        private var head = 0

        var first: Item? { head < items.count ? items[head] : nil }

        mutating func push(_ item: Item) { items.append(item) }

        mutating func pop() -> Item {
            let item = items[head]
            head += 1
            if head == items.count {
                items.removeAll(keepingCapacity: true)
                head = 0
            }
            return item
        }
    }
}
