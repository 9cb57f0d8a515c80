public import Foundation
public import ICalendar

/// Everything the slot engine needs as one JSON object: the I/O contract of `horario slots`
/// (`shared/fixtures/availability/README.md`), also used by the tests and fixtures.
public struct SlotScenario: Decodable, Sendable {
    public struct Window: Decodable, Sendable {
        public var start: String
        public var end: String
    }

    public struct Busy: Decodable, Sendable {
        public var start: String
        public var end: String
        public var source: BusyInterval.Source
        public var sameEventType: Bool?
        public var label: String?
    }

    public var id: String
    public var now: String
    public var window: Window
    public var schedule: Schedule
    public var eventType: EventTypeLimits
    public var busy: [Busy]?
    public var outputTimeZone: String?

    /// One offered slot in the output: UTC bounds and, on request, the start in the booker's zone.
    public struct OutputSlot: Codable, Hashable, Sendable {
        public var start: String
        public var end: String
        public var local: String?
    }

    /// `{"id", "slots"}` or `{"id", "error"}`.
    public struct Output: Codable, Hashable, Sendable {
        public var id: String
        public var slots: [OutputSlot]?
        public var error: String?
    }

    /// Decodes and evaluates; never throws: bad input becomes an error output naming the problem.
    public static func run(json: Data) -> Output {
        let scenario: SlotScenario
        do {
            scenario = try JSONDecoder().decode(SlotScenario.self, from: json)
        } catch {
            let id = (try? JSONSerialization.jsonObject(with: json) as? [String: Any])?["id"] as? String ?? ""
            return Output(id: id, slots: nil, error: "invalid scenario: \(describe(error))")
        }
        return scenario.evaluate()
    }

    public func evaluate() -> Output {
        do {
            return Output(id: id, slots: try computeSlots(), error: nil)
        } catch {
            return Output(id: id, slots: nil, error: error.description)
        }
    }

    func computeSlots() throws(AvailabilityError) -> [OutputSlot] {
        var issues: [ValidationIssue] = []
        let now = Self.instant(now, path: "now", issues: &issues)
        let start = Self.instant(window.start, path: "window.start", issues: &issues)
        let end = Self.instant(window.end, path: "window.end", issues: &issues)
        var intervals: [BusyInterval] = []
        for (index, item) in (busy ?? []).enumerated() {
            let s = Self.instant(item.start, path: "busy[\(index)].start", issues: &issues)
            let e = Self.instant(item.end, path: "busy[\(index)].end", issues: &issues)
            guard let s, let e else { continue }
            if e < s { issues.append(ValidationIssue(path: "busy[\(index)].end", message: "must not be before start")) }
            intervals.append(BusyInterval(start: s, end: e, source: item.source, sameEventType: item.sameEventType ?? false, label: item.label))
        }
        var outputZone: ZoneRules?
        if let name = outputTimeZone {
            outputZone = ScheduleValidator.zone(name, path: "outputTimeZone", issues: &issues)
        }
        var compiled: CompiledSchedule?
        do { compiled = try CompiledSchedule(schedule) } catch {
            issues += error.issues.map { ValidationIssue(path: "schedule." + $0.path, message: $0.message) }
        }
        var limits: CompiledLimits?
        do { limits = try CompiledLimits(eventType) } catch { issues += error.issues }
        if let start, let end, end < start { issues.append(ValidationIssue(path: "window.end", message: "must not be before window.start")) }
        guard issues.isEmpty, let now, let start, let end, let compiled, let limits else { throw .invalid(issues) }
        return compiled.slots(for: limits, busy: intervals, window: start..<end, now: now).map { slot in
            OutputSlot(start: slot.start.description, end: slot.end.description, local: outputZone.map { Self.localString(slot.start, in: $0) })
        }
    }

    static func instant(_ text: String, path: String, issues: inout [ValidationIssue]) -> Instant? {
        guard let instant = Instant(rfc3339: text) else {
            issues.append(ValidationIssue(path: path, message: "\"\(text)\" is not an RFC 3339 instant (2018-11-01T12:00:00Z)"))
            return nil
        }
        return instant
    }

    /// `2018-11-06T09:00:00-02:00`: the wall time in `zone` with its offset.
    public static func localString(_ instant: Instant, in zone: ZoneRules) -> String {
        let offset = zone.offset(at: instant)
        let magnitude = abs(offset)
        let hours = magnitude / 3600
        let minutes = magnitude / 60 % 60
        let sign = offset < 0 ? "-" : "+"
        return zone.local(for: instant).isoString + sign + (hours < 10 ? "0" : "") + String(hours) + ":" + (minutes < 10 ? "0" : "") + String(minutes)
    }

    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch decoding {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): is required"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let at = path(context.codingPath)
            return (at.isEmpty ? "" : at + ": ") + context.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

extension SlotScenario {
    /// The engine's explanation for a slot starting at `instant` in this scenario.
    public func explain(_ instant: Instant) throws(AvailabilityError) -> SlotExplanation {
        var issues: [ValidationIssue] = []
        let now = Self.instant(now, path: "now", issues: &issues)
        let intervals = (busy ?? []).compactMap { item -> BusyInterval? in
            guard let s = Instant(rfc3339: item.start), let e = Instant(rfc3339: item.end) else { return nil }
            return BusyInterval(start: s, end: e, source: item.source, sameEventType: item.sameEventType ?? false, label: item.label)
        }
        guard let now else { throw .invalid(issues) }
        let compiled = try CompiledSchedule(schedule)
        let limits = try CompiledLimits(eventType)
        return compiled.explain(instant, limits: limits, busy: intervals, now: now)
    }
}
