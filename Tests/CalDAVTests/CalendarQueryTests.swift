import DAVXML
import Foundation
import ICalendar
import Testing

/// calendar-query (RFC 4791 §7.8) over HTTP: time ranges against a zoned weekly recurrence
/// across a DST change with an override and an EXDATE, property/parameter filters with
/// collations and negation, is-not-defined, and calendar-data with expand and
/// limit-recurrence-set.
struct CalendarQueryTests {
    typealias C = XMLName.CalDAV
    static let calendar = "/dav/calendars/alice/office/"
    static let standup = calendar + "standup.ics"
    static let dentist = calendar + "dentist.ics"
    static let lunch = calendar + "lunch.ics"
    static let todo = calendar + "todo.ics"

    /// Alice's calendar `work` holding the stand-up (see ``ICS/weeklyStandup``), a dentist
    /// appointment on 2024-03-12 with a location and an accepted attendee, a transparent lunch
    /// on 2024-03-25 without location, and a to-do.
    static func withObjects(_ body: @Sendable (DAVClient) async throws -> Void) async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar(calendar).status == 201)
            #expect(try await client.put(standup, ICS.weeklyStandup).status == 201)
            let dentistText = ICS.event(
                uid: "dentist", start: "20240312T150000Z", end: "20240312T160000Z", summary: "Dentist appointment",
                extra: ["LOCATION:Clinic", "ATTENDEE;PARTSTAT=ACCEPTED;CN=Carla:mailto:carla@example.org"])
            #expect(try await client.put(dentist, dentistText).status == 201)
            let lunchText = ICS.event(
                uid: "lunch", start: "20240325T160000Z", end: "20240325T170000Z", summary: "Lunch with Ana",
                extra: ["TRANSP:TRANSPARENT", "ATTENDEE;PARTSTAT=TENTATIVE:mailto:ana@example.org"])
            #expect(try await client.put(lunch, lunchText).status == 201)
            #expect(try await client.put(todo, ICS.todo(uid: "todo")).status == 201)
            try await body(client)
        }
    }

    /// The hrefs a calendar-query with `filter` returns.
    static func query(_ client: DAVClient, _ filter: String) async throws -> Set<String> {
        let answer = try await client.report(calendar, XMLBodies.calendarQuery(filter))
        let multistatus = try answer.multistatus()
        for response in multistatus.responses { #expect(response.property(XMLName.DAV.getetag) != nil, "\(response.href)") }
        return Set(multistatus.hrefs)
    }

    /// Runs the query and checks the set of hrefs it returns.
    static func expectQuery(
        _ client: DAVClient, _ filter: String, returns expected: Set<String>, _ comment: Comment? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let hrefs = try await query(client, filter)
        #expect(hrefs == expected, comment, sourceLocation: sourceLocation)
    }

    @Test(
        "time ranges hit and miss the right instances of a zoned weekly event across the DST change",
        arguments: [
            ("20240226T000000Z", "20240227T000000Z", true, "first instance"),
            ("20240304T133000Z", "20240304T143000Z", true, "14:00 UTC in EST"),
            ("20240304T130000Z", "20240304T134500Z", false, "13:00 UTC is before the EST instance"),
            ("20240311T000000Z", "20240312T000000Z", false, "EXDATE"),
            ("20240318T125900Z", "20240318T133000Z", false, "the moved instance's original time"),
            ("20240318T180000Z", "20240318T181500Z", true, "the override at 14:00 New York"),
            ("20240325T130000Z", "20240325T131500Z", true, "13:00 UTC in EDT"),
            ("20240325T140000Z", "20240325T150000Z", false, "14:00 UTC would be the instance with the winter offset"),
            ("20240401T132900Z", "20240401T133000Z", true, "the last instance, by its last minute"),
            ("20240408T000000Z", "20240409T000000Z", false, "after COUNT=6"),
        ])
    func recurringTimeRanges(start: String, end: String, hits: Bool, label: String) async throws {
        try await Self.withObjects { client in
            let hrefs = try await Self.query(client, XMLBodies.eventsBetween(start, end))
            #expect(hrefs.contains(Self.standup) == hits, "\(label): \(hrefs)")
            #expect(!hrefs.contains(Self.todo))
        }
    }

    @Test("a time range returns exactly the events that overlap it")
    func timeRangeSets() async throws {
        try await Self.withObjects { client in
            try await Self.expectQuery(client, XMLBodies.eventsBetween("20240312T000000Z", "20240313T000000Z"), returns: [Self.dentist])
            try await Self.expectQuery(
                client, XMLBodies.eventsBetween("20240301T000000Z", "20240401T000000Z"),
                returns: [
                    Self.standup, Self.dentist, Self.lunch,
                ])
            try await Self.expectQuery(client, XMLBodies.eventsBetween("20240312T160000Z", "20240312T170000Z"), returns: [], "end is exclusive")
            let allEvents = #"<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter>"#
            try await Self.expectQuery(client, allEvents, returns: [Self.standup, Self.dentist, Self.lunch])
            let todos = #"<C:comp-filter name="VCALENDAR"><C:comp-filter name="VTODO"/></C:comp-filter>"#
            try await Self.expectQuery(client, todos, returns: [Self.todo])
            let everything = #"<C:comp-filter name="VCALENDAR"/>"#
            try await Self.expectQuery(client, everything, returns: [Self.standup, Self.dentist, Self.lunch, Self.todo])
        }
    }

    @Test("prop-filter text-match: case-insensitive by default, exact with i;octet, negate-condition, unknown collation refused")
    func textMatch() async throws {
        try await Self.withObjects { client in
            func summary(_ match: String) -> String {
                XMLBodies.eventFilter(#"<C:prop-filter name="SUMMARY">\#(match)</C:prop-filter>"#)
            }
            try await Self.expectQuery(client, summary("<C:text-match>DENTIST</C:text-match>"), returns: [Self.dentist])
            try await Self.expectQuery(client, summary(#"<C:text-match collation="i;ascii-casemap">dentist</C:text-match>"#), returns: [Self.dentist])
            try await Self.expectQuery(client, summary(#"<C:text-match collation="i;octet">DENTIST</C:text-match>"#), returns: [])
            try await Self.expectQuery(client, summary(#"<C:text-match collation="i;octet">Dentist</C:text-match>"#), returns: [Self.dentist])
            try await Self.expectQuery(
                client, summary(#"<C:text-match negate-condition="yes">stand-up</C:text-match>"#), returns: [Self.dentist, Self.lunch])
            try await Self.expectQuery(client, summary("<C:text-match>(moved)</C:text-match>"), returns: [Self.standup], "an override's text counts")
            let unknown = try await client.report(
                Self.calendar, XMLBodies.calendarQuery(summary(#"<C:text-match collation="i;klingon">x</C:text-match>"#)))
            #expect(unknown.status == 403)
            #expect(try unknown.errorCondition() == C.supportedCollation)
        }
    }

    @Test("param-filter on ATTENDEE PARTSTAT, and is-not-defined on a property")
    func paramFilterAndIsNotDefined() async throws {
        try await Self.withObjects { client in
            let accepted = XMLBodies.eventFilter(
                #"<C:prop-filter name="ATTENDEE"><C:param-filter name="PARTSTAT"><C:text-match>ACCEPTED</C:text-match></C:param-filter></C:prop-filter>"#
            )
            try await Self.expectQuery(client, accepted, returns: [Self.dentist])
            let withoutPartstat = XMLBodies.eventFilter(
                #"<C:prop-filter name="ATTENDEE"><C:param-filter name="PARTSTAT"><C:is-not-defined/></C:param-filter></C:prop-filter>"#)
            try await Self.expectQuery(client, withoutPartstat, returns: [])
            let noLocation = XMLBodies.eventFilter(#"<C:prop-filter name="LOCATION"><C:is-not-defined/></C:prop-filter>"#)
            try await Self.expectQuery(client, noLocation, returns: [Self.standup, Self.lunch])
            let noEvent = #"<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:is-not-defined/></C:comp-filter></C:comp-filter>"#
            try await Self.expectQuery(client, noEvent, returns: [Self.todo])
        }
    }

    @Test("expand returns each instance in the window as its own VEVENT in UTC with RECURRENCE-ID, no rules, no VTIMEZONE")
    func expand() async throws {
        try await Self.withObjects { client in
            let body = XMLBodies.calendarQuery(
                XMLBodies.eventsBetween("20240301T000000Z", "20240320T000000Z"),
                extraProps: #"<C:calendar-data><C:expand start="20240301T000000Z" end="20240320T000000Z"/></C:calendar-data>"#)
            let multistatus = try await client.report(Self.calendar, body).multistatus()
            #expect(Set(multistatus.hrefs) == [Self.standup, Self.dentist])
            let text = try #require(multistatus.response(Self.standup)?.property(C.calendarData)?.text)
            let expanded = try ICS.parse(text)
            #expect(expanded.components(named: "VTIMEZONE").isEmpty)
            let events = expanded.components(named: "VEVENT")
            #expect(events.map { $0.property("DTSTART")?.value } == ["20240304T140000Z", "20240318T180000Z"])
            #expect(events.map { $0.property("DTEND")?.value } == ["20240304T143000Z", "20240318T183000Z"])
            #expect(events.map { $0.property("RECURRENCE-ID")?.value } == ["20240304T140000Z", "20240318T130000Z"])
            #expect(events.map { $0.property("SUMMARY")?.value } == ["Stand-up", "Stand-up (moved)"])
            for event in events {
                #expect(event.property("RRULE") == nil && event.property("EXDATE") == nil)
                #expect(event.properties.allSatisfy { $0.parameter("TZID") == nil })
            }
        }
    }

    @Test("limit-recurrence-set keeps the master and only the overrides that affect the window")
    func limitRecurrenceSet() async throws {
        try await Self.withObjects { client in
            func components(_ start: String, _ end: String) async throws -> [Component] {
                let body = XMLBodies.calendarQuery(
                    XMLBodies.eventsBetween(start, end),
                    extraProps: #"<C:calendar-data><C:limit-recurrence-set start="\#(start)" end="\#(end)"/></C:calendar-data>"#)
                let multistatus = try await client.report(Self.calendar, body).multistatus()
                let text = try #require(multistatus.response(Self.standup)?.property(C.calendarData)?.text)
                return try ICS.parse(text).components(named: "VEVENT")
            }
            let later = try await components("20240320T000000Z", "20240402T000000Z")
            #expect(later.count == 1)
            #expect(later.first?.property("RRULE")?.value == "FREQ=WEEKLY;COUNT=6")
            #expect(later.first?.property("RECURRENCE-ID") == nil)
            let around = try await components("20240318T000000Z", "20240319T000000Z")
            #expect(around.count == 2)
            #expect(around.compactMap { $0.property("RECURRENCE-ID")?.value } == ["20240318T090000"])
        }
    }

    @Test("a query sees an object's latest text: after an update, a move and a delete")
    func queriesFollowWrites() async throws {
        try await Self.withObjects { client in
            let dentistFilter = XMLBodies.eventFilter(#"<C:prop-filter name="SUMMARY"><C:text-match>dentist</C:text-match></C:prop-filter>"#)
            try await Self.expectQuery(client, dentistFilter, returns: [Self.dentist])
            let renamed = ICS.event(uid: "dentist", start: "20240312T150000Z", end: "20240312T160000Z", summary: "Orthodontist")
            #expect(try await client.put(Self.dentist, renamed).status == 204)
            let orthodontist = XMLBodies.eventFilter(#"<C:prop-filter name="SUMMARY"><C:text-match>ortho</C:text-match></C:prop-filter>"#)
            try await Self.expectQuery(client, orthodontist, returns: [Self.dentist])
            try await Self.expectQuery(client, XMLBodies.eventsBetween("20240312T000000Z", "20240313T000000Z"), returns: [Self.dentist])
            let later = ICS.event(uid: "dentist", start: "20240314T150000Z", end: "20240314T160000Z", summary: "Orthodontist")
            #expect(try await client.put(Self.dentist, later).status == 204)
            try await Self.expectQuery(client, XMLBodies.eventsBetween("20240312T000000Z", "20240313T000000Z"), returns: [])
            try await Self.expectQuery(client, XMLBodies.eventsBetween("20240314T000000Z", "20240315T000000Z"), returns: [Self.dentist])
            #expect(try await client.delete(Self.dentist).status == 204)
            try await Self.expectQuery(client, orthodontist, returns: [])
        }
    }

    @Test("all-day and floating times are read in the calendar's time zone, or in the query's <C:timezone>")
    func floatingTimesUseTheCalendarZone() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let zoned = "/dav/calendars/alice/newyork/"
            let made = try await client.mkcalendar(
                zoned, props: "<C:calendar-timezone><![CDATA[\(CollectionTests.newYorkTimezone)]]></C:calendar-timezone>")
            #expect(made.status == 201)
            let allDay = ICS.lines([
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Horario Tests//EN", "BEGIN:VEVENT", "UID:holiday", "DTSTAMP:20240101T000000Z",
                "DTSTART;VALUE=DATE:20240312", "DTEND;VALUE=DATE:20240313", "SUMMARY:Holiday", "END:VEVENT", "END:VCALENDAR",
            ])
            #expect(try await client.put(zoned + "holiday.ics", allDay).status == 201)
            func hits(_ start: String, _ end: String, timezone: String = "") async throws -> Bool {
                let body = XMLBodies.calendarQuery(XMLBodies.eventsBetween(start, end))
                    .replacingOccurrences(of: "</C:filter>", with: "</C:filter>\(timezone)")
                return !(try await client.report(zoned, body).multistatus().hrefs.isEmpty)
            }
            // 2024-03-12 in New York (EDT, −4) is 04:00 UTC on the 12th to 04:00 UTC on the 13th.
            #expect(try await hits("20240312T020000Z", "20240312T030000Z") == false)
            #expect(try await hits("20240313T030000Z", "20240313T033000Z"))
            let utc =
                "<C:timezone><![CDATA["
                + ICS.lines([
                    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Horario Tests//EN", "BEGIN:VTIMEZONE", "TZID:UTC", "BEGIN:STANDARD",
                    "DTSTART:19700101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000", "END:STANDARD", "END:VTIMEZONE", "END:VCALENDAR",
                ]) + "]]></C:timezone>"
            #expect(try await hits("20240312T020000Z", "20240312T030000Z", timezone: utc), "the query's zone wins")
            #expect(try await hits("20240313T030000Z", "20240313T033000Z", timezone: utc) == false)
        }
    }

    @Test("calendar-query on a calendar object itself (Depth 0); malformed filters; reports where they do not apply")
    func objectScopeAndMalformed() async throws {
        try await Self.withObjects { client in
            let onObject = try await client.report(
                Self.dentist, depth: "0", XMLBodies.calendarQuery(XMLBodies.eventsBetween("20240312T000000Z", "20240313T000000Z")))
            #expect(try onObject.multistatus().hrefs == [Self.dentist])
            let noFilter = try await client.report(
                Self.calendar,
                #"<C:calendar-query xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></C:calendar-query>"#)
            #expect(noFilter.status == 403, "\(noFilter.text)")
            #expect(try noFilter.errorCondition() == XMLName(XMLNamespace.calDAV, "valid-filter"))
            let badRange = try await client.report(Self.calendar, XMLBodies.calendarQuery(XMLBodies.eventsBetween("yesterday", "20240313T000000Z")))
            #expect(badRange.status == 403, "\(badRange.text)")
            #expect(try badRange.errorCondition() == XMLName(XMLNamespace.calDAV, "valid-filter"))
            let onHome = try await client.report(
                "/dav/calendars/alice/", XMLBodies.calendarQuery(XMLBodies.eventsBetween("20240312T000000Z", "20240313T000000Z")))
            #expect(onHome.status == 403)
            #expect(try onHome.errorCondition() == XMLName.DAV.supportedReport)
            let unknown = try await client.report(Self.calendar, #"<X:mystery xmlns:X="urn:x-test"/>"#)
            #expect(unknown.status == 403)
            #expect(try unknown.errorCondition() == XMLName.DAV.supportedReport)
        }
    }
}
