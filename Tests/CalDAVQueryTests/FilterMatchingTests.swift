import Foundation
import ICalendar
import Testing

@testable import CalDAVQuery

private typealias Support = QueryTestSupport

/// comp-filter, prop-filter, param-filter, text-match and is-not-defined (RFC 4791 §9.7),
/// evaluated on real parsed objects.
struct FilterMatchingTests {
    static let meeting = """
        BEGIN:VEVENT
        UID:meeting-1@example.com
        DTSTAMP:20240101T000000Z
        DTSTART:20240110T150000Z
        DURATION:PT1H
        SUMMARY:Planning \\; Budget Review
        STATUS:TENTATIVE
        ATTENDEE;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:ana@example.com
        ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:Bruno@Example.com
        X-ABC-GUID:E1CX5Dr-0007ym-Hz@example.com
        BEGIN:VALARM
        ACTION:DISPLAY
        DESCRIPTION:soon
        TRIGGER:-PT15M
        END:VALARM
        END:VEVENT
        """

    static let task = """
        BEGIN:VTODO
        UID:task-1@example.com
        DTSTAMP:20240101T000000Z
        SUMMARY:Überprüfung der Straße
        STATUS:NEEDS-ACTION
        END:VTODO
        """

    static func matches(_ filterXML: String, _ body: String) throws -> Bool {
        try Support.query(filter: filterXML).filter.matches(Support.calendar(body))
    }

    static func event(_ inner: String) -> String {
        "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\">\(inner)</C:comp-filter></C:comp-filter>"
    }

    static func todo(_ inner: String) -> String {
        "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VTODO\">\(inner)</C:comp-filter></C:comp-filter>"
    }

    @Test("an empty comp-filter matches when the component exists; is-not-defined when it does not")
    func componentExistence() throws {
        #expect(try Self.matches("<C:comp-filter name=\"VCALENDAR\"/>", Self.meeting))
        #expect(try Self.matches(Self.event(""), Self.meeting))
        #expect(try !Self.matches(Self.todo(""), Self.meeting))
        #expect(try Self.matches(Self.todo(""), Self.task))
        #expect(try !Self.matches(Self.event("<C:is-not-defined/>"), Self.meeting))
        #expect(try Self.matches(Self.todo("<C:is-not-defined/>"), Self.meeting))
        // Nested: the alarm of the meeting; the task has none.
        #expect(try Self.matches(Self.event("<C:comp-filter name=\"VALARM\"/>"), Self.meeting))
        #expect(try Self.matches(Self.todo("<C:comp-filter name=\"VALARM\"><C:is-not-defined/></C:comp-filter>"), Self.task))
        #expect(try !Self.matches(Self.event("<C:comp-filter name=\"VALARM\"><C:is-not-defined/></C:comp-filter>"), Self.meeting))
    }

    @Test("without a component type: a time-range or a prop-filter directly under VCALENDAR reads the calendar's components")
    func componentTypeOptional() throws {
        func root(_ inner: String) -> String { "<C:comp-filter name=\"VCALENDAR\">\(inner)</C:comp-filter>" }
        // The meeting is 2024-01-10 15:00–16:00 UTC.
        #expect(try Self.matches(root(#"<C:time-range start="20240110T000000Z" end="20240111T000000Z"/>"#), Self.meeting))
        #expect(try !Self.matches(root(#"<C:time-range start="20240111T000000Z" end="20240112T000000Z"/>"#), Self.meeting))
        let summary = #"<C:prop-filter name="SUMMARY"><C:text-match collation="i;ascii-casemap">budget</C:text-match></C:prop-filter>"#
        #expect(try Self.matches(root(summary), Self.meeting))
        #expect(try !Self.matches(root(summary), Self.task))
        #expect(try Self.matches(root(#"<C:prop-filter name="STATUS"/>"#), Self.task))
        #expect(try !Self.matches(root(#"<C:prop-filter name="LOCATION"/>"#), Self.meeting))
        #expect(try Self.matches(root(#"<C:prop-filter name="LOCATION"><C:is-not-defined/></C:prop-filter>"#), Self.meeting))
        // The VCALENDAR's own properties are still read as RFC 4791 says.
        #expect(try Self.matches(root(#"<C:prop-filter name="PRODID"><C:text-match>Horario</C:text-match></C:prop-filter>"#), Self.meeting))
        #expect(try !Self.matches(root(#"<C:prop-filter name="VERSION"><C:is-not-defined/></C:prop-filter>"#), Self.meeting))
    }

    @Test("prop-filter: existence, is-not-defined, and the RFC's pending to-dos query")
    func propertyExistence() throws {
        #expect(try Self.matches(Self.event("<C:prop-filter name=\"X-ABC-GUID\"/>"), Self.meeting))
        #expect(try !Self.matches(Self.event("<C:prop-filter name=\"LOCATION\"/>"), Self.meeting))
        #expect(try Self.matches(Self.event("<C:prop-filter name=\"LOCATION\"><C:is-not-defined/></C:prop-filter>"), Self.meeting))
        let pending = Self.todo(
            """
            <C:prop-filter name="COMPLETED"><C:is-not-defined/></C:prop-filter>
            <C:prop-filter name="STATUS"><C:text-match negate-condition="yes">CANCELLED</C:text-match></C:prop-filter>
            """)
        #expect(try Self.matches(pending, Self.task))
        let cancelled = Self.task.replacingOccurrences(of: "STATUS:NEEDS-ACTION", with: "STATUS:CANCELLED")
        #expect(try !Self.matches(pending, cancelled))
        let completed = Self.task.replacingOccurrences(of: "STATUS:NEEDS-ACTION", with: "STATUS:COMPLETED\nCOMPLETED:20240102T000000Z")
        #expect(try !Self.matches(pending, completed))
        // Without STATUS there is no property for the negated text-match to pass on (RFC 4791 §9.7.2).
        let noStatus = Self.task.replacingOccurrences(of: "STATUS:NEEDS-ACTION\n", with: "")
        #expect(try !Self.matches(pending, noStatus))
    }

    @Test("text-match is a substring test on the unescaped value; i;ascii-casemap folds ASCII case only")
    func asciiCasemap() throws {
        func summary(_ text: String, _ attributes: String = "") throws -> Bool {
            try Self.matches(
                Self.event("<C:prop-filter name=\"SUMMARY\"><C:text-match \(attributes)>\(text)</C:text-match></C:prop-filter>"), Self.meeting)
        }
        #expect(try summary("budget"))
        #expect(try summary("PLANNING ; BUDGET"))
        #expect(try !summary("\\;"))
        #expect(try summary(""))
        #expect(try !summary("budgets"))
        // ASCII folding leaves other letters alone.
        #expect(try Self.matches(Self.todo("<C:prop-filter name=\"SUMMARY\"><C:text-match>STRAßE</C:text-match></C:prop-filter>"), Self.task))
        #expect(try !Self.matches(Self.todo("<C:prop-filter name=\"SUMMARY\"><C:text-match>ÜBERPRÜFUNG</C:text-match></C:prop-filter>"), Self.task))
    }

    @Test("i;octet is exact; i;unicode-casemap folds all of Unicode, ß and SS included")
    func otherCollations() throws {
        func taskSummary(_ text: String, _ collation: String) throws -> Bool {
            try Self.matches(
                Self.todo("<C:prop-filter name=\"SUMMARY\"><C:text-match collation=\"\(collation)\">\(text)</C:text-match></C:prop-filter>"),
                Self.task)
        }
        #expect(try taskSummary("Überprüfung", "i;octet"))
        #expect(try !taskSummary("überprüfung", "i;octet"))
        #expect(try taskSummary("ÜBERPRÜFUNG", "i;unicode-casemap"))
        #expect(try taskSummary("STRASSE", "i;unicode-casemap"))
        #expect(try !taskSummary("STRASSE", "i;ascii-casemap"))
        // Decomposed input (U+0055 U+0308) matches the precomposed stored text.
        #expect(try taskSummary("u\u{0308}berpru\u{0308}fung", "i;unicode-casemap"))
        #expect(Collation.unicodeCasemap.contains("ΣΟΦΊΑ", in: "σοφία"))
    }

    @Test("negate-condition inverts the text test; with several properties, one that passes is enough")
    func negation() throws {
        func attendee(_ inner: String) throws -> Bool {
            try Self.matches(Self.event("<C:prop-filter name=\"ATTENDEE\">\(inner)</C:prop-filter>"), Self.meeting)
        }
        #expect(try attendee("<C:text-match negate-condition=\"yes\">ana@</C:text-match>"))
        #expect(try !attendee("<C:text-match negate-condition=\"yes\">example.com</C:text-match>"))
        #expect(
            try !Self.matches(
                Self.event("<C:prop-filter name=\"STATUS\"><C:text-match negate-condition=\"yes\">tentative</C:text-match></C:prop-filter>"),
                Self.meeting))
        #expect(
            try Self.matches(
                Self.event("<C:prop-filter name=\"STATUS\"><C:text-match negate-condition=\"no\">tentative</C:text-match></C:prop-filter>"),
                Self.meeting))
    }

    @Test("param-filter: the text-match and the param-filter must hold on the same property (RFC 4791 §7.8.7)")
    func parameters() throws {
        func attendee(_ value: String, partstat: String) throws -> Bool {
            try Self.matches(
                Self.event(
                    """
                    <C:prop-filter name="ATTENDEE">
                      <C:text-match>\(value)</C:text-match>
                      <C:param-filter name="PARTSTAT"><C:text-match>\(partstat)</C:text-match></C:param-filter>
                    </C:prop-filter>
                    """), Self.meeting)
        }
        #expect(try attendee("mailto:bruno@example.com", partstat: "NEEDS-ACTION"))
        #expect(try attendee("mailto:ana@example.com", partstat: "accepted"))
        #expect(try !attendee("mailto:ana@example.com", partstat: "NEEDS-ACTION"))
        #expect(try Self.matches(Self.event("<C:prop-filter name=\"ATTENDEE\"><C:param-filter name=\"ROLE\"/></C:prop-filter>"), Self.meeting))
        #expect(try !Self.matches(Self.event("<C:prop-filter name=\"ATTENDEE\"><C:param-filter name=\"RSVP\"/></C:prop-filter>"), Self.meeting))
        // One ATTENDEE has no ROLE.
        #expect(
            try Self.matches(
                Self.event("<C:prop-filter name=\"ATTENDEE\"><C:param-filter name=\"ROLE\"><C:is-not-defined/></C:param-filter></C:prop-filter>"),
                Self.meeting))
    }

    @Test("a UID lookup with i;octet finds exactly that object")
    func uidLookup() throws {
        let filter = Self.event(
            "<C:prop-filter name=\"UID\"><C:text-match collation=\"i;octet\">meeting-1@example.com</C:text-match></C:prop-filter>")
        #expect(try Self.matches(filter, Self.meeting))
        #expect(try !Self.matches(filter, Self.meeting.replacingOccurrences(of: "meeting-1", with: "meeting-2")))
    }

    @Test("prop-filter time-range tests DATE-TIME values: (start <= value) AND (end > value); DURATION stands for DTEND")
    func propertyTimeRange() throws {
        func property(_ name: String, _ start: String?, _ end: String?) throws -> Bool {
            var attributes = ""
            if let start { attributes += " start=\"\(start)\"" }
            if let end { attributes += " end=\"\(end)\"" }
            return try Self.matches(Self.event("<C:prop-filter name=\"\(name)\"><C:time-range\(attributes)/></C:prop-filter>"), Self.meeting)
        }
        #expect(try property("DTSTAMP", "20240101T000000Z", "20240101T000001Z"))
        #expect(try !property("DTSTAMP", "20240101T000001Z", nil))
        #expect(try property("DTSTART", nil, "20240110T150001Z"))
        #expect(try !property("DTSTART", nil, "20240110T150000Z"))
        // No DTEND: DTSTART+DURATION is 16:00.
        #expect(try property("DTEND", "20240110T160000Z", "20240110T160001Z"))
        #expect(try !property("DTEND", "20240110T150000Z", "20240110T160000Z"))
        #expect(try !property("LAST-MODIFIED", "20000101T000000Z", nil))
    }

    @Test("comp-filters nest: all children must match the same component")
    func nesting() throws {
        let both = Self.event(
            """
            <C:prop-filter name="SUMMARY"><C:text-match>planning</C:text-match></C:prop-filter>
            <C:comp-filter name="VALARM"><C:prop-filter name="ACTION"><C:text-match>display</C:text-match></C:prop-filter></C:comp-filter>
            """)
        #expect(try Self.matches(both, Self.meeting))
        #expect(try !Self.matches(both, Self.meeting.replacingOccurrences(of: "ACTION:DISPLAY", with: "ACTION:AUDIO")))
        // Two events in one object (an override): a filter holds when one of them passes all tests.
        let series = """
            BEGIN:VEVENT
            UID:s
            DTSTART:20240101T090000Z
            RRULE:FREQ=DAILY;COUNT=3
            SUMMARY:Standup
            END:VEVENT
            BEGIN:VEVENT
            UID:s
            RECURRENCE-ID:20240102T090000Z
            DTSTART:20240102T100000Z
            SUMMARY:Standup (moved)
            LOCATION:Room 4
            END:VEVENT
            """
        let movedInRoom = Self.event(
            """
            <C:prop-filter name="SUMMARY"><C:text-match>moved</C:text-match></C:prop-filter>
            <C:prop-filter name="LOCATION"/>
            """)
        #expect(try Self.matches(movedInRoom, series))
        let masterInRoom = Self.event(
            """
            <C:prop-filter name="RRULE"/>
            <C:prop-filter name="LOCATION"/>
            """)
        #expect(try !Self.matches(masterInRoom, series))
    }
}
