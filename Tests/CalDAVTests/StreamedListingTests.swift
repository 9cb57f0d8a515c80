import DAVXML
import Foundation
import Testing

/// Listings of a calendar asking only for properties every object has are written straight
/// from the store (`ObjectPropertyWriter`); everything else goes through the property table.
/// Both must give the same bytes, or clients would see answers change with what they ask.
struct StreamedListingTests {
    static let calendar = "/dav/calendars/alice/office/"
    /// Every property the streamed path writes, in an order unlike the table's.
    static let props = "<D:getlastmodified/><D:resourcetype/><D:getetag/><D:creationdate/><D:getcontenttype/><D:getcontentlength/>"
    /// Names as stored; the first needs percent-encoding in its href and escaping in XML.
    static let names = ["a b&c.ics", "event.ics", "task.ics"]
    static let paths = ["a%20b%26c.ics", "event.ics", "task.ics"]

    static func withObjects(_ body: @Sendable (DAVClient) async throws -> Void) async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar(calendar).status == 201)
            #expect(try await client.put(calendar + paths[0], ICS.event(uid: "odd")).status == 201)
            #expect(try await client.put(calendar + paths[1], ICS.event(uid: "event", summary: "Café <&> \"quoted\"")).status == 201)
            #expect(try await client.put(calendar + paths[2], ICS.todo(uid: "task")).status == 201)
            try await body(client)
        }
    }

    /// The `<D:response>…</D:response>` elements of a multistatus document, as text.
    static func responses(_ document: String) -> Substring {
        let start = document.range(of: "<D:response>")!.lowerBound
        let end = document.range(of: "</D:multistatus>", options: .backwards)!.lowerBound
        return document[start..<end]
    }

    @Test("PROPFIND Depth 1 on a calendar gives the bytes of the calendar's and each object's Depth 0 answers put together")
    func depthOneEqualsDepthZeroAnswers() async throws {
        try await Self.withObjects { client in
            for headers in [[:], ["Prefer": "return=minimal"]] {
                let listing = try await client.propfind(Self.calendar, depth: "1", props: Self.props, headers: headers)
                #expect(listing.status == 207)
                let own = try await client.propfind(Self.calendar, depth: "0", props: Self.props, headers: headers)
                var expected = own.text.replacingOccurrences(of: "</D:multistatus>", with: "")
                for path in Self.paths {
                    let single = try await client.propfind(Self.calendar + path, depth: "0", props: Self.props, headers: headers)
                    #expect(single.status == 207)
                    expected += Self.responses(single.text)
                }
                expected += "</D:multistatus>"
                #expect(listing.text == expected)
                #expect(listing.header("Content-Type") == own.header("Content-Type"))
            }
        }
    }

    @Test("the initial sync lists what PROPFIND lists, with the calendar's current token")
    func initialSyncMatchesListing() async throws {
        try await Self.withObjects { client in
            let sync = try await client.report(Self.calendar, XMLBodies.syncCollection("")).multistatus()
            let listing = try await client.propfind(Self.calendar, depth: "1", props: "<D:getetag/>").multistatus()
            #expect(sync.hrefs == Self.paths.map { Self.calendar + $0 })
            for href in sync.hrefs {
                #expect(sync.response(href)?.property(XMLName.DAV.getetag)?.text == listing.response(href)?.property(XMLName.DAV.getetag)?.text)
            }
            #expect(sync.syncToken == (try await client.syncToken(Self.calendar)))
        }
    }

    @Test("a listing that also asks for a dead or unknown property answers it as the property table does")
    func otherPropertiesStillAnswered() async throws {
        try await Self.withObjects { client in
            let patched = try await client.proppatch(
                Self.calendar + Self.paths[1], XMLBodies.proppatch(set: #"<x:note xmlns:x="urn:example">kept</x:note>"#))
            #expect(patched.status == 207)
            let listing = try await client.propfind(
                Self.calendar, depth: "1", props: #"<D:getetag/><x:note xmlns:x="urn:example"/>"#
            ).multistatus()
            let note = XMLName("urn:example", "note")
            #expect(listing.response(Self.calendar + Self.paths[1])?.property(note)?.text == "kept")
            #expect(listing.response(Self.calendar + Self.paths[0])?.property(XMLName.DAV.getetag) != nil)
            #expect(listing.response(Self.calendar + Self.paths[0])?.status(of: note) == 404)
        }
    }

    @Test("an incremental sync with calendar-data answers the same through the writer and through the property table")
    func incrementalSyncWithDataBothPaths() async throws {
        try await Self.withObjects { client in
            let token = try await client.syncToken(Self.calendar)
            let changed = ICS.event(uid: "event", summary: "Changed & <moved>")
            #expect(try await client.put(Self.calendar + Self.paths[1], changed).status == 204)
            func sync(_ props: String) async throws -> MultistatusView {
                let body =
                    #"<?xml version="1.0" encoding="utf-8"?><D:sync-collection \#(XMLBodies.namespaces)><D:sync-token>\#(token)</D:sync-token><D:sync-level>1</D:sync-level><D:prop>\#(props)</D:prop></D:sync-collection>"#
                return try await client.report(Self.calendar, body).multistatus()
            }
            let streamed = try await sync("<D:getetag/><C:calendar-data/>")
            let table = try await sync("<D:getetag/><D:displayname/><C:calendar-data/>")
            let href = Self.calendar + Self.paths[1]
            #expect(streamed.hrefs == [href])
            #expect(table.hrefs == [href])
            #expect(streamed.response(href)?.property(XMLName.CalDAV.calendarData)?.text == changed)
            #expect(table.response(href)?.property(XMLName.CalDAV.calendarData)?.text == changed)
            #expect(streamed.response(href)?.property(XMLName.DAV.getetag)?.text == table.response(href)?.property(XMLName.DAV.getetag)?.text)
            #expect(table.response(href)?.status(of: XMLName.DAV.displayname) == 404)
        }
    }
}
