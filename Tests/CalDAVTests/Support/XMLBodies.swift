/// Request bodies the tests send, written as clients write them. Every root declares the
/// prefixes `D` (DAV:), `C` (CalDAV), `CS` (calendarserver.org) and `A` (Apple iCal).
enum XMLBodies {
    static let namespaces =
        #"xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/" xmlns:A="http://apple.com/ns/ical/""#

    static func propfind(_ props: String) -> String {
        #"<?xml version="1.0" encoding="utf-8"?><D:propfind \#(namespaces)><D:prop>\#(props)</D:prop></D:propfind>"#
    }

    static let allprop = #"<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>"#
    static let propname = #"<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:propname/></D:propfind>"#

    static func mkcalendar(_ props: String) -> String {
        #"<?xml version="1.0" encoding="utf-8"?><C:mkcalendar \#(namespaces)><D:set><D:prop>\#(props)</D:prop></D:set></C:mkcalendar>"#
    }

    /// A PROPPATCH with one `<D:set>` of `set` and one `<D:remove>` of `remove` (each optional).
    static func proppatch(set: String? = nil, remove: String? = nil) -> String {
        var body = #"<?xml version="1.0" encoding="utf-8"?><D:propertyupdate \#(namespaces)>"#
        if let set { body += "<D:set><D:prop>\(set)</D:prop></D:set>" }
        if let remove { body += "<D:remove><D:prop>\(remove)</D:prop></D:remove>" }
        return body + "</D:propertyupdate>"
    }

    /// A calendar-query asking for the ETag (and `extraProps`) of objects matching `filter`.
    static func calendarQuery(_ filter: String, extraProps: String = "") -> String {
        #"""
        <?xml version="1.0" encoding="utf-8"?>
        <C:calendar-query \#(namespaces)>
          <D:prop><D:getetag/>\#(extraProps)</D:prop>
          <C:filter>\#(filter)</C:filter>
        </C:calendar-query>
        """#
    }

    /// The filter `VCALENDAR > VEVENT` within a UTC time range (`20240304T000000Z` form).
    static func eventsBetween(_ start: String, _ end: String) -> String {
        #"<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="\#(start)" end="\#(end)"/></C:comp-filter></C:comp-filter>"#
    }

    /// The filter `VCALENDAR > VEVENT > inner`.
    static func eventFilter(_ inner: String) -> String {
        #"<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">\#(inner)</C:comp-filter></C:comp-filter>"#
    }

    static func multiget(_ hrefs: [String]) -> String {
        let list = hrefs.map { "<D:href>\($0)</D:href>" }.joined()
        return
            #"<?xml version="1.0" encoding="utf-8"?><C:calendar-multiget \#(namespaces)><D:prop><D:getetag/><C:calendar-data/></D:prop>\#(list)</C:calendar-multiget>"#
    }

    /// A sync-collection report from `token` ("" = initial), optionally limited.
    static func syncCollection(_ token: String, limit: Int? = nil) -> String {
        let limitElement = limit.map { "<D:limit><D:nresults>\($0)</D:nresults></D:limit>" } ?? ""
        return
            #"<?xml version="1.0" encoding="utf-8"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>\#(token)</D:sync-token><D:sync-level>1</D:sync-level>\#(limitElement)<D:prop><D:getetag/></D:prop></D:sync-collection>"#
    }

    static func freeBusyQuery(_ start: String, _ end: String) -> String {
        #"<?xml version="1.0" encoding="utf-8"?><C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="\#(start)" end="\#(end)"/></C:free-busy-query>"#
    }
}
