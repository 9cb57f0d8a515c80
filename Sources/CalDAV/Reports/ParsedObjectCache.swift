import CalDAVQuery
import ICalendar
import Store
import Synchronization

/// Parsed calendar objects, kept between requests: parsing is most of the cost of a
/// calendar-query (clients poll the same weeks again and again), and an object's text only
/// changes with its ETag, which is part of the key, so an entry is never stale.
final class ParsedObjectCache: Sendable {
    private struct Entry {
        var etag: String
        var calendar: Component
        var memo: InstanceMemo
        var size: Int
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    /// Memory the cached trees take, as ``Component/memoryFootprint`` counts it; past it the
    /// cache starts over. (A tree takes three to six times the text it was parsed from.)
    private let byteBudget: Int
    /// What the memos of the cached objects may keep in all, counted in bytes of instances.
    let instanceBudget: InstanceBudget

    init(byteBudget: Int = 48 << 20, instanceBytes: Int = 16 << 20) {
        self.byteBudget = byteBudget
        self.instanceBudget = InstanceBudget(bytes: instanceBytes)
    }

    /// The object's VCALENDAR (lenient parse, as stored), nil when the text cannot be read.
    func calendar(for object: CalendarObject) -> Component? { parsed(object)?.calendar }

    /// The VCALENDAR with the memo of its instances, which lives as long as the parse.
    func parsed(_ object: CalendarObject) -> (calendar: Component, memo: InstanceMemo)? {
        if let entry = state.withLock({ $0.entries[object.id] }), entry.etag == object.etag { return (entry.calendar, entry.memo) }
        guard let calendar = try? ICalendarParser.parse(object.ics, mode: .lenient).calendar else { return nil }
        let memo = InstanceMemo(budget: instanceBudget)
        let size = calendar.memoryFootprint
        state.withLock { state in
            if state.bytes + size > byteBudget {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            if let old = state.entries.updateValue(Entry(etag: object.etag, calendar: calendar, memo: memo, size: size), forKey: object.id) {
                state.bytes -= old.size
            }
            state.bytes += size
        }
        return (calendar, memo)
    }

    /// The objects that parse, each with its memo, as ``FreeBusyCalculator`` takes them.
    func parsedWithMemos(_ objects: [CalendarObject]) -> [(calendar: Component, memo: InstanceMemo?)] {
        objects.compactMap { object in parsed(object).map { ($0.calendar, $0.memo) } }
    }
}
