import DAVXML
import Foundation
import Testing

/// How clients find their calendars (RFC 6764, RFC 5397, RFC 4791 §6, RFC 6638 §2): the
/// well-known redirect, the principal, the home and its calendars with their properties, and
/// the PROPFIND variants (Prefer/Brief, allprop, propname, Depth), authentication and
/// isolation, and the compliance classes of OPTIONS.
struct DiscoveryTests {
    typealias D = XMLName.DAV
    typealias C = XMLName.CalDAV

    @Test("/.well-known/caldav is a permanent redirect to /dav/ for GET and PROPFIND, even without credentials")
    func wellKnownRedirect() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            for method in ["GET", "PROPFIND"] {
                let answer = try await client.send(method, "/.well-known/caldav", as: nil)
                #expect(answer.status == 301, "\(method)")
                #expect(answer.header("Location") == "/dav/", "\(method)")
            }
        }
    }

    @Test("PROPFIND on / and on /dav/ names the user's principal as current-user-principal, with the DAV header")
    func currentUserPrincipal() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            for path in ["/", "/dav/"] {
                let answer = try await client.propfind(path, props: "<D:current-user-principal/><D:principal-collection-set/>")
                let response = try #require(try answer.multistatus().response("/dav/"), "\(path)")
                #expect(response.hrefs(in: D.currentUserPrincipal) == ["/dav/principals/alice/"], "\(path)")
                #expect(response.hrefs(in: D.principalCollectionSet) == ["/dav/principals/"], "\(path)")
                #expect(answer.header("DAV")?.contains("calendar-access") == true, "\(path)")
            }
            let asBob = try await client.propfind(
                "/dav/", "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:current-user-principal/></D:prop></D:propfind>", as: "bob")
            #expect(try asBob.multistatus().response("/dav/")?.hrefs(in: D.currentUserPrincipal) == ["/dav/principals/bob/"])
        }
    }

    @Test("the principal has its home, addresses (mailto first), inbox, outbox, principal-URL and display name")
    func principalProperties() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let answer = try await client.propfind(
                "/dav/principals/alice/",
                props: """
                    <C:calendar-home-set/><C:calendar-user-address-set/><C:schedule-inbox-URL/><C:schedule-outbox-URL/>
                    <D:principal-URL/><D:displayname/><D:resourcetype/><C:calendar-user-type/>
                    """)
            let response = try #require(try answer.multistatus().response("/dav/principals/alice/"))
            #expect(response.propStatStatuses == [200])
            #expect(response.hrefs(in: C.calendarHomeSet) == ["/dav/calendars/alice/"])
            #expect(response.hrefs(in: C.calendarUserAddressSet) == ["mailto:alice@example.org", "/dav/principals/alice/"])
            #expect(response.hrefs(in: C.scheduleInboxURL) == ["/dav/calendars/alice/inbox/"])
            #expect(response.hrefs(in: C.scheduleOutboxURL) == ["/dav/calendars/alice/outbox/"])
            #expect(response.hrefs(in: D.principalURL) == ["/dav/principals/alice/"])
            #expect(response.property(D.displayname)?.text == "Alice")
            #expect(response.property(D.resourcetype)?.elements.map(\.name) == [D.principal])
            #expect(response.property(C.calendarUserType)?.text == "INDIVIDUAL")
        }
    }

    @Test("another user's principal is readable (attendee lookup, with its home's URL) but has no outbox for this user")
    func otherPrincipal() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let answer = try await client.propfind(
                "/dav/principals/bob/", props: "<C:calendar-user-address-set/><D:displayname/><C:calendar-home-set/><C:schedule-outbox-URL/>")
            let response = try #require(try answer.multistatus().response("/dav/principals/bob/"))
            #expect(response.hrefs(in: C.calendarUserAddressSet).first == "mailto:bob@example.org")
            #expect(response.property(D.displayname)?.text == "Bob")
            // The home's URL is part of the principal (attendee search reads it); the home is not readable.
            #expect(response.hrefs(in: C.calendarHomeSet) == ["/dav/calendars/bob/"])
            #expect(response.status(of: C.scheduleOutboxURL) == 404)
            let missing = try await client.propfind("/dav/principals/nobody/", props: "<D:displayname/>")
            #expect(missing.status == 404)
        }
    }

    @Test("Depth 1 on the home lists each schedule's calendar and client calendars with the properties clients sync by")
    func homeListing() async throws {
        let server = try await DAVTestServer.make()
        _ = try await BookingFixture.make(server)
        try await server.run { client in
            let created = try await client.mkcalendar(
                "/dav/calendars/alice/office/",
                props: "<D:displayname>Work</D:displayname><A:calendar-color>#FF8800FF</A:calendar-color><A:calendar-order>3</A:calendar-order>")
            #expect(created.status == 201)
            let answer = try await client.propfind(
                "/dav/calendars/alice/", depth: "1",
                props: """
                    <D:resourcetype/><D:displayname/><CS:getctag/><D:sync-token/><D:supported-report-set/><D:current-user-privilege-set/>
                    <A:calendar-color/><A:calendar-order/><C:supported-calendar-component-set/><C:max-resource-size/>
                    <C:min-date-time/><C:max-date-time/><D:quota-used-bytes/><D:quota-available-bytes/>
                    """)
            let listing = try answer.multistatus()
            #expect(
                Set(listing.hrefs) == [
                    "/dav/calendars/alice/", "/dav/calendars/alice/remote-work/", "/dav/calendars/alice/office/", "/dav/calendars/alice/inbox/",
                    "/dav/calendars/alice/outbox/",
                ])

            let home = try #require(listing.response("/dav/calendars/alice/"))
            #expect(Self.reports(home).contains(D.syncCollection))
            #expect(Self.reports(home).contains(C.calendarQuery))
            #expect(home.property(D.resourcetype)?.elements.map(\.name) == [D.collection])

            let schedule = try #require(listing.response("/dav/calendars/alice/remote-work/"))
            #expect(schedule.property(D.resourcetype)?.elements.map(\.name) == [D.collection, C.calendar])
            #expect(schedule.property(D.displayname)?.text == "Remote Work")
            let ctag = try #require(schedule.property(XMLName.CalendarServer.getctag)?.text)
            #expect(ctag.hasPrefix("urn:x-horario:sync:"))
            #expect(schedule.property(D.syncToken)?.text == ctag)
            #expect(
                Set(Self.reports(schedule)).isSuperset(of: [C.calendarQuery, C.calendarMultiget, C.freeBusyQuery, D.syncCollection]))
            let privileges = Self.privileges(schedule)
            #expect(privileges.contains(D.read) && privileges.contains(D.writeContent))
            #expect(privileges.contains(D.bind), "a schedule's calendar takes the expert's own new events (Thunderbird needs bind)")
            #expect(schedule.property(C.supportedCalendarComponentSet)?.all(C.comp).compactMap { $0.attribute("name") }.contains("VEVENT") == true)
            #expect(schedule.property(C.maxResourceSize)?.text == String(1 << 20))
            #expect(schedule.property(C.minDateTime)?.text == "19000101T000000Z")
            #expect(schedule.property(C.maxDateTime)?.text == "29991231T235959Z")
            #expect(schedule.property(A.calendarOrder)?.text == "0")
            #expect(schedule.status(of: A.calendarColor) == 404, "no colour was ever set on the schedule's calendar")
            let used = try #require(Int(schedule.property(D.quotaUsedBytes)?.text ?? ""))
            let available = try #require(Int(schedule.property(D.quotaAvailableBytes)?.text ?? ""))
            #expect(used >= 0 && available > 0 && used + available == 1 << 30)

            let work = try #require(listing.response("/dav/calendars/alice/office/"))
            #expect(work.property(A.calendarColor)?.text == "#FF8800FF")
            #expect(work.property(A.calendarOrder)?.text == "3")
            #expect(Self.privileges(work).contains(D.bind))
            #expect(
                work.property(C.supportedCalendarComponentSet)?.all(C.comp).compactMap { $0.attribute("name") } == ["VEVENT", "VTODO", "VJOURNAL"])

            let inbox = try #require(listing.response("/dav/calendars/alice/inbox/"))
            #expect(inbox.property(D.resourcetype)?.elements.map(\.name) == [D.collection, C.scheduleInbox])
        }
    }

    @Test("Prefer: return=minimal and Brief: t leave out the 404 propstat; without them it is there")
    func minimalResponses() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let props = #"<D:displayname/><X:unknown xmlns:X="urn:x-test"/>"#
            let full = try #require(try await client.propfind("/dav/principals/alice/", props: props).multistatus().responses.first)
            #expect(full.propStatStatuses == [200, 404])
            #expect(full.status(of: XMLName("urn:x-test", "unknown")) == 404)
            for headers in [["Prefer": "return=minimal"], ["Brief": "t"]] {
                let answer = try await client.propfind("/dav/principals/alice/", props: props, headers: headers)
                let response = try #require(try answer.multistatus().responses.first)
                #expect(response.propStatStatuses == [200], "\(headers)")
                #expect(response.property(D.displayname)?.text == "Alice", "\(headers)")
                #expect(response.status(of: XMLName("urn:x-test", "unknown")) == nil, "\(headers)")
            }
            let preferred = try await client.propfind("/dav/principals/alice/", props: props, headers: ["Prefer": "return=minimal"])
            #expect(preferred.header("Preference-Applied") == "return=minimal")
        }
    }

    @Test("allprop returns the live properties meant for it (and no expensive ones); propname lists names without values")
    func allpropAndPropname() async throws {
        let server = try await DAVTestServer.make()
        _ = try await BookingFixture.make(server)
        try await server.run { client in
            let path = "/dav/calendars/alice/remote-work/"
            let all = try #require(try await client.propfind(path, XMLBodies.allprop).multistatus().response(path))
            #expect(all.propStatStatuses == [200])
            #expect(all.property(D.resourcetype)?.elements.map(\.name) == [D.collection, C.calendar])
            #expect(all.property(D.displayname)?.text == "Remote Work")
            #expect(all.property(D.getetag) != nil)
            #expect(all.property(C.calendarAvailability) == nil, "allprop leaves out properties not meant for it")
            #expect(all.property(D.currentUserPrivilegeSet) == nil)

            let noBody = try #require(try await client.propfind(path).multistatus().response(path))
            #expect(noBody.property(D.displayname)?.text == "Remote Work", "an empty PROPFIND body means allprop")

            let names = try #require(try await client.propfind(path, XMLBodies.propname).multistatus().response(path))
            let listed = try #require(names.propStats.first { $0.status == 200 }).properties
            #expect(listed.allSatisfy { $0.children.isEmpty })
            let listedNames = Set(listed.map(\.name))
            #expect(listedNames.isSuperset(of: [D.resourcetype, D.displayname, XMLName.CalendarServer.getctag, D.syncToken, C.calendarAvailability]))
        }
    }

    @Test("Depth: infinity is refused with propfind-finite-depth; a bad Depth is a 400")
    func depthInfinity() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let answer = try await client.propfind("/dav/calendars/alice/", depth: "infinity", props: "<D:displayname/>")
            #expect(answer.status == 403)
            #expect(try answer.errorCondition() == D.propfindFiniteDepth)
            let missingDepth = try await client.send(
                "PROPFIND", "/dav/calendars/alice/", headers: ["Content-Type": "application/xml"], text: XMLBodies.propfind("<D:displayname/>"))
            #expect(missingDepth.status == 403, "no Depth header means infinity (RFC 4918 §9.1)")
            let bad = try await client.propfind("/dav/calendars/alice/", depth: "2", props: "<D:displayname/>")
            #expect(bad.status == 400)
        }
    }

    @Test("Thunderbird's first PROPFIND on /dav/: the home set, principal and a name answer; only what does not apply is 404, per property")
    func thunderbirdDetection() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let props =
                "<D:resourcetype/><D:owner/><D:displayname/><D:current-user-principal/><D:current-user-privilege-set/>"
                + "<A:calendar-color/><C:calendar-home-set/>"
            let answer = try await client.propfind("/dav/", props: props)
            #expect(answer.status == 207)
            let response = try #require(try answer.multistatus().response("/dav/"))
            #expect(response.hrefs(in: C.calendarHomeSet) == ["/dav/calendars/alice/"])
            #expect(response.hrefs(in: D.currentUserPrincipal) == ["/dav/principals/alice/"])
            #expect(response.property(D.displayname)?.text == "Horario")
            #expect(response.status(of: D.resourcetype) == 200)
            #expect(response.status(of: D.currentUserPrivilegeSet) == 200)
            #expect(response.status(of: D.owner) == 404)
            #expect(response.status(of: A.calendarColor) == 404)
        }
    }

    @Test("GET / without credentials leads a browser to the web UI's sign-in page (strict CSP); PROPFIND / stays DAV")
    func browserLandsOnSignIn() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let root = try await client.send("GET", "/", as: nil)
            #expect(root.status == 303)
            #expect(root.header("Location") == "/login")
            let page = try await client.send("GET", "/login", as: nil)
            #expect(page.status == 200)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(page.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
            #expect(page.text.contains("<html lang=\"en\">") && page.text.contains("href=\"/api/openapi.json\""))
            #expect(!page.text.contains("<script>") && !page.text.contains("style="))
            #expect(try await client.propfind("/", props: "<D:current-user-principal/>").status == 207)
        }
    }

    @Test("OPTIONS needs no credentials: the methods and DAV classes, on /, /dav/ and below")
    func optionsWithoutCredentials() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            for path in ["/", "/dav/", "/dav/calendars/alice/", "/dav/calendars/nobody/x/"] {
                let answer = try await client.send("OPTIONS", path, as: nil)
                #expect(answer.status == 200, "\(path)")
                #expect(answer.header("DAV")?.contains("calendar-access") == true, "\(path)")
                #expect(answer.header("Allow")?.contains("PROPFIND") == true, "\(path)")
            }
        }
    }

    @Test("without credentials or with a wrong password: 401 with a Basic challenge")
    func authentication() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let anonymous = try await client.propfind("/dav/", props: "<D:current-user-principal/>", as: nil)
            #expect(anonymous.status == 401)
            #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Basic realm=\"Horario\"") == true)
            let rootAnonymous = try await client.propfind("/", props: "<D:current-user-principal/>", as: nil)
            #expect(rootAnonymous.status == 401)
            let wrong = try await client.http.execute(
                method: "PROPFIND", path: "/dav/", headers: [("Authorization", "Basic YWxpY2U6d3Jvbmc="), ("Depth", "0")], body: nil)
            #expect(wrong.status == 401)
            #expect(wrong.header("WWW-Authenticate")?.hasPrefix("Basic") == true)
        }
    }

    @Test("another user's home, calendars and objects are refused with 403 need-privileges; missing users are 404")
    func otherUsersHome() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar("/dav/calendars/bob/private/", as: "bob").status == 201)
            #expect(try await client.put("/dav/calendars/bob/private/secret.ics", ICS.event(uid: "secret"), as: "bob").status == 201)
            for (method, path) in [
                ("PROPFIND", "/dav/calendars/bob/"), ("PROPFIND", "/dav/calendars/bob/private/"), ("GET", "/dav/calendars/bob/private/secret.ics"),
                ("DELETE", "/dav/calendars/bob/private/secret.ics"),
            ] {
                let answer = try await client.send(method, path, headers: ["Depth": "0"])
                #expect(answer.status == 403, "\(method) \(path)")
                #expect(try answer.errorCondition() == XMLName(XMLNamespace.dav, "need-privileges"), "\(method) \(path)")
                #expect(!answer.text.contains("Dentist"))
            }
            #expect(try await client.get("/dav/calendars/bob/private/secret.ics", as: "bob").status == 200, "still there")
            #expect(try await client.propfind("/dav/calendars/nobody/", props: "<D:displayname/>").status == 404)
        }
    }

    @Test("OPTIONS lists the compliance classes and methods; PROPFIND answers carry the DAV header too")
    func options() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            for path in ["/dav/", "/dav/calendars/alice/", "/"] {
                let answer = try await client.send("OPTIONS", path)
                #expect(answer.status == 200, "\(path)")
                let classes = Set((answer.header("DAV") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                #expect(
                    classes.isSuperset(of: [
                        "1", "3", "calendar-access", "calendar-schedule", "calendar-availability", "extended-mkcol", "sync-collection",
                    ]), "\(path): \(classes)")
                let allow = answer.header("Allow") ?? ""
                for method in ["PROPFIND", "REPORT", "MKCALENDAR", "PUT", "DELETE", "COPY", "MOVE"] {
                    #expect(allow.contains(method), "\(path) Allow: \(allow)")
                }
            }
            let propfind = try await client.propfind("/dav/calendars/alice/", props: "<D:displayname/>")
            #expect(propfind.header("DAV")?.contains("sync-collection") == true)
            let lock = try await client.send("LOCK", "/dav/calendars/alice/")
            #expect(lock.status == 405)
            #expect(lock.header("Allow")?.contains("PROPFIND") == true)
        }
    }

    static func reports(_ response: MultistatusView.ResponseView) -> [XMLName] {
        (response.property(D.supportedReportSet)?.all(D.supportedReport) ?? []).compactMap { $0.first(D.report)?.elements.first?.name }
    }

    static func privileges(_ response: MultistatusView.ResponseView) -> [XMLName] {
        (response.property(D.currentUserPrivilegeSet)?.all(D.privilege) ?? []).compactMap { $0.elements.first?.name }
    }
}

private typealias A = XMLName.Apple
