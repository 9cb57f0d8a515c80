import DAVXML
import Foundation
import ICalendar
import Testing

/// What an ordinary account could send to hurt everyone, against a live server on a real
/// SQLite file: each answer is a 4xx naming what is wrong, the server keeps answering, and
/// nothing was stored (``SafetyTests/survives(_:)`` checks the calendar is as it was).
struct HostileInputTests {
    static let calendar = SafetyTests.calendar
    static let validCalendarData = XMLName("urn:ietf:params:xml:ns:caldav", "valid-calendar-data")

    /// A VCALENDAR whose VEVENT holds `depth` nested X- components.
    static func nested(depth: Int) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tests//EN", "BEGIN:VEVENT", "UID:deep", "DTSTAMP:20251101T120000Z"]
        lines += ["DTSTART:20251117T120000Z", "DTEND:20251117T130000Z"]
        lines += Array(repeating: "BEGIN:X-N", count: depth) + Array(repeating: "END:X-N", count: depth)
        return ICS.lines(lines + ["END:VEVENT", "END:VCALENDAR"])
    }

    @Test("components nested 25,000 deep are refused with the limit named; 16 deep is the edge, 17 is one past it")
    func deepComponents() async throws {
        try await SafetyTests.survives { client in
            let bomb = Self.nested(depth: 25_000)
            #expect(bomb.utf8.count < 1 << 20)
            let answer = try await client.put(Self.calendar + "deep.ics", bomb)
            #expect(answer.status == 403, "\(answer.text)")
            #expect(try answer.errorCondition() == Self.validCalendarData)
            #expect(answer.text.contains("16 deep"))
            let outbox = try await client.send(
                "POST", "/dav/calendars/alice/outbox/", headers: ["Content-Type": "text/calendar"], text: bomb)
            #expect(outbox.status == 400)
            // VCALENDAR › VEVENT › 14 X-N = 16 levels: the deepest accepted.
            #expect(try await client.mkcalendar(Self.scratch).status == 201)
            let edge = try await client.put(Self.scratch + "edge.ics", Self.nested(depth: 14))
            #expect(edge.status == 201, "\(edge.text)")
            let past = try await client.put(Self.scratch + "past.ics", Self.nested(depth: 15))
            #expect(past.status == 403)
        }
    }

    @Test("XML nested past 64 elements is a 400 naming the limit; 64 is accepted")
    func deepXML() async throws {
        try await SafetyTests.survives { client in
            func body(_ depth: Int) -> String {
                let inner = String(repeating: "<X:a>", count: depth - 3) + String(repeating: "</X:a>", count: depth - 3)
                return #"<D:propfind xmlns:D="DAV:" xmlns:X="urn:x"><D:prop><X:p>"# + inner + "</X:p></D:prop></D:propfind>"
            }
            let deep = try await client.propfind(Self.calendar, String(repeating: "<D:a xmlns:D=\"DAV:\">", count: 5_000))
            #expect(deep.status == 400)
            let past = try await client.propfind(Self.calendar, body(65))
            #expect(past.status == 400, "\(past.text)")
            #expect(past.text.contains("64 deep"))
            #expect(try await client.propfind(Self.calendar, body(64)).status == 207)
        }
    }

    static func list(_ values: Range<Int>) -> String { values.map(String.init).joined(separator: ",") }

    /// A second calendar for what a test stores on purpose (``SafetyTests/survives(_:)`` checks the first is untouched).
    static let scratch = "/dav/calendars/alice/scratch/"

    /// Bodies PUT must refuse with valid-calendar-data (RFC 4791 §5.3.2.1), each for its reason.
    static let invalidObjects: [(String, String)] = [
        ("no END:VCALENDAR", ICS.event(uid: "x").replacingOccurrences(of: "END:VCALENDAR\r\n", with: "")),
        ("no END:VEVENT", ICS.event(uid: "x").replacingOccurrences(of: "END:VEVENT\r\n", with: "")),
        ("FREQ=FOO", ICS.event(uid: "x", extra: ["RRULE:FREQ=FOO"])),
        ("INTERVAL=0", ICS.event(uid: "x", extra: ["RRULE:FREQ=DAILY;INTERVAL=0"])),
        ("INTERVAL=-2", ICS.event(uid: "x", extra: ["RRULE:FREQ=DAILY;INTERVAL=-2"])),
        ("COUNT=-1", ICS.event(uid: "x", extra: ["RRULE:FREQ=DAILY;COUNT=-1"])),
        ("COUNT of 100 digits", ICS.event(uid: "x", extra: ["RRULE:FREQ=DAILY;COUNT=" + String(repeating: "9", count: 100)])),
        ("BYDAY=XX", ICS.event(uid: "x", extra: ["RRULE:FREQ=WEEKLY;BYDAY=XX"])),
        ("BYSETPOS=0", ICS.event(uid: "x", extra: ["RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0"])),
        ("BYMONTH=13", ICS.event(uid: "x", extra: ["RRULE:FREQ=YEARLY;BYMONTH=13"])),
        ("COUNT and UNTIL", ICS.event(uid: "x", extra: ["RRULE:FREQ=DAILY;COUNT=3;UNTIL=20251130T000000Z"])),
        ("DTEND before DTSTART", ICS.event(uid: "x", start: "20251117T120000Z", end: "20251117T110000Z")),
        ("DTEND and DURATION", ICS.event(uid: "x", extra: ["DURATION:PT1H"])),
        ("a NUL byte", ICS.event(uid: "x", summary: "nul\u{0}cut")),
        ("SECONDLY all day", ICS.event(uid: "x", extra: ["RRULE:FREQ=SECONDLY;COUNT=999999999"])),
        (
            "DAILY at 3,600 times a day",
            ICS.event(uid: "x", extra: ["RRULE:FREQ=DAILY;BYHOUR=\(list(0..<24));BYMINUTE=\(list(0..<6));BYSECOND=\(list(0..<25))"])
        ),
        ("walked COUNT above the limit", ICS.event(uid: "x", extra: ["RRULE:FREQ=MONTHLY;BYDAY=MO,TU;COUNT=1000000"])),
    ]

    @Test("invalid calendar data is refused with 403 valid-calendar-data and a message, and not stored", arguments: 0..<invalidObjects.count)
    func refusesInvalidObject(index: Int) async throws {
        let (name, text) = Self.invalidObjects[index]
        try await SafetyTests.survives { client in
            let answer = try await client.put(Self.calendar + "bad.ics", text)
            #expect(answer.status == 403, "\(name): \(answer.text)")
            #expect(try answer.errorCondition() == Self.validCalendarData, "\(name)")
            #expect(try await client.get(Self.calendar + "bad.ics").status == 404, "\(name)")
        }
    }

    @Test("what real clients send is still accepted: DTEND with DURATION:PT0S (Lightning), \\; in RRULE, DATE without VALUE=DATE")
    func benignRepairs() async throws {
        try await SafetyTests.survives { client in
            #expect(try await client.mkcalendar(Self.scratch).status == 201)
            let lightning = ICS.event(uid: "l", extra: ["DURATION:PT0S"])
            #expect(try await client.put(Self.scratch + "l.ics", lightning).status == 201)
            let escaped = ICS.event(uid: "e", extra: ["RRULE:FREQ=WEEKLY\\;COUNT=3"])
            #expect(try await client.put(Self.scratch + "e.ics", escaped).status == 201)
            let dated = ICS.event(uid: "d", start: "20251117", end: "20251118")
            #expect(try await client.put(Self.scratch + "d.ics", dated).status == 201)
            let minutely = ICS.event(uid: "m", extra: ["RRULE:FREQ=MINUTELY;COUNT=999999999"])
            #expect(try await client.put(Self.scratch + "m.ics", minutely).status == 201)
            for name in ["l", "e", "d", "m"] {
                let deleted = try await client.delete(Self.scratch + "\(name).ics")
                #expect(deleted.status == 204)
            }
        }
    }

    @Test("a NUL in a path is a 400: PUT evil%00.ics, GET ok.ics%00.txt, MKCOL %00/")
    func nulInPaths() async throws {
        try await SafetyTests.survives { client in
            #expect(try await client.put(Self.calendar + "evil%00.ics", ICS.event(uid: "evil")).status == 400)
            #expect(try await client.get(Self.calendar + "kept.ics%00.txt").status == 400)
            #expect(try await client.send("MKCOL", "/dav/calendars/alice/%00/").status == 400)
            let listing = try await client.propfind("/dav/calendars/alice/", depth: "1", props: "<D:displayname/>")
            #expect(!listing.text.contains("%00"))
        }
    }

    @Test("PROPPATCH and DELETE with If-Match on a missing resource are 412; DELETE without a condition is 404")
    func preconditionsOnMissing() async throws {
        try await SafetyTests.survives { client in
            let patch = try await client.send(
                "PROPPATCH", Self.calendar + "missing.ics", headers: ["If-Match": "\"abc\"", "Content-Type": "application/xml"],
                text: #"<D:propertyupdate xmlns:D="DAV:" xmlns:X="urn:x"><D:set><D:prop><X:p>1</X:p></D:prop></D:set></D:propertyupdate>"#)
            #expect(patch.status == 412, "\(patch.text)")
            #expect(try await client.delete(Self.calendar + "missing.ics", headers: ["If-Match": "*"]).status == 412)
            #expect(try await client.delete(Self.calendar + "missing.ics").status == 404)
            let stale = try await client.send(
                "PROPPATCH", Self.calendar, headers: ["If-Match": "\"stale\"", "Content-Type": "application/xml"],
                text: #"<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:displayname>x</D:displayname></D:prop></D:set></D:propertyupdate>"#)
            #expect(stale.status == 412)
        }
    }

    @Test("two DELETEs with If-Match racing: one 204, the other 412 or 404, never 409")
    func racingDeletes() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar(Self.calendar).status == 201)
            for round in 0..<10 {
                let path = Self.calendar + "race\(round).ics"
                let tag = try #require(try await client.put(path, ICS.event(uid: "race\(round)")).header("ETag"))
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<2 { group.addTask { try await client.delete(path, headers: ["If-Match": tag]).status } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == 204 }.count == 1, "\(statuses)")
                #expect(statuses.allSatisfy { [204, 404, 412].contains($0) }, "\(statuses)")
            }
        }
    }
}

extension HostileInputTests {
    @Test("a request head over 16 KiB is a 431 and reaches no route; one under it is served")
    func oversizedHead() async throws {
        try await SafetyTests.survives { client in
            do {
                let big = try await client.send(
                    "PUT", Self.calendar + "big.ics", headers: ["X-Padding": String(repeating: "a", count: 20_000)], text: ICS.event(uid: "big"))
                #expect(big.status == 431)
            } catch {
                // Under load the server's 431 and close can overtake the client still writing
                // its body: the client then sees its channel closed instead of the answer.
                #expect("\(error)".localizedCaseInsensitiveContains("closed"), "\(error)")
            }
            #expect(try await client.get(Self.calendar + "big.ics").status == 404, "the oversized PUT reached a route")
            let fits = try await client.propfind(
                Self.calendar, props: "<D:displayname/>", headers: ["X-Padding": String(repeating: "a", count: 8_000)])
            #expect(fits.status == 207)
        }
    }
}
