import DAVXML
import Testing

/// A 207 body read structurally with the DAVXML parser: each `<D:response>` by href, with its
/// bare status or its propstats (status → property elements), so tests compare elements, not
/// substrings.
struct MultistatusView {
    struct PropStatView {
        var status: Int
        var properties: [XMLElement]
        /// The precondition element inside `<D:error>`, if any.
        var error: XMLName?
    }

    struct ResponseView {
        var href: String
        /// The status of a response without propstats (404 in a multiget or a sync report).
        var status: Int?
        var propStats: [PropStatView]
        var error: XMLName?

        /// The property as returned with 200.
        func property(_ name: XMLName) -> XMLElement? {
            propStats.first { $0.status == 200 }?.properties.first { $0.name == name }
        }

        /// The status of the propstat that lists `name`, nil when none does.
        func status(of name: XMLName) -> Int? {
            propStats.first { $0.properties.contains { $0.name == name } }?.status
        }

        /// Every status a propstat of this response has, ascending.
        var propStatStatuses: [Int] { propStats.map(\.status).sorted() }

        /// The `<D:href>` texts inside a property (current-user-principal, calendar-home-set…).
        func hrefs(in name: XMLName) -> [String] {
            property(name)?.all(XMLName.DAV.href).map(\.text) ?? []
        }
    }

    var responses: [ResponseView]
    var syncToken: String?

    var hrefs: [String] { responses.map(\.href) }

    func response(_ href: String) -> ResponseView? { responses.first { $0.href == href } }

    init(_ root: XMLElement) throws {
        try #require(root.name == XMLName.DAV.multistatus, "not a multistatus: \(root.name)")
        responses = try root.all(XMLName.DAV.response).map { element in
            let href = try #require(element.first(XMLName.DAV.href)?.text, "a response without href")
            let propStats = try element.all(XMLName.DAV.propstat).map { propstat in
                PropStatView(
                    status: try Self.status(try #require(propstat.first(XMLName.DAV.status)?.text)),
                    properties: propstat.first(XMLName.DAV.prop)?.elements ?? [],
                    error: propstat.first(XMLName.DAV.error)?.elements.first?.name)
            }
            return ResponseView(
                href: href, status: try element.first(XMLName.DAV.status).map { try Self.status($0.text) }, propStats: propStats,
                error: element.first(XMLName.DAV.error)?.elements.first?.name)
        }
        syncToken = root.first(XMLName.DAV.syncToken)?.text
    }

    /// The code of a status line (`HTTP/1.1 404 Not Found` → 404).
    static func status(_ line: String) throws -> Int {
        let parts = line.split(separator: " ")
        return try #require(parts.count >= 2 ? Int(parts[1]) : nil, "unreadable status line \(line)")
    }
}

extension HTTPAnswer {
    /// The body parsed as XML (with the server's own XML parser).
    func xml() throws -> XMLElement { try DAVXMLParser.parse(body) }

    /// The body as a multistatus; fails the test unless the status is 207.
    func multistatus() throws -> MultistatusView {
        try #require(status == 207, "expected 207, got \(status): \(text)")
        return try MultistatusView(try xml())
    }

    /// The precondition element of a `<D:error>` body (nil when there is none).
    func errorCondition() throws -> XMLName? {
        let root = try xml()
        try #require(root.name == XMLName.DAV.error, "not a DAV:error body: \(text)")
        return root.elements.first { $0.name != XMLName("urn:x-horario:ns", "message") }?.name
    }
}
