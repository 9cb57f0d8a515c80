/// An expanded XML name: namespace URI plus local name. WebDAV compares names this way, never
/// by prefix (RFC 4918 §17).
public struct XMLName: Hashable, Sendable, CustomStringConvertible {
    public var namespace: String
    public var local: String

    public init(_ namespace: String, _ local: String) {
        self.namespace = namespace
        self.local = local
    }

    /// Clark notation, `{namespace}local`, for logs and messages.
    public var description: String { "{\(namespace)}\(local)" }
}

/// The namespaces WebDAV and CalDAV bodies use, with the prefixes Horario writes for them.
public enum XMLNamespace {
    public static let dav = "DAV:"
    public static let calDAV = "urn:ietf:params:xml:ns:caldav"
    public static let calendarServer = "http://calendarserver.org/ns/"
    public static let apple = "http://apple.com/ns/ical/"
    /// Horario's own elements (error messages, its preconditions).
    public static let horario = "urn:x-horario:ns"

    /// Prefixes used when writing; other namespaces get generated ones (`x0`, `x1`…).
    public static let preferredPrefixes: [String: String] = [
        dav: "D", calDAV: "C", calendarServer: "CS", apple: "A", horario: "H",
    ]
}
