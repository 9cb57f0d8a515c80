// Request bodies as clients send them, for the parser and typed request tests.

enum Bodies {
    /// Thunderbird's calendar PROPFIND: prefixed names, three namespaces declared on the root.
    static let thunderbirdPropfind = """
        <?xml version="1.0" encoding="UTF-8"?>
        <D:propfind xmlns:D="DAV:" xmlns:CS="http://calendarserver.org/ns/" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop>
            <D:resourcetype/>
            <D:owner/>
            <D:current-user-principal/>
            <D:current-user-privilege-set/>
            <D:supported-report-set/>
            <C:supported-calendar-component-set/>
            <CS:getctag/>
          </D:prop>
        </D:propfind>
        """

    /// Apple's style: DAV: under the prefix A, and the prefix D re-bound to Apple's namespace on
    /// each element that uses it. Only expanded names may be compared.
    static let applePropfind = """
        <?xml version="1.0" encoding="UTF-8"?>
        <A:propfind xmlns:A="DAV:">
          <A:prop>
            <A:add-member/>
            <C:allowed-sharing-modes xmlns:C="http://calendarserver.org/ns/"/>
            <D:autoprovisioned xmlns:D="http://apple.com/ns/ical/"/>
            <E:bulk-requests xmlns:E="http://me.com/_namespace/"/>
            <D:calendar-color xmlns:D="http://apple.com/ns/ical/"/>
            <B:calendar-description xmlns:B="urn:ietf:params:xml:ns:caldav"/>
            <D:calendar-order xmlns:D="http://apple.com/ns/ical/"/>
            <A:current-user-privilege-set/>
            <A:displayname/>
            <C:getctag xmlns:C="http://calendarserver.org/ns/"/>
            <A:resourcetype/>
            <A:sync-token/>
          </A:prop>
        </A:propfind>
        """

    /// DAVx5's style: DAV: as the default namespace.
    static let davx5Propfind = """
        <?xml version='1.0' encoding='UTF-8' ?>
        <propfind xmlns="DAV:" xmlns:CAL="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/" \
        xmlns:ICAL="http://apple.com/ns/ical/"><prop><current-user-privilege-set /><displayname /><ICAL:calendar-color />\
        <CAL:calendar-description /><CAL:calendar-timezone /><CAL:supported-calendar-component-set /><resourcetype />\
        <CS:getctag /><sync-token /></prop></propfind>
        """

    /// A calendar-query with a partial calendar-data and a time-range filter (RFC 4791 §7.8).
    static let calendarQuery = """
        <?xml version="1.0" encoding="utf-8" ?>
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop>
            <D:getetag/>
            <C:calendar-data>
              <C:comp name="VCALENDAR">
                <C:prop name="VERSION"/>
                <C:comp name="VEVENT">
                  <C:prop name="SUMMARY"/>
                  <C:prop name="UID"/>
                </C:comp>
              </C:comp>
            </C:calendar-data>
          </D:prop>
          <C:filter>
            <C:comp-filter name="VCALENDAR">
              <C:comp-filter name="VEVENT">
                <C:prop-filter name="SUMMARY">
                  <C:text-match collation="i;ascii-casemap" negate-condition="no">Review &amp; plan</C:text-match>
                </C:prop-filter>
                <C:time-range start="20260104T000000Z" end="20260105T000000Z"/>
              </C:comp-filter>
            </C:comp-filter>
          </C:filter>
        </C:calendar-query>
        """

    /// A calendar-multiget (RFC 4791 §7.9) with percent-encoded hrefs.
    static let multiget = """
        <?xml version="1.0" encoding="utf-8" ?>
        <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop>
            <D:getetag/>
            <C:calendar-data/>
          </D:prop>
          <D:href>/dav/calendars/ana/office/meeting%20one.ics</D:href>
          <D:href>/dav/calendars/ana/office/b&amp;c.ics</D:href>
        </C:calendar-multiget>
        """

    /// A sync-collection continuing from a token, with a limit (RFC 6578 §3.8).
    static let syncCollection = """
        <?xml version="1.0" encoding="utf-8" ?>
        <D:sync-collection xmlns:D="DAV:">
          <D:sync-token>http://example.com/ns/sync/1234</D:sync-token>
          <D:sync-level>1</D:sync-level>
          <D:limit><D:nresults>100</D:nresults></D:limit>
          <D:prop xmlns:R="urn:ns.example.com:boxschema">
            <D:getetag/>
            <R:bigbox/>
          </D:prop>
        </D:sync-collection>
        """

    /// A PROPPATCH in the manner of the litmus suite: a property in no namespace, a value with
    /// high Unicode, a value with namespaced children and mixed content, and a removal.
    static let litmusProppatch = """
        <?xml version="1.0" encoding="utf-8" ?>
        <D:propertyupdate xmlns:D="DAV:" xmlns:Z="http://example.com/neon/litmus/">
          <D:set>
            <D:prop>
              <prop0 xmlns="">value0</prop0>
              <Z:high-unicode>\u{10000}\u{1F600}</Z:high-unicode>
              <Z:valnspace>text <x:inner xmlns:x="http://example.com/inner" x:attr="1">child</x:inner> tail</Z:valnspace>
            </D:prop>
          </D:set>
          <D:remove>
            <D:prop><Z:prop9/></D:prop>
          </D:remove>
        </D:propertyupdate>
        """
}
