import DAVXML
public import Foundation
import ICalendar
public import Store

/// A CalDAV account (iCloud, Nextcloud, Fastmail, Radicale, another Horario…): discovery,
/// calendars, busy time and writes, over ``OutgoingHTTP``. It never trusts a server's
/// `expand` or `free-busy-query` (they differ between servers, and iCloud has none): events
/// come with `calendar-query` and our engine expands them (CONNECTIONS.md §2.6).
public struct CalDAVDriver: Sendable {
    public struct Account: Codable, Hashable, Sendable {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    /// What discovery found.
    public struct Discovery: Sendable {
        /// The account's address from `calendar-user-address-set`, if the server gives one.
        public var email: String?
        /// The calendar home (or the one calendar the user gave).
        public var home: URL
        public var calendars: [ListedCalendar]
    }

    /// A calendar as listed, with its change tag (`getctag` or `sync-token`).
    public struct ListedCalendar: Sendable {
        public var calendar: ConnectedCalendar
        public var changeTag: String?
    }

    public let http: OutgoingHTTP
    /// Names the account in messages (`iCloud`, or the host).
    public let isICloud: Bool

    public init(http: OutgoingHTTP, isICloud: Bool) {
        self.http = http
        self.isICloud = isICloud
    }

    public static let iCloudURL = URL(string: "https://caldav.icloud.com/")!

    // MARK: - Discovery

    /// Finds the calendars of `account` starting at `start` (RFC 6764 well-known URI, RFC 5397
    /// principal, RFC 4791 calendar home); `start` may also be one calendar's URL.
    public func discover(start: URL, account: Account) async throws(ProviderError) -> Discovery {
        var (url, entry) = try await propfindOne(start, account: account, properties: Self.discoveryProperties)
        if Self.isCalendar(entry) {
            let listed = try await listCalendars(home: url, account: account, depth: "0")
            return Discovery(email: nil, home: url, calendars: listed)
        }
        if Self.href(entry, XMLName("DAV:", "current-user-principal")) == nil {
            // A bare server address: the well-known URI redirects to the context path (RFC 6764 §5).
            (url, entry) = try await propfindOne(
                URL(string: "/.well-known/caldav", relativeTo: url)!.absoluteURL, account: account, properties: Self.discoveryProperties)
        }
        guard let principalHref = Self.href(entry, XMLName("DAV:", "current-user-principal")),
            let principal = URL(string: principalHref, relativeTo: url)?.absoluteURL
        else { throw .badResponse("\(url.host ?? "the server") did not name the account's principal; is this a CalDAV address?") }
        let (principalURL, principalEntry) = try await propfindOne(principal, account: account, properties: Self.principalProperties)
        guard let homeHref = Self.href(principalEntry, XMLName("urn:ietf:params:xml:ns:caldav", "calendar-home-set")),
            let home = URL(string: homeHref, relativeTo: principalURL)?.absoluteURL
        else { throw .badResponse("\(principalURL.host ?? "the server") did not name a calendar home for this account") }
        let email = principalEntry.properties[XMLName("urn:ietf:params:xml:ns:caldav", "calendar-user-address-set")]?
            .all(XMLName("DAV:", "href")).map { $0.text.trimmingCharacters(in: CharacterSet.whitespaces) }
            .first { $0.lowercased().hasPrefix("mailto:") }.map { String($0.dropFirst(7)) }
        let calendars = try await listCalendars(home: home, account: account, depth: "1")
        return Discovery(email: email, home: home, calendars: calendars)
    }

    /// The event calendars in `home` (Depth 1), or `home` itself (Depth 0).
    public func listCalendars(home: URL, account: Account, depth: String = "1") async throws(ProviderError) -> [ListedCalendar] {
        let response = try await send(
            "PROPFIND", home, account: account, headers: [("Depth", depth), ("Content-Type", "application/xml; charset=utf-8")],
            body: Self.propfindBody(Self.calendarProperties))
        guard response.status == 207 else { throw Self.failure(response, url: home, isICloud: isICloud) }
        var result: [ListedCalendar] = []
        for entry in try MultiStatus(response.body).entries where Self.isCalendar(entry) {
            guard let url = URL(string: entry.href, relativeTo: home)?.absoluteURL else { continue }
            let components = entry.properties[XMLName("urn:ietf:params:xml:ns:caldav", "supported-calendar-component-set")]
            // Reminders-only (VTODO) collections hold no busy time and take no events.
            if let components, !components.elements.contains(where: { $0.attribute("name")?.uppercased() == "VEVENT" }) { continue }
            let privileges = entry.properties[XMLName("DAV:", "current-user-privilege-set")]
            let canWrite =
                privileges.map { set in
                    set.all(XMLName("DAV:", "privilege")).contains { privilege in
                        privilege.elements.contains { ["write", "write-content", "bind", "all"].contains($0.name.local) }
                    }
                } ?? true
            let transparent =
                entry.properties[XMLName("urn:ietf:params:xml:ns:caldav", "schedule-calendar-transp")]?.elements
                .contains { $0.name.local == "transparent" } ?? false
            let name =
                entry.text(XMLName("DAV:", "displayname")).flatMap { $0.isEmpty ? nil : $0 }
                ?? entry.href.split(separator: "/").last.map(String.init) ?? url.absoluteString
            let color = entry.text(XMLName("http://apple.com/ns/ical/", "calendar-color")).map { String($0.prefix(7)) }
            let zone = entry.text(XMLName("urn:ietf:params:xml:ns:caldav", "calendar-timezone")).flatMap(Self.zoneName)
            let tag = entry.text(XMLName("http://calendarserver.org/ns/", "getctag")) ?? entry.text(XMLName("DAV:", "sync-token"))
            result.append(
                ListedCalendar(
                    calendar: ConnectedCalendar(
                        id: url.absoluteString, name: name, isPrimary: result.isEmpty, color: color?.hasPrefix("#") == true ? color : nil,
                        canWrite: canWrite, checkForConflicts: !transparent, timeZone: zone),
                    changeTag: tag))
        }
        return result
    }

    // MARK: - Busy time

    /// Busy time of one calendar in `window`: a time-ranged `calendar-query` for events, read
    /// with ``ExternalEventBusy``.
    public func busy(
        calendar: URL, account: Account, window: DateInterval, reader: ExternalEventBusy, connectionId: String,
        timeout: TimeInterval? = nil
    ) async throws(ProviderError) -> [ExternalBusy] {
        let body = """
            <?xml version="1.0" encoding="utf-8"?>
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop><D:getetag/><C:calendar-data/></D:prop>
              <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
                <C:time-range start="\(Instant(window.start).icalString)" end="\(Instant(window.end).icalString)"/>
              </C:comp-filter></C:comp-filter></C:filter>
            </C:calendar-query>
            """
        let response = try await send(
            "REPORT", calendar, account: account, headers: [("Depth", "1"), ("Content-Type", "application/xml; charset=utf-8")],
            body: Array(body.utf8), timeout: timeout)
        guard response.status == 207 else { throw Self.failure(response, url: calendar, isICloud: isICloud) }
        var busy: [ExternalBusy] = []
        // iCloud lists the collection itself among the results, without calendar-data: skipped.
        for entry in try MultiStatus(response.body).entries {
            guard let data = entry.properties[XMLName("urn:ietf:params:xml:ns:caldav", "calendar-data")]?.text, !data.isEmpty else { continue }
            busy += reader.intervals(ofObject: data, connectionId: connectionId, calendarId: calendar.absoluteString) ?? []
        }
        return busy
    }

    // MARK: - Writes

    /// Writes `ics` as `{calendar}/{uid}.ics`: created with `If-None-Match: *` the first time,
    /// replaced with `If-Match` after. A create that finds the object already there (a retry
    /// whose first answer was lost) reads its ETag and replaces it: never two copies.
    public func put(
        calendar: URL, uid: String, ics: String, knownHref: String?, etag: String?, account: Account
    ) async throws(ProviderError) -> (href: String, etag: String?) {
        let url = knownHref.flatMap { URL(string: $0) } ?? Self.objectURL(calendar: calendar, uid: uid)
        let body = Array(ics.utf8)
        var condition = etag.map { ("If-Match", $0) } ?? ("If-None-Match", "*")
        for _ in 0..<3 {
            let response = try await send(
                "PUT", url, account: account, headers: [("Content-Type", "text/calendar; charset=utf-8"), condition], body: body)
            switch response.status {
            case 200, 201, 204:
                // A server that changed the data may send no ETag (RFC 4791 §5.3.4): read it back then.
                if let tag = response.header("ETag") { return (url.absoluteString, tag) }
                return (url.absoluteString, try await currentETag(url, account: account))
            case 412:
                guard let current = try await currentETag(url, account: account) else {
                    condition = ("If-None-Match", "*")
                    continue
                }
                condition = ("If-Match", current)
            default: throw Self.failure(response, url: url, isICloud: isICloud)
            }
        }
        throw .preconditionFailed("\(url.host ?? "the server") kept changing \(url.lastPathComponent) while Horario wrote it")
    }

    /// Deletes the object; one already gone counts as deleted.
    public func delete(href: String, etag: String?, account: Account) async throws(ProviderError) {
        guard let url = URL(string: href) else { return }
        var headers: [(String, String)] = etag.map { [("If-Match", $0)] } ?? []
        for _ in 0..<3 {
            let response = try await send("DELETE", url, account: account, headers: headers)
            switch response.status {
            case 200, 202, 204, 404, 410: return
            case 412:
                guard let current = try await currentETag(url, account: account) else { return }
                headers = [("If-Match", current)]
            default: throw Self.failure(response, url: url, isICloud: isICloud)
            }
        }
        throw .preconditionFailed("\(url.host ?? "the server") kept changing \(url.lastPathComponent) while Horario deleted it")
    }

    func currentETag(_ url: URL, account: Account) async throws(ProviderError) -> String? {
        let response = try await send("HEAD", url, account: account)
        if response.status == 404 || response.status == 410 { return nil }
        guard (200..<300).contains(response.status) else { throw Self.failure(response, url: url, isICloud: isICloud) }
        if let tag = response.header("ETag") { return tag }
        let get = try await send("GET", url, account: account)
        return (200..<300).contains(get.status) ? get.header("ETag") : nil
    }

    static func objectURL(calendar: URL, uid: String) -> URL {
        let safe = uid.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.@"))) ?? uid
        let base = calendar.absoluteString.hasSuffix("/") ? calendar.absoluteString : calendar.absoluteString + "/"
        return URL(string: base + safe + ".ics")!
    }

    // MARK: - HTTP

    /// One request with Basic credentials, following up to five redirects, each checked.
    func send(
        _ method: String, _ url: URL, account: Account, headers: [(String, String)] = [], body: [UInt8]? = nil, timeout: TimeInterval? = nil
    ) async throws(ProviderError) -> OutgoingHTTP.Response {
        try await sendFollowing(method, url, account: account, headers: headers, body: body, timeout: timeout).response
    }

    /// ``send(_:_:account:headers:body:timeout:)`` with the URL that finally answered, against
    /// which the answer's relative hrefs resolve.
    func sendFollowing(
        _ method: String, _ url: URL, account: Account, headers: [(String, String)] = [], body: [UInt8]? = nil, timeout: TimeInterval? = nil
    ) async throws(ProviderError) -> (response: OutgoingHTTP.Response, url: URL) {
        let basic = Data("\(account.username):\(account.password)".utf8).base64EncodedString()
        var target = url
        for _ in 0..<5 {
            let response = try await http.send(
                method, target, headers: headers + [("Authorization", "Basic \(basic)")], body: body, timeout: timeout)
            guard [301, 302, 307, 308].contains(response.status), let location = response.header("Location"),
                let next = URL(string: location, relativeTo: target)?.absoluteURL
            else { return (response, target) }
            target = next
        }
        throw .badResponse("\(url.host ?? "the server") redirected too many times")
    }

    /// PROPFIND Depth 0, following redirects; the final URL and its entry.
    func propfindOne(_ url: URL, account: Account, properties: [XMLName]) async throws(ProviderError) -> (URL, MultiStatus.Entry) {
        let (response, target) = try await sendFollowing(
            "PROPFIND", url, account: account, headers: [("Depth", "0"), ("Content-Type", "application/xml; charset=utf-8")],
            body: Self.propfindBody(properties))
        guard response.status == 207 else { throw Self.failure(response, url: target, isICloud: isICloud) }
        guard let entry = try MultiStatus(response.body).entries.first else {
            throw .badResponse("\(target.host ?? "the server") answered PROPFIND with no response")
        }
        return (target, entry)
    }

    /// The error an unexpected status means.
    static func failure(_ response: OutgoingHTTP.Response, url: URL, isICloud: Bool) -> ProviderError {
        let host = url.host ?? "the server"
        switch response.status {
        case 401:
            return isICloud
                ? .appPasswordRequired(
                    "iCloud refused the password: use an app-specific password (account.apple.com → Sign-In and Security → App-Specific Passwords), not your Apple ID password"
                )
                : .unauthorized("\(host) refused the user name or password (401)")
        case 403: return .unauthorized("\(host) does not let this account read \(url.path) (403)")
        case 404, 410: return .notFound("\(host) has nothing at \(url.path) (\(response.status))")
        case 412: return .preconditionFailed("\(url.lastPathComponent) changed on \(host)")
        case 429, 503:
            let retryAfter = response.header("Retry-After").flatMap(TimeInterval.init)
            return response.status == 429
                ? .rateLimited("\(host) asks Horario to slow down (429)", retryAfter: retryAfter)
                : .unreachable("\(host) is unavailable (503)")
        case 500...599: return .unreachable("\(host) failed with \(response.status)")
        default: return .badResponse("\(host) answered \(response.status) at \(url.path); is this a CalDAV address?")
        }
    }

    static func propfindBody(_ properties: [XMLName]) -> [UInt8] {
        let prefixes = ["DAV:": "D", "urn:ietf:params:xml:ns:caldav": "C", "http://calendarserver.org/ns/": "CS", "http://apple.com/ns/ical/": "A"]
        let props = properties.map { "<\(prefixes[$0.namespace] ?? "D"):\($0.local)/>" }.joined()
        return Array(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/" \
            xmlns:A="http://apple.com/ns/ical/"><D:prop>\(props)</D:prop></D:propfind>
            """.utf8)
    }

    static let discoveryProperties = [
        XMLName("DAV:", "current-user-principal"), XMLName("DAV:", "resourcetype"),
    ]
    static let principalProperties = [
        XMLName("urn:ietf:params:xml:ns:caldav", "calendar-home-set"), XMLName("urn:ietf:params:xml:ns:caldav", "calendar-user-address-set"),
        XMLName("DAV:", "displayname"),
    ]
    static let calendarProperties = [
        XMLName("DAV:", "resourcetype"), XMLName("DAV:", "displayname"), XMLName("DAV:", "current-user-privilege-set"),
        XMLName("DAV:", "sync-token"), XMLName("urn:ietf:params:xml:ns:caldav", "supported-calendar-component-set"),
        XMLName("urn:ietf:params:xml:ns:caldav", "schedule-calendar-transp"), XMLName("urn:ietf:params:xml:ns:caldav", "calendar-timezone"),
        XMLName("http://calendarserver.org/ns/", "getctag"), XMLName("http://apple.com/ns/ical/", "calendar-color"),
    ]

    static func isCalendar(_ entry: MultiStatus.Entry) -> Bool {
        entry.properties[XMLName("DAV:", "resourcetype")]?.elements.contains { $0.name == XMLName("urn:ietf:params:xml:ns:caldav", "calendar") }
            ?? false
    }

    static func href(_ entry: MultiStatus.Entry, _ name: XMLName) -> String? {
        entry.properties[name]?.first(XMLName("DAV:", "href"))?.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The IANA name of a `calendar-timezone` VTIMEZONE's TZID, when it is one.
    static func zoneName(_ text: String) -> String? {
        guard let parsed = try? ICalendarParser.parse(text, mode: .lenient),
            let tzid = parsed.calendar.components.first(where: { $0.name == "VTIMEZONE" })?.property("TZID")?.value
        else { return nil }
        return TimeZoneResolver.ianaName(for: tzid) ?? (ZoneRules.iana(tzid) != nil ? tzid : nil)
    }
}
