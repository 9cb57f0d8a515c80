import Foundation
import Testing

@testable import ICalendar

/// Truncated and mutated corpus files must never crash or hang the parser, in either mode,
/// and whatever parses must expand its recurrences without trouble. The run is bounded and
/// deterministic (fixed seed), so a failure reproduces.
struct RobustnessTests {
    /// SplitMix64: small, fast, and the same on every platform.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let mutationsPerFile = 12
    /// Every `stride`-th file of the corpus, so CI stays quick while covering every source.
    static let stride = ProcessInfo.processInfo.environment["HORARIO_FUZZ_ALL"] == nil ? 3 : 1

    static func exercise(_ bytes: [UInt8]) {
        for mode in [ParseMode.strict, .lenient] {
            guard let parsed = try? ICalendarParser.parse(bytes: bytes, mode: mode) else { continue }
            _ = ICalendarSerializer.serialize(parsed.components)
            let window = Instant(rfc3339: "2020-01-01T00:00:00Z")!..<Instant(rfc3339: "2020-03-01T00:00:00Z")!
            _ = InstanceExpander.instances(in: parsed.calendar, window: window, limit: 2000)
        }
    }

    @Test("truncations and random byte mutations of corpus files never crash the parser")
    func mutatedCorpusNeverCrashes() throws {
        var generator = SeededGenerator(state: 20_261_125)
        let files = try CorpusTests.manifest().enumerated().filter { $0.offset % Self.stride == 0 }.map(\.element)
        var cases = 0
        let interesting: [UInt8] = Array(":;,=\"\\\r\n ^TZ0123456789-+PWDHMS".utf8) + [0, 0xC3, 0xFF, 0x80]
        for entry in files {
            let original = try CorpusTests.bytes(entry.path)
            guard !original.isEmpty else { continue }
            for round in 0..<Self.mutationsPerFile {
                var bytes = original
                if round % 3 == 0 {
                    bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
                } else {
                    for _ in 0..<Int.random(in: 1...8, using: &generator) {
                        let index = Int.random(in: 0..<bytes.count, using: &generator)
                        switch Int.random(in: 0..<3, using: &generator) {
                        case 0: bytes[index] = interesting.randomElement(using: &generator)!
                        case 1: bytes.remove(at: index)
                        default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                        }
                        if bytes.isEmpty { break }
                    }
                }
                Self.exercise(bytes)
                cases += 1
            }
        }
        #expect(cases > 3000)
    }

    @Test("pathological rules and values are bounded: a hundred million SECONDLY instances, a rule that never matches")
    func pathologicalInputsAreBounded() throws {
        let text = """
            BEGIN:VCALENDAR
            BEGIN:VEVENT
            UID:a
            DTSTART:20200101T000000Z
            RRULE:FREQ=SECONDLY;COUNT=100000000
            END:VEVENT
            BEGIN:VEVENT
            UID:b
            DTSTART;TZID=America/Sao_Paulo:20180101T000000
            RRULE:FREQ=MINUTELY;BYSETPOS=-1;BYMONTHDAY=31;BYMONTH=2
            END:VEVENT
            END:VCALENDAR
            """
        let parsed = try ICalendarParser.parse(text, mode: .lenient)
        let window = Instant(rfc3339: "2020-01-01T00:00:00Z")!..<Instant(rfc3339: "2020-01-01T01:00:00Z")!
        let instances = InstanceExpander.instances(in: parsed.calendar, window: window, limit: 500)
        #expect(instances.count == 500)
    }
}
