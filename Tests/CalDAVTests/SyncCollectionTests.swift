import DAVXML
import Testing

/// calendar-multiget (RFC 4791 §7.9) and sync-collection (RFC 6578): what clients use after
/// discovery to fetch objects and then only what changed.
struct SyncCollectionTests {
    typealias D = XMLName.DAV
    typealias C = XMLName.CalDAV
    static let calendar = "/dav/calendars/alice/office/"

    /// Alice's calendar `work` with a.ics, b.ics and c.ics.
    static func withObjects(_ body: @Sendable (DAVClient) async throws -> Void) async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar(calendar).status == 201)
            for name in ["a", "b", "c"] { #expect(try await client.put(calendar + "\(name).ics", ICS.event(uid: name, summary: name)).status == 201) }
            try await body(client)
        }
    }

    static func sync(_ client: DAVClient, _ token: String, limit: Int? = nil) async throws -> MultistatusView {
        try await client.report(calendar, XMLBodies.syncCollection(token, limit: limit)).multistatus()
    }

    @Test("multiget returns each existing object with its ETag and stored text, and a 404 response for each missing href")
    func multiget() async throws {
        try await Self.withObjects { client in
            let etag = try #require(try await client.get(Self.calendar + "a.ics").header("ETag"))
            let hrefs = [
                Self.calendar + "a.ics", Self.calendar + "missing.ics", "/dav/calendars/alice/nocalendar/x.ics", "/dav/calendars/bob/office/a.ics",
                "http://127.0.0.1/dav/calendars/alice/office/c.ics",
            ]
            let multistatus = try await client.report(Self.calendar, XMLBodies.multiget(hrefs)).multistatus()
            #expect(multistatus.hrefs == hrefs, "one response per href, in order, each named as asked")
            let found = try #require(multistatus.response(Self.calendar + "a.ics"))
            #expect(found.status == nil)
            #expect(found.property(D.getetag)?.text == etag)
            #expect(found.property(C.calendarData)?.text == ICS.event(uid: "a", summary: "a"))
            for missing in hrefs[1...3] {
                #expect(multistatus.response(missing)?.status == 404, "\(missing)")
                #expect(multistatus.response(missing)?.propStats.isEmpty == true)
            }
            #expect(multistatus.response(hrefs[4])?.property(C.calendarData)?.text.contains("UID:c") == true, "absolute URIs are read by path")
        }
    }

    @Test("an initial sync lists every object; after add, edit and delete an incremental one lists only those, the deleted as 404")
    func incrementalSync() async throws {
        try await Self.withObjects { client in
            let initial = try await Self.sync(client, "")
            #expect(Set(initial.hrefs) == Set(["a", "b", "c"].map { Self.calendar + "\($0).ics" }))
            #expect(initial.responses.allSatisfy { $0.status == nil && $0.property(D.getetag) != nil })
            let token = try #require(initial.syncToken)
            #expect(token == (try await client.syncToken(Self.calendar)))

            #expect(try await client.put(Self.calendar + "d.ics", ICS.event(uid: "d")).status == 201)
            #expect(try await client.put(Self.calendar + "a.ics", ICS.event(uid: "a", summary: "edited")).status == 204)
            #expect(try await client.delete(Self.calendar + "b.ics").status == 204)
            let newTag = try #require(try await client.get(Self.calendar + "a.ics").header("ETag"))

            let changes = try await Self.sync(client, token)
            #expect(Set(changes.hrefs) == [Self.calendar + "a.ics", Self.calendar + "b.ics", Self.calendar + "d.ics"], "c.ics is unchanged")
            #expect(changes.response(Self.calendar + "a.ics")?.property(D.getetag)?.text == newTag)
            #expect(changes.response(Self.calendar + "d.ics")?.property(D.getetag) != nil)
            let deleted = try #require(changes.response(Self.calendar + "b.ics"))
            #expect(deleted.status == 404)
            #expect(deleted.propStats.isEmpty)
            let next = try #require(changes.syncToken)
            #expect(next != token)

            let nothing = try await Self.sync(client, next)
            #expect(nothing.responses.isEmpty)
            #expect(nothing.syncToken == next)

            let fresh = try await Self.sync(client, "")
            #expect(Set(fresh.hrefs) == Set(["a", "c", "d"].map { Self.calendar + "\($0).ics" }), "an initial sync lists no deletions")
        }
    }

    @Test("a token that is not this calendar's, or names a revision it never had, is 403 valid-sync-token")
    func invalidTokens() async throws {
        try await Self.withObjects { client in
            #expect(try await client.mkcalendar("/dav/calendars/alice/other/").status == 201)
            let otherToken = try await client.syncToken("/dav/calendars/alice/other/")
            let current = try await client.syncToken(Self.calendar)
            let future = String(current[..<current.lastIndex(of: ":")!]) + ":999"
            for token in ["garbage", "urn:x-horario:sync:nope:1", otherToken, future] {
                let answer = try await client.report(Self.calendar, XMLBodies.syncCollection(token))
                #expect(answer.status == 403, "\(token): \(answer.text)")
                #expect(try answer.errorCondition() == D.validSyncToken, "\(token)")
            }
        }
    }

    @Test("the token of a deleted calendar is not valid for a new calendar at the same URL")
    func recreatedCalendar() async throws {
        try await Self.withObjects { client in
            let old = try await client.syncToken(Self.calendar)
            #expect(try await client.delete(Self.calendar).status == 204)
            #expect(try await client.mkcalendar(Self.calendar).status == 201)
            #expect(try await client.put(Self.calendar + "a.ics", ICS.event(uid: "a")).status == 201)
            let answer = try await client.report(Self.calendar, XMLBodies.syncCollection(old))
            #expect(answer.status == 403)
            #expect(try answer.errorCondition() == D.validSyncToken)
        }
    }

    @Test("a limit truncates with a 507 response for the collection and a token that continues where it stopped")
    func limitTruncates() async throws {
        try await Self.withObjects { client in
            let first = try await Self.sync(client, "", limit: 2)
            let objects = first.responses.filter { $0.href != Self.calendar }
            #expect(objects.count == 2)
            let truncation = try #require(first.response(Self.calendar))
            #expect(truncation.status == 507)
            #expect(truncation.error == D.numberOfMatchesWithinLimits)
            let token = try #require(first.syncToken)

            let rest = try await Self.sync(client, token, limit: 2)
            #expect(rest.response(Self.calendar) == nil, "nothing more to truncate")
            let all = Set(objects.map(\.href)).union(rest.hrefs)
            #expect(all == Set(["a", "b", "c"].map { Self.calendar + "\($0).ics" }))
            #expect(rest.hrefs.count == 1)
            #expect(rest.syncToken == (try await client.syncToken(Self.calendar)))
        }
    }

    @Test("sync-collection on the home lists its calendars, with a token that changes when a calendar does")
    func homeSync() async throws {
        try await Self.withObjects { client in
            let answer = try await client.report(
                "/dav/calendars/alice/", depth: "0",
                #"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:displayname/></D:prop></D:sync-collection>"#
            )
            let multistatus = try answer.multistatus()
            #expect(multistatus.hrefs.contains(Self.calendar))
            let token = try #require(multistatus.syncToken)
            #expect(try await client.put(Self.calendar + "e.ics", ICS.event(uid: "e")).status == 201)
            let again = try await client.report(
                "/dav/calendars/alice/", depth: "0",
                #"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:displayname/></D:prop></D:sync-collection>"#
            )
            #expect(try again.multistatus().syncToken != token, "the home's token follows its calendars")
        }
    }
}
