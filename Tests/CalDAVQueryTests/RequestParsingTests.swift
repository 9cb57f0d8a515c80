import DAVXML
import ICalendar
import Testing

@testable import CalDAVQuery

private typealias Support = QueryTestSupport

struct RequestParsingTests {
    @Test("calendar-query: properties in order, calendar-data both listed and read, the filter tree, the time zone")
    func calendarQuery() throws {
        let body = """
            <?xml version="1.0" encoding="utf-8"?>
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop>
                <D:getetag/>
                <C:calendar-data content-type="text/calendar" version="2.0">
                  <C:comp name="VCALENDAR">
                    <C:prop name="VERSION"/>
                    <C:comp name="VEVENT">
                      <C:prop name="SUMMARY"/>
                      <C:prop name="ATTENDEE" novalue="yes"/>
                    </C:comp>
                    <C:comp name="VTIMEZONE"/>
                  </C:comp>
                  <C:expand start="20060103T000000Z" end="20060105T000000Z"/>
                </C:calendar-data>
                <D:displayname/>
              </D:prop>
              <C:filter>
                <C:comp-filter name="VCALENDAR">
                  <C:comp-filter name="VEVENT">
                    <C:time-range start="20060104T000000Z"/>
                    <C:prop-filter name="ATTENDEE">
                      <C:text-match collation="i;octet" negate-condition="yes">lisa</C:text-match>
                      <C:param-filter name="PARTSTAT"><C:is-not-defined/></C:param-filter>
                    </C:prop-filter>
                    <C:comp-filter name="VALARM"><C:is-not-defined/></C:comp-filter>
                  </C:comp-filter>
                </C:comp-filter>
              </C:filter>
              <C:timezone><![CDATA[BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:x
            BEGIN:VTIMEZONE
            TZID:America/New_York
            BEGIN:STANDARD
            DTSTART:20071104T020000
            RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
            TZOFFSETFROM:-0400
            TZOFFSETTO:-0500
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:20070311T020000
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
            TZOFFSETFROM:-0500
            TZOFFSETTO:-0400
            END:DAYLIGHT
            END:VTIMEZONE
            END:VCALENDAR
            ]]></C:timezone>
            </C:calendar-query>
            """
        let request = try CalendarQueryRequest(element: Support.xml(body))
        #expect(request.properties == .properties([XMLName.DAV.getetag, XMLName.CalDAV.calendarData, XMLName.DAV.displayname]))
        let data = try #require(request.calendarData)
        #expect(data.expand == Support.window("20060103T000000Z", "20060105T000000Z"))
        #expect(data.limitRecurrenceSet == nil)
        #expect(
            data.component
                == ComponentSelection(
                    name: "VCALENDAR", properties: .named([PropertyRequest(name: "VERSION")]),
                    components: .named([
                        ComponentSelection(
                            name: "VEVENT", properties: .named([PropertyRequest(name: "SUMMARY"), PropertyRequest(name: "ATTENDEE", noValue: true)]),
                            components: .named([])),
                        ComponentSelection(name: "VTIMEZONE"),
                    ])))
        let expected = CompFilter(
            name: "VCALENDAR",
            compFilters: [
                CompFilter(
                    name: "VEVENT", timeRange: Support.range("20060104T000000Z", nil),
                    propFilters: [
                        PropFilter(
                            name: "ATTENDEE", textMatch: TextMatch(text: "lisa", collation: .octet, negate: true),
                            paramFilters: [ParamFilter(name: "PARTSTAT", isNotDefined: true)])
                    ],
                    compFilters: [CompFilter(name: "VALARM", isNotDefined: true)])
            ])
        #expect(request.filter == expected)
        let zone = try #require(request.timezoneRules)
        // The IANA name wins over the shipped definition; July is daylight time either way.
        #expect(zone.offset(at: Support.utc("20240701T120000Z")) == -4 * 3600)
        #expect(request.timezone?.contains("BEGIN:VTIMEZONE") == true)
    }

    @Test("calendar-query without DAV:prop reads as allprop; propname is names; no calendar-data means nil")
    func propertySelectionForms() throws {
        let filter = "<C:comp-filter name=\"VCALENDAR\"/>"
        let none = try CalendarQueryRequest(
            element: Support.xml(
                "<C:calendar-query xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><C:filter>\(filter)</C:filter></C:calendar-query>"))
        #expect(none.properties == .all)
        #expect(none.calendarData == nil)
        let names = try CalendarQueryRequest(
            element: Support.xml(
                "<C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:propname/><C:filter>\(filter)</C:filter></C:calendar-query>"
            ))
        #expect(names.properties == .names)
        let empty = try Support.query(filter: filter, prop: "<C:calendar-data/>")
        #expect(empty.calendarData == CalendarDataRequest())
        #expect(empty.calendarData?.returnsStoredText == true)
    }

    @Test("calendar-multiget keeps hrefs in request order, trimmed, and needs at least one")
    func multiget() throws {
        let body = """
            <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop><D:getetag/><C:calendar-data/></D:prop>
              <D:href>/dav/cal/b.ics</D:href>
              <D:href>
                /dav/cal/a%40x.ics
              </D:href>
            </C:calendar-multiget>
            """
        let request = try CalendarMultigetRequest(element: Support.xml(body))
        #expect(request.hrefs == ["/dav/cal/b.ics", "/dav/cal/a%40x.ics"])
        #expect(request.properties == .properties([XMLName.DAV.getetag, XMLName.CalDAV.calendarData]))
        #expect(request.calendarData == CalendarDataRequest())
        let noHref = Support.error {
            try CalendarMultigetRequest(
                element: Support.xml(
                    "<C:calendar-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop/></C:calendar-multiget>"))
        }
        #expect(noHref == .badRequest("calendar-multiget needs at least one href"))
    }

    @Test("free-busy-query needs exactly one closed UTC time range")
    func freeBusyQuery() throws {
        func read(_ inner: String) -> Result<FreeBusyQueryRequest, CalDAVQueryError> {
            Result { () throws(CalDAVQueryError) in
                try FreeBusyQueryRequest(
                    element: Support.xml("<C:free-busy-query xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\(inner)</C:free-busy-query>"))
            }
        }
        let good = try read("<C:time-range start=\"20060104T140000Z\" end=\"20060105T220000Z\"/>").get()
        #expect(good.window == Support.window("20060104T140000Z", "20060105T220000Z"))
        guard case .failure(.invalidTimeRange) = read("<C:time-range start=\"20060104T140000Z\"/>") else {
            Issue.record("an open range must be refused")
            return
        }
        guard case .failure(.invalidTimeRange) = read("") else {
            Issue.record("a missing range must be refused")
            return
        }
        guard case .failure(.invalidTimeRange) = read("<C:time-range start=\"20060104T140000\" end=\"20060105T220000Z\"/>") else {
            Issue.record("a floating start must be refused")
            return
        }
    }

    @Test(
        "time ranges inside a filter: UTC only, one bound at least, start before end",
        arguments: [
            "<C:time-range start=\"20060104\"/>",
            "<C:time-range start=\"20060104T000000\"/>",
            "<C:time-range start=\"2006-01-04T00:00:00Z\"/>",
            "<C:time-range/>",
            "<C:time-range start=\"20060105T000000Z\" end=\"20060105T000000Z\"/>",
            "<C:time-range start=\"20060106T000000Z\" end=\"20060105T000000Z\"/>",
        ])
    func badFilterTimeRanges(range: String) throws {
        let error = Support.error {
            try Support.query(filter: "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\">\(range)</C:comp-filter></C:comp-filter>")
        }
        guard case .invalidFilter? = error else {
            Issue.record("expected invalidFilter for \(range), got \(String(describing: error))")
            return
        }
        #expect(error?.precondition == XMLName(XMLNamespace.calDAV, "valid-filter"))
    }

    @Test(
        "filters that break RFC 4791 §9.7 are invalid",
        arguments: [
            // The root must be VCALENDAR.
            "<C:comp-filter name=\"VEVENT\"/>",
            // A VEVENT inside a VTODO (the RFC's own example).
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VTODO\"><C:comp-filter name=\"VEVENT\"/></C:comp-filter></C:comp-filter>",
            // A time range on SUMMARY (the RFC's other example).
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"SUMMARY\"><C:time-range start=\"20060104T000000Z\"/></C:prop-filter></C:comp-filter></C:comp-filter>",
            // is-not-defined together with another test.
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:is-not-defined/><C:time-range start=\"20060104T000000Z\"/></C:comp-filter></C:comp-filter>",
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"UID\"><C:is-not-defined/><C:text-match>x</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>",
            // text-match and time-range in one prop-filter.
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"DTSTART\"><C:text-match>x</C:text-match><C:time-range start=\"20060104T000000Z\"/></C:prop-filter></C:comp-filter></C:comp-filter>",
            // No name.
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter/></C:comp-filter>",
            // A bad negate-condition.
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"UID\"><C:text-match negate-condition=\"maybe\">x</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>",
            // Two comp-filters at the top.
            "<C:comp-filter name=\"VCALENDAR\"/><C:comp-filter name=\"VCALENDAR\"/>",
            // An element RFC 4791 does not define in a filter.
            "<C:comp-filter name=\"VCALENDAR\"><C:prop name=\"X\"/></C:comp-filter>",
        ])
    func invalidFilters(filter: String) {
        let error = Support.error { try Support.query(filter: filter) }
        guard case .invalidFilter? = error else {
            Issue.record("expected invalidFilter, got \(String(describing: error))")
            return
        }
    }

    @Test("a time range on a component RFC 4791 §9.9 gives no meaning to is an unsupported filter")
    func unsupportedTimeRange() {
        for name in ["VTIMEZONE", "X-THING", "VAVAILABILITY"] {
            let error = Support.error {
                try Support.query(
                    filter:
                        "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"\(name)\"><C:time-range start=\"20060104T000000Z\"/></C:comp-filter></C:comp-filter>"
                )
            }
            guard case .unsupportedFilter? = error else {
                Issue.record("\(name): expected unsupportedFilter, got \(String(describing: error))")
                continue
            }
            #expect(error?.precondition == XMLName.CalDAV.supportedFilter)
        }
    }

    @Test("X- components and properties can be filtered on (RFC 4791 §7.7 lets servers support them)")
    func extensionNames() throws {
        let request = try Support.query(
            filter:
                "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"X-ABC-GUID\"><C:text-match>ABC</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>"
        )
        #expect(request.filter.compFilters.first?.propFilters.first?.name == "X-ABC-GUID")
    }

    @Test("collations: the three supported ones and 'default'; anything else is supported-collation")
    func collations() throws {
        func collation(_ attribute: String) -> Result<Collation?, CalDAVQueryError> {
            Result { () throws(CalDAVQueryError) in
                try Support.query(
                    filter:
                        "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"SUMMARY\"><C:text-match \(attribute)>x</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>"
                ).filter.compFilters.first?.propFilters.first?.textMatch?.collation
            }
        }
        #expect(try collation("").get() == .asciiCasemap)
        #expect(try collation("collation=\"default\"").get() == .asciiCasemap)
        #expect(try collation("collation=\"i;octet\"").get() == .octet)
        #expect(try collation("collation=\"i;unicode-casemap\"").get() == .unicodeCasemap)
        guard case .failure(let error) = collation("collation=\"i;basic\"") else {
            Issue.record("i;basic must be refused")
            return
        }
        #expect(error == .unsupportedCollation("collation \"i;basic\" is not supported (i;ascii-casemap, i;octet, i;unicode-casemap)"))
        #expect(error.precondition == XMLName.CalDAV.supportedCollation)
    }

    @Test("calendar-data must be text/calendar 2.0; expand needs a closed UTC range; expand and limit-recurrence-set exclude each other")
    func calendarDataRequests() throws {
        func read(_ inner: String, attributes: String = "") -> Result<CalendarDataRequest, CalDAVQueryError> {
            Result { () throws(CalDAVQueryError) in
                try CalendarDataRequest(
                    element: Support.xml("<C:calendar-data xmlns:C=\"urn:ietf:params:xml:ns:caldav\" \(attributes)>\(inner)</C:calendar-data>"))
            }
        }
        #expect(try read("", attributes: "content-type=\"text/calendar; charset=utf-8\"").get() == CalendarDataRequest())
        guard case .failure(.unsupportedCalendarData) = read("", attributes: "content-type=\"application/calendar+json\"") else {
            Issue.record("jCal must be refused")
            return
        }
        guard case .failure(.unsupportedCalendarData) = read("", attributes: "version=\"1.0\"") else {
            Issue.record("vCalendar 1.0 must be refused")
            return
        }
        guard case .failure(.invalidTimeRange) = read("<C:expand start=\"20060103T000000Z\"/>") else {
            Issue.record("expand needs an end")
            return
        }
        guard
            case .failure(.badRequest) = read(
                "<C:expand start=\"20060103T000000Z\" end=\"20060104T000000Z\"/><C:limit-recurrence-set start=\"20060103T000000Z\" end=\"20060104T000000Z\"/>"
            )
        else {
            Issue.record("expand and limit-recurrence-set together must be refused")
            return
        }
        guard case .failure(.badRequest) = read("<C:comp name=\"VEVENT\"/>") else {
            Issue.record("the outer comp must be VCALENDAR")
            return
        }
        let both = try read(
            "<C:limit-recurrence-set start=\"20060103T000000Z\" end=\"20060104T000000Z\"/><C:limit-freebusy-set start=\"20060102T000000Z\" end=\"20060103T000000Z\"/>"
        ).get()
        #expect(both.limitRecurrenceSet == Support.window("20060103T000000Z", "20060104T000000Z"))
        #expect(both.limitFreeBusySet == Support.window("20060102T000000Z", "20060103T000000Z"))
        #expect(!both.returnsStoredText)
    }

    @Test("a <C:timezone> without exactly one VTIMEZONE is not valid calendar data")
    func badTimezone() {
        let error = Support.error {
            try Support.query(
                filter: "<C:comp-filter name=\"VCALENDAR\"/>",
                extra: "<C:timezone>BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nEND:VCALENDAR\n</C:timezone>")
        }
        #expect(error == .invalidCalendarData("timezone must hold exactly one VTIMEZONE, found 0"))
        #expect(error?.precondition == XMLName.CalDAV.validCalendarData)
    }

    @Test("a report element of the wrong kind is a bad request")
    func wrongReport() {
        let error = Support.error {
            try CalendarQueryRequest(element: Support.xml("<C:calendar-multiget xmlns:C=\"urn:ietf:params:xml:ns:caldav\"/>"))
        }
        #expect(error == .badRequest("expected calendar-query, found calendar-multiget"))
        #expect(error?.precondition == nil)
    }
}
