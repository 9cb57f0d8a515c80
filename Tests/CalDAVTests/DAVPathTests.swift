import Testing
import WebDAV

@testable import CalDAV

/// Request paths arrive percent-encoded; every DAV method resolves them through DAVPath.
struct DAVPathTests {
    @Test("segments are decoded, empty ones skipped, and dot segments, encoded slashes and bad escapes refused")
    func segments() {
        #expect(DAVPath.segments("/dav/calendars/a%20b/c.ics") == ["dav", "calendars", "a b", "c.ics"])
        #expect(DAVPath.segments("//dav//x/") == ["dav", "x"])
        #expect(DAVPath.segments("/dav/%C3%A9t%C3%A9.ics") == ["dav", "été.ics"])
        #expect(DAVPath.segments("/") == [])
        #expect(DAVPath.segments("/dav/a%2Fb") == nil, "an encoded slash would escape its segment")
        #expect(DAVPath.segments("/dav/../x") == nil)
        #expect(DAVPath.segments("/dav/%2E%2E/x") == nil)
        #expect(DAVPath.segments("/dav/%G1") == nil)
        #expect(DAVPath.segments("/dav/%4") == nil)
        #expect(DAVPath.segments("/dav/%FF") == nil, "not UTF-8")
    }

    @Test("an encoded segment decodes back to itself, and safe characters stay as they are")
    func roundTrip() {
        for name in ["plain.ics", "a b&c.ics", "été?#.ics", "100%.ics", "~user-name_1.ics"] {
            #expect(DAVPath.segments(Substring("/" + DAVPath.encode(name))) == [name], "\(name)")
        }
        #expect(DAVPath.encode("a-b_c.d~e") == "a-b_c.d~e")
        #expect(DAVPath.href(["dav", "calendars", "a b"], collection: true) == "/dav/calendars/a%20b/")
    }
}

/// Multiget hrefs may be paths or absolute URIs (RFC 4918 §8.3).
struct MultigetHrefTests {
    @Test("an absolute URI becomes its path; a path, even one holding '://', stays as it is")
    func pathOfHref() {
        #expect(CalDAVServer.pathOfHref("http://example.com:8080/dav/calendars/a/b/c.ics") == "/dav/calendars/a/b/c.ics")
        #expect(CalDAVServer.pathOfHref("  https://example.com/x.ics\n") == "/x.ics")
        #expect(CalDAVServer.pathOfHref("http://example.com") == "/")
        #expect(CalDAVServer.pathOfHref("/dav/calendars/a/b/c.ics") == "/dav/calendars/a/b/c.ics")
        #expect(CalDAVServer.pathOfHref("/dav/calendars/a/b/x://y.ics") == "/dav/calendars/a/b/x://y.ics")
        #expect(CalDAVServer.pathOfHref("mailto:someone@example.com") == "mailto:someone@example.com")
    }
}

/// A multiget's hrefs are mostly members of the calendar it was sent to.
struct MemberNameTests {
    let calendar = "/dav/calendars/a%20b/team/"

    @Test("a member directly below the collection gives its decoded name; anything else gives nil")
    func memberName() {
        #expect(DAVPath.memberName("/dav/calendars/a%20b/team/x%20y.ics", below: calendar) == "x y.ics")
        #expect(DAVPath.memberName("/dav/calendars/a%20b/team/", below: calendar) == nil, "the collection itself")
        #expect(DAVPath.memberName("/dav/calendars/a%20b/team/sub/x.ics", below: calendar) == nil, "deeper")
        #expect(DAVPath.memberName("/dav/calendars/a%20b/teamwork.ics", below: calendar) == nil)
        #expect(DAVPath.memberName("/dav/calendars/a b/team/x.ics", below: calendar) == nil, "spelled otherwise: split instead")
        #expect(DAVPath.memberName("/dav/calendars/a%20b/team/..", below: calendar) == nil)
        #expect(DAVPath.memberName("/dav/calendars/a%20b/team/%2E%2E", below: calendar) == nil)
        #expect(DAVPath.memberName("/dav/calendars/a%20b/team/a%2Fb", below: calendar) == nil)
        #expect(DAVPath.memberName("/dav/calendars/a%20b/team/%G0", below: calendar) == nil)
    }
}
