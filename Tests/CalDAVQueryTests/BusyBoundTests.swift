import Foundation
import ICalendar
import Testing

@testable import CalDAVQuery

private typealias Support = QueryTestSupport

/// Past the per-object bound, busy time is conservative: the rest of the window is busy, so a
/// wide slot listing never offers a time that a narrow booking re-check finds busy.
struct BusyBoundTests {
    /// Stored before PUT refused such density: busy every second of every day since 2015.
    static let secondly = """
        BEGIN:VEVENT
        UID:secondly
        DTSTAMP:20250101T000000Z
        DTSTART:20150101T000000Z
        DTEND:20150101T000001Z
        RRULE:FREQ=SECONDLY;COUNT=999999999
        END:VEVENT
        """

    @Test("an object past the bound makes the whole rest of a wide window busy, as every narrow window inside it is")
    func conservativePastTheBound() throws {
        let calendar = try Support.calendar(Self.secondly)
        let wide = Support.window("20251117T000000Z", "20251124T000000Z")
        let periods = FreeBusyCalculator(window: wide).busyPeriods(in: [calendar])
        #expect(periods.count == 1)
        #expect(periods.first?.start == wide.lowerBound)
        #expect(periods.first?.end == wide.upperBound)
        let narrow = Support.window("20251121T120000Z", "20251121T130000Z")
        let narrowPeriods = FreeBusyCalculator(window: narrow).busyPeriods(in: [calendar])
        #expect(narrowPeriods.map(\.start) == [narrow.lowerBound] && narrowPeriods.map(\.end) == [narrow.upperBound])
    }

    @Test("PUT's density rule refuses that object; one a minute is the most accepted")
    func densityRule() throws {
        let refused = Support.text(Self.secondly)
        #expect(throws: CalDAVQueryError.self) { try CalendarObjectFacts.read(refused) }
        let minutely = Support.text(Self.secondly.replacingOccurrences(of: "SECONDLY", with: "MINUTELY"))
        #expect(try CalendarObjectFacts.read(minutely).uid == "secondly")
    }
}
