/// The kind of a busy period (RFC 5545 §3.2.9 FBTYPE, RFC 7953 BUSYTYPE values).
public enum FreeBusyType: String, Hashable, Sendable, CaseIterable {
    case busy = "BUSY"
    case busyUnavailable = "BUSY-UNAVAILABLE"
    case busyTentative = "BUSY-TENTATIVE"
    case free = "FREE"

    /// Higher wins where periods of different types overlap: a booking inside off-hours is
    /// reported as BUSY, not as BUSY-UNAVAILABLE.
    var precedence: Int {
        switch self {
        case .busy: return 3
        case .busyUnavailable: return 2
        case .busyTentative: return 1
        case .free: return 0
        }
    }
}

/// A half-open span `[start, end)` of one free/busy type.
public struct FreeBusyPeriod: Hashable, Sendable {
    public var start: Instant
    public var end: Instant
    public var type: FreeBusyType

    public init(start: Instant, end: Instant, type: FreeBusyType = .busy) {
        self.start = start
        self.end = end
        self.type = type
    }

    /// Merges overlapping and touching periods; where types overlap the higher-precedence
    /// type wins, so the result never has two periods covering the same instant.
    /// FREE periods are dropped (free is what is not listed).
    public static func merge(_ periods: [FreeBusyPeriod]) -> [FreeBusyPeriod] {
        // Sweep over boundaries keeping a count of open periods per type.
        var events: [(time: Int64, type: FreeBusyType, delta: Int)] = []
        events.reserveCapacity(periods.count * 2)
        for period in periods where period.end > period.start && period.type != .free {
            events.append((period.start.secondsSince1970, period.type, 1))
            events.append((period.end.secondsSince1970, period.type, -1))
        }
        events.sort { $0.time < $1.time }
        var open: [FreeBusyType: Int] = [:]
        var result: [FreeBusyPeriod] = []
        var currentType: FreeBusyType?
        var currentStart: Int64 = 0
        var index = 0
        while index < events.count {
            let time = events[index].time
            while index < events.count, events[index].time == time {
                open[events[index].type, default: 0] += events[index].delta
                index += 1
            }
            let top = FreeBusyType.allCases.filter { (open[$0] ?? 0) > 0 }.max { $0.precedence < $1.precedence }
            if top != currentType {
                if let currentType, time > currentStart {
                    append(
                        FreeBusyPeriod(start: Instant(secondsSince1970: currentStart), end: Instant(secondsSince1970: time), type: currentType),
                        to: &result)
                }
                currentType = top
                currentStart = time
            }
        }
        return result
    }

    private static func append(_ period: FreeBusyPeriod, to result: inout [FreeBusyPeriod]) {
        if let last = result.last, last.type == period.type, last.end == period.start {
            result[result.count - 1].end = period.end
        } else {
            result.append(period)
        }
    }
}
