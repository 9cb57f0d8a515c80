import DAVXML
import Testing

/// sync-collection REPORT bodies (RFC 6578 §3.2, §6.1).
struct SyncCollectionRequestTests {
    static func request(_ xml: String) throws(DAVXMLError) -> SyncCollectionRequest {
        try SyncCollectionRequest(try DAVXMLParser.parse(Array(xml.utf8)))
    }

    @Test("token, level, limit and properties are read")
    func full() throws {
        let request = try Self.request(Bodies.syncCollection)
        #expect(
            request
                == SyncCollectionRequest(
                    syncToken: "http://example.com/ns/sync/1234", syncLevel: .one, limit: 100,
                    properties: PropFindRequest(kind: .properties([XMLName.DAV.getetag, XMLName("urn:ns.example.com:boxschema", "bigbox")]))))
    }

    @Test("an empty token is the initial sync; infinite depth and allprop are accepted")
    func initial() throws {
        let request = try Self.request(
            """
            <sync-collection xmlns="DAV:"><sync-token/><sync-level>infinite</sync-level><allprop/></sync-collection>
            """)
        #expect(request == SyncCollectionRequest(syncToken: "", syncLevel: .infinite, limit: nil, properties: .allProperties))
    }

    @Test("white space around the token and level is ignored; missing ones default to initial and 1")
    func lenient() throws {
        let spaced = try Self.request(
            "<D:sync-collection xmlns:D=\"DAV:\"><D:sync-token>\n  urn:t:5 \n</D:sync-token><D:sync-level> 1 </D:sync-level><D:prop/></D:sync-collection>"
        )
        #expect(spaced.syncToken == "urn:t:5")
        #expect(spaced.syncLevel == .one)
        let bare = try Self.request(#"<D:sync-collection xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:sync-collection>"#)
        #expect(bare == SyncCollectionRequest(syncToken: "", properties: PropFindRequest(kind: .properties([XMLName.DAV.getetag]))))
    }

    @Test(
        "a body that is not a usable sync-collection says what is wrong",
        arguments: [
            (#"<D:propfind xmlns:D="DAV:"><D:prop/></D:propfind>"#, "Expected a {DAV:}sync-collection body, found {DAV:}propfind"),
            (#"<D:sync-collection xmlns:D="DAV:"><D:sync-token/></D:sync-collection>"#, "{DAV:}sync-collection must contain prop or allprop"),
            (#"<D:sync-collection xmlns:D="DAV:"><D:propname/></D:sync-collection>"#, "{DAV:}sync-collection must contain prop or allprop"),
            (
                #"<D:sync-collection xmlns:D="DAV:"><D:sync-level>2</D:sync-level><D:prop/></D:sync-collection>"#,
                "{DAV:}sync-level must be 1 or infinite, not \"2\""
            ),
            (#"<D:sync-collection xmlns:D="DAV:"><D:limit/><D:prop/></D:sync-collection>"#, "{DAV:}limit must contain {DAV:}nresults"),
            (
                #"<D:sync-collection xmlns:D="DAV:"><D:limit><D:nresults>0</D:nresults></D:limit><D:prop/></D:sync-collection>"#,
                "{DAV:}nresults must be a positive integer, not \"0\""
            ),
            (
                #"<D:sync-collection xmlns:D="DAV:"><D:limit><D:nresults>many</D:nresults></D:limit><D:prop/></D:sync-collection>"#,
                "{DAV:}nresults must be a positive integer, not \"many\""
            ),
        ])
    func refusals(xml: String, message: String) {
        #expect(throws: DAVXMLError(message)) { try Self.request(xml) }
    }
}
