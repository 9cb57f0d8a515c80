import DAVXML

/// Names CalDAV uses that DAVXML's tables do not list.
enum CalDAVNames {
    /// RFC 4791 §7.7 precondition of REPORT filters.
    static let validFilter = XMLName(XMLNamespace.calDAV, "valid-filter")
    /// RFC 4918 §16 precondition of MKCOL/MKCALENDAR on an existing URL.
    static let resourceMustBeNull = XMLName(XMLNamespace.dav, "resource-must-be-null")
}
