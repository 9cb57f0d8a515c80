import Foundation
import ICalendar
import Testing

@testable import CalDAVQuery

/// PUT's strictness proved on real data: every corpus file that lenient parsing reads is still
/// accepted by ``CalendarObjectRules`` unless it is semantically invalid, and each file the
/// rules refuse is listed here with the reason it is invalid (reviewed, not generated).
struct CorpusAcceptanceTests {
    /// Corpus files that parse leniently but break a rule of RFC 5545 that PUT enforces.
    static let refusedOnPurpose: [String: String] = [
        "golang-ical/testdata/timeparsing.ics": "DATE with a Z suffix (20210527Z) is no DATE or DATE-TIME",
        "icalendar/calendars/big_bad_calendar.ics": "unbalanced BEGIN/END",
        "icalendar/calendars/broken_dtstart.ics": "DTSTART:INVALID-DATE",
        "icalendar/calendars/empty_RDATE.ics": "empty RDATE",
        "icalendar/calendars/fuzz_testcase_invalid_month.ics": "fuzzer output, components never closed",
        "icalendar/calendars/invalid_duration.ics": "DURATION beyond any date",
        "icalendar/calendars/issue_1081_empty_rdate.ics": "empty RDATE",
        "icalendar/calendars/issue_1081_invalid_rrule_freq.ics": "FREQ=INVALID_TYPE_CAUSES_ERROR",
        "icalendar/calendars/issue_1081_invalid_start_and_end.ics": "DTSTART:INVALID-DATE",
        "icalendar/calendars/issue_1081_invalid_start_valid_end.ics": "DTSTART:INVALID-DATE",
        "icalendar/calendars/multiple_timezones.ics": "RDATE;VALUE=TIME",
        "icalendar/calendars/parsing_error.ics": "empty EXDATE",
        "icalendar/calendars/pr_480_summary_with_colon.ics": "truncated: no END:VCALENDAR",
        "icalendar/calendars/small_bad_calendar.ics": "no END:VCALENDAR",
        "icalendar/calendars/timezone_same_start_and_offset.ics": "ends in END:VCALENDARD (no END:VCALENDAR)",
        "icalendar/events/issue_464_invalid_rdate.ics": "RDATE period with a six-digit date",
        "libical/net-ical-test-data/rfc2446.ics": "DTEND with seven-digit time",
        "libical/test-data/2446.ics": "DTEND a week before DTSTART",
        "libical/test-data/calendar.ics": "DTEND with seven-digit time",
        "libical/test-data/caltime.ics": "VTIMEZONE never closed",
        "libical/test-data/incoming.ics": "DTEND with five-digit time",
        "libical/test-data/issue251.ics": "RECURRENCE-ID with a control character",
        "libical/test-data/large.ics": "DTEND with seven-digit time",
        "libical/test-data/process-calendar.ics": "DTSTART with five-digit time",
        "libical/test-data/process-incoming.ics": "DTSTART with five-digit time",
        "libical/test-data/restriction.ics": "both DTEND and DURATION",
        "libical/test-data/smallcluster.ics": "UNTIL of six digits",
        "libical/test-data/stresstest.ics": "DTSTART without a date",
        "recurring-ical-events/calendars/Germany_Holidays.ics": "RRULE without FREQ",
        "recurring-ical-events/calendars/end_before_start_event.ics": "DTEND before DTSTART",
        "recurring-ical-events/calendars/issue_128_only_first_event.ics": "COUNT=-1",
        "recurring-ical-events/calendars/issue_132_swapped_start_and_end.ics": "DUE before DTSTART",
        "recurring-ical-events/calendars/issue_201_test_matrix.ics": "VTODO never closed",
        "vobject/vobject_0050.ics": "both DTEND and DURATION (an iTIP message with METHOD, no object resource either)",
    ]

    @Test("every leniently readable corpus file is accepted by PUT's rules, except the reviewed invalid ones")
    func corpusStillAccepted() throws {
        let manifest = try JSONDecoder().decode(
            CorpusConsistencyTests.Manifest.self, from: Data(contentsOf: CorpusConsistencyTests.root.appendingPathComponent("manifest.json")))
        var refused: [String: String] = [:]
        var accepted = 0
        for entry in manifest.files where entry.kind == "ics" {
            guard let data = try? Data(contentsOf: CorpusConsistencyTests.root.appendingPathComponent(entry.path)),
                let parsed = try? ICalendarParser.parse(bytes: Array(data), mode: .lenient)
            else { continue }
            do {
                try CalendarObjectRules.check(parsed)
                accepted += 1
            } catch {
                refused[entry.path] = error.message
            }
        }
        #expect(accepted > 300)
        for (path, reason) in refused.sorted(by: { $0.key < $1.key }) where Self.refusedOnPurpose[path] == nil {
            Issue.record("\(path) refused: \(reason)")
        }
        for path in Self.refusedOnPurpose.keys where refused[path] == nil {
            Issue.record("\(path) is listed as refused but is accepted")
        }
    }
}
