// Small builders for elements that appear in nearly every WebDAV response.

extension XMLElement {
    /// `<D:href>` (RFC 4918 §14.7). `href` is written as given: percent-encode it beforehand.
    public static func href(_ href: String) -> XMLElement {
        XMLElement(XMLName.DAV.href, text: href)
    }

    /// `<D:status>HTTP/1.1 200 OK</D:status>` (RFC 4918 §14.28).
    public static func status(_ code: Int) -> XMLElement {
        XMLElement(XMLName.DAV.status, text: HTTPStatusLine.line(code))
    }

    /// `<D:error>` naming a precondition or postcondition (RFC 4918 §16), e.g.
    /// `<D:error><D:cannot-modify-protected-property/></D:error>`.
    public static func error(_ condition: XMLName) -> XMLElement {
        XMLElement(XMLName.DAV.error, elements: [XMLElement(condition)])
    }
}
