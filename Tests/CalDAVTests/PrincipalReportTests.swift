import DAVXML
import Testing

/// Attendee lookup: principal-property-search and principal-search-property-set (RFC 3744
/// §9.4, §9.5), as clients ask them on the principal collection.
struct PrincipalReportTests {
    typealias D = XMLName.DAV
    typealias C = XMLName.CalDAV

    static func search(_ client: DAVClient, _ searches: [(prop: String, match: String)], test: String? = nil) async throws -> MultistatusView {
        let parts = searches.map { "<D:property-search><D:prop>\($0.prop)</D:prop><D:match>\($0.match)</D:match></D:property-search>" }.joined()
        let testAttribute = test.map { #" test="\#($0)""# } ?? ""
        let body = """
            <?xml version="1.0" encoding="utf-8"?>
            <D:principal-property-search \(XMLBodies.namespaces)\(testAttribute)>\(parts)
              <D:prop><D:displayname/><C:calendar-user-address-set/><C:calendar-home-set/></D:prop>
            </D:principal-property-search>
            """
        return try await client.report("/dav/principals/", depth: "0", body).multistatus()
    }

    @Test("principal-property-search finds users by display name or e-mail, substring and case-insensitive, with the asked properties")
    func propertySearch() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let byName = try await Self.search(client, [("<D:displayname/>", "LIC")])
            #expect(byName.hrefs == ["/dav/principals/alice/"])
            let alice = try #require(byName.response("/dav/principals/alice/"))
            #expect(alice.property(D.displayname)?.text == "Alice")
            #expect(alice.hrefs(in: C.calendarUserAddressSet).first == "mailto:alice@example.org")
            #expect(alice.hrefs(in: C.calendarHomeSet) == ["/dav/calendars/alice/"], "the searching user's own principal")

            let byEmail = try await Self.search(client, [("<C:calendar-user-address-set/>", "bob@example")])
            #expect(byEmail.hrefs == ["/dav/principals/bob/"])
            let bob = try #require(byEmail.response("/dav/principals/bob/"))
            #expect(bob.hrefs(in: C.calendarUserAddressSet).first == "mailto:bob@example.org")
            // The URL only (python caldav's principal search needs it); the home stays Bob's.
            #expect(bob.hrefs(in: C.calendarHomeSet) == ["/dav/calendars/bob/"])
            let bobsHome = try await client.propfind("/dav/calendars/bob/", props: "<D:displayname/>")
            #expect([403, 404].contains(bobsHome.status), "\(bobsHome.status)")

            let withO = try await Self.search(client, [("<D:displayname/>", "o")])
            #expect(Set(withO.hrefs) == ["/dav/principals/bob/"], "only Bob's name has an o")
            let emailDomain = try await Self.search(client, [("<CS:email-address-set/>", "example.org")])
            #expect(Set(emailDomain.hrefs) == ["/dav/principals/alice/", "/dav/principals/bob/"])
            let allOf = try await Self.search(client, [("<D:displayname/>", "alice"), ("<C:calendar-user-address-set/>", "bob")], test: "allof")
            #expect(allOf.responses.isEmpty)
            let anyOf = try await Self.search(client, [("<D:displayname/>", "alice"), ("<C:calendar-user-address-set/>", "bob")])
            #expect(Set(anyOf.hrefs) == ["/dav/principals/alice/", "/dav/principals/bob/"])
            let nobody = try await Self.search(client, [("<D:displayname/>", "zzz")])
            #expect(nobody.responses.isEmpty)
        }
    }

    @Test("the search as python caldav sends it, on / and on the principal collection: properties beside an empty prop, or no property-search")
    func pythonCaldavShape() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let byName =
                "<D:principal-property-search \(XMLBodies.namespaces)><D:prop/><C:calendar-home-set/><D:displayname/>"
                + "<D:property-search><D:prop><D:displayname/></D:prop><D:match>Alice</D:match></D:property-search></D:principal-property-search>"
            for path in ["/", "/dav/principals/"] {
                let found = try await client.report(path, depth: "0", byName).multistatus()
                #expect(found.hrefs == ["/dav/principals/alice/"], "\(path)")
                #expect(found.response("/dav/principals/alice/")?.property(D.displayname)?.text == "Alice")
                #expect(found.response("/dav/principals/alice/")?.hrefs(in: C.calendarHomeSet) == ["/dav/calendars/alice/"])
            }
            let everyone = #"<D:principal-property-search xmlns:D="DAV:"><D:prop/></D:principal-property-search>"#
            let all = try await client.report("/", depth: "0", everyone).multistatus()
            #expect(Set(all.hrefs) == ["/dav/principals/alice/", "/dav/principals/bob/"])
            #expect(all.response("/dav/principals/bob/")?.property(D.displayname)?.text == "Bob")
        }
    }

    @Test("principal-search-property-set lists the searchable properties with descriptions")
    func searchPropertySet() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let answer = try await client.report(
                "/dav/principals/", depth: "0", #"<?xml version="1.0"?><D:principal-search-property-set xmlns:D="DAV:"/>"#)
            #expect(answer.status == 200)
            let root = try answer.xml()
            #expect(root.name == D.principalSearchPropertySet)
            let entries = root.all(D.principalSearchProperty)
            let names = entries.compactMap { $0.first(D.prop)?.elements.first?.name }
            #expect(Set(names) == [D.displayname, C.calendarUserAddressSet, XMLName.CalendarServer.emailAddressSet])
            #expect(entries.allSatisfy { $0.first(D.description) != nil })
        }
    }
}
