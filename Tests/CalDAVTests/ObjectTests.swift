import DAVXML
import Foundation
import ICalendar
import SQLiteStore
import Store
import Testing

/// Calendar object resources (RFC 4791 §4.1, §5.3.2): PUT with its conditions and CalDAV
/// preconditions, GET/HEAD with entity tags, a calendar's ICS export, DELETE, and the ctag and
/// sync token moving with every write and only then.
struct ObjectTests {
    typealias C = XMLName.CalDAV
    static let calendar = "/dav/calendars/alice/office/"
    static let object = "/dav/calendars/alice/office/dentist.ics"

    /// A server with Alice's client calendar `work` (VEVENT and VTODO).
    static func withCalendar(_ body: @Sendable (DAVClient) async throws -> Void) async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar(calendar).status == 201)
            try await body(client)
        }
    }

    @Test("PUT with If-None-Match: * creates (201 and ETag), the same again is 412 and leaves the object alone")
    func createOnlyOnce() async throws {
        try await Self.withCalendar { client in
            let first = try await client.put(Self.object, ICS.event(uid: "dentist", summary: "First"), headers: ["If-None-Match": "*"])
            #expect(first.status == 201)
            let etag = try #require(first.header("ETag"))
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            let second = try await client.put(Self.object, ICS.event(uid: "dentist", summary: "Second"), headers: ["If-None-Match": "*"])
            #expect(second.status == 412)
            let read = try await client.get(Self.object)
            #expect(read.status == 200)
            #expect(read.header("ETag") == etag)
            #expect(read.text == ICS.event(uid: "dentist", summary: "First"), "the stored text is the client's, byte for byte")
            #expect(read.header("Content-Type")?.hasPrefix("text/calendar") == true)
        }
    }

    @Test("PUT with the right If-Match replaces (204, new ETag); with a stale one it is 412 and nothing changes")
    func conditionalUpdate() async throws {
        try await Self.withCalendar { client in
            let etag = try #require(try await client.put(Self.object, ICS.event(uid: "dentist")).header("ETag"))
            let updated = try await client.put(Self.object, ICS.event(uid: "dentist", summary: "Moved"), headers: ["If-Match": etag])
            #expect(updated.status == 204)
            let newTag = try #require(updated.header("ETag"))
            #expect(newTag != etag)
            let stale = try await client.put(Self.object, ICS.event(uid: "dentist", summary: "Lost update"), headers: ["If-Match": etag])
            #expect(stale.status == 412)
            let read = try await client.get(Self.object)
            #expect(read.header("ETag") == newTag)
            #expect(read.text.contains("SUMMARY:Moved"))
            let missing = try await client.put(Self.calendar + "new.ics", ICS.event(uid: "new"), headers: ["If-Match": "*"])
            #expect(missing.status == 412, "If-Match: * needs an existing resource")
        }
    }

    @Test("bodies that are not one valid calendar object are refused with the CalDAV precondition, nothing stored")
    func invalidBodies() async throws {
        try await Self.withCalendar { client in
            let twoUIDs = ICS.lines([
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//T//EN", "BEGIN:VEVENT", "UID:one", "DTSTAMP:20251101T120000Z",
                "DTSTART:20251117T120000Z", "END:VEVENT", "BEGIN:VEVENT", "UID:two", "DTSTAMP:20251101T120000Z", "DTSTART:20251118T120000Z",
                "END:VEVENT", "END:VCALENDAR",
            ])
            let withMethod = ICS.event(uid: "m").replacingOccurrences(of: "VERSION:2.0\r\n", with: "VERSION:2.0\r\nMETHOD:REQUEST\r\n")
            let cases: [(String, String, XMLName)] = [
                ("garbage", "this is not iCalendar at all", C.validCalendarData),
                ("no VCALENDAR", "BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", C.validCalendarData),
                ("two UIDs", twoUIDs, C.validCalendarObjectResource),
                ("METHOD", withMethod, C.validCalendarObjectResource),
            ]
            for (label, body, condition) in cases {
                let answer = try await client.put(Self.calendar + "bad.ics", body)
                #expect(answer.status == 403, "\(label): \(answer.text)")
                #expect(try answer.errorCondition() == condition, "\(label)")
            }
            #expect(try await client.get(Self.calendar + "bad.ics").status == 404)
            #expect(try await client.memberHrefs(Self.calendar).isEmpty)
        }
    }

    @Test("a VTODO into a VEVENT-only calendar is supported-calendar-component")
    func unsupportedComponent() async throws {
        try await Self.withCalendar { client in
            let eventsOnly = "/dav/calendars/alice/events/"
            let made = try await client.mkcalendar(
                eventsOnly, props: #"<C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>"#)
            #expect(made.status == 201)
            let answer = try await client.put(eventsOnly + "todo.ics", ICS.todo(uid: "todo"))
            #expect(answer.status == 403)
            #expect(try answer.errorCondition() == C.supportedCalendarComponent)
            #expect(try await client.put(Self.calendar + "todo.ics", ICS.todo(uid: "todo")).status == 201, "work takes VTODO")
        }
    }

    @Test("the same UID under another name in one calendar is 409 no-uid-conflict; a changed UID too")
    func uidConflict() async throws {
        try await Self.withCalendar { client in
            #expect(try await client.put(Self.object, ICS.event(uid: "dentist")).status == 201)
            let clash = try await client.put(Self.calendar + "copy.ics", ICS.event(uid: "dentist"))
            #expect(clash.status == 409)
            #expect(try clash.errorCondition() == C.noUidConflict)
            #expect(try await client.get(Self.calendar + "copy.ics").status == 404)
            let changed = try await client.put(Self.object, ICS.event(uid: "other"))
            #expect(changed.status == 409)
            #expect(try changed.errorCondition() == C.noUidConflict)
            #expect(try await client.get(Self.object).text.contains("UID:dentist"))
        }
    }

    @Test("an object above max-resource-size (1 MiB) is 403 max-resource-size")
    func maxResourceSize() async throws {
        try await Self.withCalendar { client in
            let description = "DESCRIPTION:" + String(repeating: "x", count: 70)
            let big = ICS.event(uid: "big", extra: Array(repeating: description, count: 16_000))
            #expect(big.utf8.count > 1 << 20)
            let answer = try await client.put(Self.calendar + "big.ics", big)
            #expect(answer.status == 403)
            #expect(try answer.errorCondition() == C.maxResourceSize)
            #expect(try await client.get(Self.calendar + "big.ics").status == 404)
        }
    }

    @Test("a client's new event in a schedule's calendar is the expert's own entry there: stored, listed, never a booking")
    func putIntoScheduleCalendar() async throws {
        let server = try await DAVTestServer.make()
        _ = try await BookingFixture.make(server)
        try await server.run { client in
            let ctag = try await client.ctag(BookingFixture.calendarPath)
            let answer = try await client.put(BookingFixture.calendarPath + "mine.ics", ICS.event(uid: "mine"))
            #expect(answer.status == 201, "\(answer.text)")
            #expect(try await client.memberHrefs(BookingFixture.calendarPath) == [BookingFixture.calendarPath + "mine.ics"])
            #expect(try await client.ctag(BookingFixture.calendarPath) != ctag)
            #expect(try await server.store.bookings(ownedBy: server.user("alice").id, matching: BookingQuery()).isEmpty)
            #expect(try await client.delete(BookingFixture.calendarPath + "mine.ics").status == 204)
        }
    }

    @Test("GET and HEAD give the ETag; If-None-Match with it is 304; HEAD has the length and no body")
    func getHeadAndNotModified() async throws {
        try await Self.withCalendar { client in
            let ics = ICS.event(uid: "dentist")
            let etag = try #require(try await client.put(Self.object, ics).header("ETag"))
            let head = try await client.send("HEAD", Self.object)
            #expect(head.status == 200)
            #expect(head.header("ETag") == etag)
            #expect(head.header("Content-Length") == String(ics.utf8.count))
            #expect(head.body.isEmpty)
            #expect(head.header("Last-Modified")?.hasSuffix(" GMT") == true)
            let notModified = try await client.get(Self.object, headers: ["If-None-Match": etag])
            #expect(notModified.status == 304)
            #expect(notModified.body.isEmpty)
            #expect(notModified.header("ETag") == etag)
            let other = try await client.get(Self.object, headers: ["If-None-Match": "\"something-else\""])
            #expect(other.status == 200)
            #expect(other.text == ics)
        }
    }

    @Test("GET of a calendar is its ICS export: every object's components in one VCALENDAR, each time zone once")
    func calendarExport() async throws {
        try await Self.withCalendar { client in
            #expect(try await client.put(Self.calendar + "standup.ics", ICS.weeklyStandup).status == 201)
            let zoned = ICS.weeklyStandup.replacingOccurrences(of: "standup@tests", with: "other@tests")
            #expect(try await client.put(Self.calendar + "other.ics", zoned).status == 201)
            #expect(try await client.put(Self.object, ICS.event(uid: "dentist")).status == 201)
            let answer = try await client.get(Self.calendar)
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type")?.hasPrefix("text/calendar") == true)
            let exported = try ICS.parse(answer.text)
            #expect(exported.components(named: "VTIMEZONE").count == 1)
            let events = exported.components(named: "VEVENT")
            #expect(events.count == 5, "two components of each stand-up and the dentist")
            #expect(Set(events.compactMap { $0.property("UID")?.value }) == ["standup@tests", "other@tests", "dentist"])
        }
    }

    @Test("names with spaces and non-ASCII letters are percent-encoded in hrefs and found again by them")
    func encodedNames() async throws {
        try await Self.withCalendar { client in
            let href = Self.calendar + "team%20meeting%C3%A9.ics"
            #expect(try await client.put(href, ICS.event(uid: "team")).status == 201)
            #expect(try await client.memberHrefs(Self.calendar) == [href])
            #expect(try await client.get(href).text.contains("UID:team"))
            let multiget = try await client.report(Self.calendar, XMLBodies.multiget([href])).multistatus()
            #expect(multiget.response(href)?.property(C.calendarData)?.text.contains("UID:team") == true)
            let listing = try await client.propfind(Self.calendar, depth: "1", props: "<D:getcontenttype/><D:getcontentlength/>").multistatus()
            #expect(listing.response(href)?.property(XMLName.DAV.getcontenttype)?.text == "text/calendar; charset=utf-8; component=vevent")
            #expect(listing.response(href)?.property(XMLName.DAV.getcontentlength)?.text == String(ICS.event(uid: "team").utf8.count))
            #expect(try await client.get(Self.calendar + "team%2").status == 400, "a malformed escape")
        }
    }

    @Test("a deleted object's dead properties do not come back with a new object of the same name")
    func deadPropertiesDieWithTheObject() async throws {
        try await Self.withCalendar { client in
            #expect(try await client.put(Self.object, ICS.event(uid: "dentist")).status == 201)
            let tag = XMLName("urn:x-test", "tag")
            let patch = try await client.proppatch(Self.object, XMLBodies.proppatch(set: #"<X:tag xmlns:X="urn:x-test">red</X:tag>"#))
            #expect(try patch.multistatus().responses.first?.propStatStatuses == [200])
            #expect(
                try await client.propfind(Self.object, props: #"<X:tag xmlns:X="urn:x-test"/>"#).multistatus().responses.first?.property(tag)?.text
                    == "red")
            #expect(try await client.delete(Self.object).status == 204)
            #expect(try await client.put(Self.object, ICS.event(uid: "dentist")).status == 201)
            let read = try await client.propfind(Self.object, props: #"<X:tag xmlns:X="urn:x-test"/>"#)
            #expect(try read.multistatus().responses.first?.status(of: tag) == 404)
        }
    }

    @Test("a client calendar can be deleted with its objects; a schedule's calendar cannot")
    func deleteCalendars() async throws {
        let server = try await DAVTestServer.make()
        _ = try await BookingFixture.make(server)
        try await server.run { client in
            #expect(try await client.mkcalendar(Self.calendar).status == 201)
            #expect(try await client.put(Self.object, ICS.event(uid: "dentist")).status == 201)
            let calendarTag = try #require(try await client.get(Self.calendar).header("ETag"))
            #expect(try await client.get(Self.calendar, headers: ["If-None-Match": calendarTag]).status == 304)
            #expect(try await client.delete(Self.calendar, headers: ["If-Match": "\"stale\""]).status == 412)
            #expect(try await client.delete(Self.calendar).status == 204)
            #expect(try await client.propfind(Self.calendar, props: "<D:displayname/>").status == 404)
            #expect(try await client.get(Self.object).status == 404)
            let schedule = try await client.delete(BookingFixture.calendarPath)
            #expect(schedule.status == 403)
            #expect(try schedule.errorCondition() == XMLName("urn:x-horario:ns", "booking-calendar"))
            #expect(try await client.propfind(BookingFixture.calendarPath, props: "<D:displayname/>").status == 207)
            #expect(try await client.delete("/dav/calendars/alice/inbox/").status == 403)
        }
    }

    @Test("DELETE honours If-Match: stale is 412 and keeps the object; right is 204 and then it is gone")
    func conditionalDelete() async throws {
        try await Self.withCalendar { client in
            let etag = try #require(try await client.put(Self.object, ICS.event(uid: "dentist")).header("ETag"))
            let stale = try await client.delete(Self.object, headers: ["If-Match": "\"stale\""])
            #expect(stale.status == 412)
            #expect(try await client.get(Self.object).status == 200)
            let deleted = try await client.delete(Self.object, headers: ["If-Match": etag])
            #expect(deleted.status == 204)
            #expect(try await client.get(Self.object).status == 404)
            #expect(try await client.delete(Self.object).status == 404)
        }
    }

    @Test("twenty concurrent PUTs all land: twenty objects, twenty revisions, all listed by an initial sync")
    func concurrentWrites() async throws {
        try await Self.withCalendar { client in
            let before = try await client.ctag(Self.calendar)
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask { try await client.put(Self.calendar + "e\(index).ics", ICS.event(uid: "e\(index)")).status }
                }
                for try await status in group { #expect(status == 201) }
            }
            #expect(try await client.memberHrefs(Self.calendar).count == 20)
            let revision = { (token: String) in Int(token.split(separator: ":").last ?? "") ?? -1 }
            #expect(revision(try await client.ctag(Self.calendar)) == revision(before) + 20)
            let sync = try await client.report(Self.calendar, XMLBodies.syncCollection("")).multistatus()
            #expect(sync.hrefs.count == 20)
        }
    }

    @Test("getlastmodified and Last-Modified are IMF-fixdates with the right weekday; creationdate is RFC 3339")
    func dates() async throws {
        try await Self.withCalendar { client in
            #expect(try await client.put(Self.object, ICS.event(uid: "dentist")).status == 201)
            let answer = try await client.propfind(Self.object, props: "<D:getlastmodified/><D:creationdate/>")
            let response = try #require(try answer.multistatus().response(Self.object))
            let modified = try #require(response.property(XMLName.DAV.getlastmodified)?.text)
            #expect(try await client.get(Self.object).header("Last-Modified") == modified)
            let imf = DateFormatter()
            imf.locale = Locale(identifier: "en_US_POSIX")
            imf.timeZone = TimeZone(identifier: "GMT")
            imf.dateFormat = "dd MMM yyyy HH:mm:ss 'GMT'"
            let date = try #require(imf.date(from: String(modified.dropFirst(5))), "\(modified)")
            imf.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            #expect(imf.string(from: date) == modified)
            #expect(abs(date.timeIntervalSinceNow) < 120)
            let created = try #require(response.property(XMLName.DAV.creationdate)?.text)
            let rfc3339 = ISO8601DateFormatter()
            let creation = try #require(rfc3339.date(from: created), "\(created)")
            #expect(abs(creation.timeIntervalSince(date)) < 2)
        }
    }

    @Test("ctag and sync-token change with every write (create, update, delete) and not with a refused one")
    func ctagFollowsWrites() async throws {
        try await Self.withCalendar { client in
            var seen: [String] = [try await client.ctag(Self.calendar)]
            func expectChanged(_ label: String) async throws {
                let ctag = try await client.ctag(Self.calendar)
                #expect(!seen.contains(ctag), "\(label)")
                #expect(try await client.syncToken(Self.calendar) == ctag, "\(label)")
                seen.append(ctag)
            }
            #expect(try await client.put(Self.object, ICS.event(uid: "dentist")).status == 201)
            try await expectChanged("create")
            #expect(try await client.put(Self.object, ICS.event(uid: "dentist", summary: "Again")).status == 204)
            try await expectChanged("update")
            #expect(try await client.put(Self.object, ICS.event(uid: "dentist"), headers: ["If-None-Match": "*"]).status == 412)
            #expect(try await client.ctag(Self.calendar) == seen.last, "a refused write changes nothing")
            #expect(try await client.delete(Self.object).status == 204)
            try await expectChanged("delete")
        }
    }
}
