import DAVXML

/// CalDAV names this module reads that `XMLName.CalDAV` does not define (yet).
enum QueryNames {
    /// `<C:allcomp/>` (RFC 4791 §9.6.2).
    static let allcomp = XMLName(XMLNamespace.calDAV, "allcomp")
    /// The CALDAV:valid-filter precondition (RFC 4791 §7.8).
    static let validFilter = XMLName(XMLNamespace.calDAV, "valid-filter")
}
