import WebDAV

/// Horario's DAV URL layout (one place, so every href agrees).
enum DAVPaths {
    static let root = "/dav/"
    static let principals = "/dav/principals/"
    static let homes = "/dav/calendars/"

    static func principal(_ username: String) -> String { DAVPath.href(["dav", "principals", username], collection: true) }
    static func home(_ username: String) -> String { DAVPath.href(["dav", "calendars", username], collection: true) }
    static func calendar(_ username: String, _ slug: String) -> String { DAVPath.href(["dav", "calendars", username, slug], collection: true) }
    static func object(_ username: String, _ slug: String, _ name: String) -> String {
        DAVPath.href(["dav", "calendars", username, slug, name], collection: false)
    }
    static func inbox(_ username: String) -> String { DAVPath.href(["dav", "calendars", username, "inbox"], collection: true) }
    static func inboxMessage(_ username: String, _ name: String) -> String {
        DAVPath.href(["dav", "calendars", username, "inbox", name], collection: false)
    }
    static func outbox(_ username: String) -> String { DAVPath.href(["dav", "calendars", username, "outbox"], collection: true) }
    static func plain(_ username: String, _ path: String, collection: Bool) -> String {
        DAVPath.href(["dav", "calendars", username] + path.split(separator: "/").map(String.init), collection: collection)
    }

    /// Names a client may not use at the top of a home.
    static let reservedHomeNames: Set<String> = ["inbox", "outbox"]
}
