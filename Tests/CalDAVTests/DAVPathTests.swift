import Testing
import WebDAV

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
