/// Which usernames an account may have. Usernames travel in Basic credentials, where a colon
/// would end them (RFC 7617 §2), and in CalDAV principal URLs, where "/" or spaces would need
/// escaping everywhere; so they are letters, digits and `. _ - @ +`, starting with a letter or digit.
/// They are compared case-sensitively.
public enum UsernamePolicy {
    /// The longest username accepted, in characters.
    public static let maximumLength = 64

    /// Names that are path segments of the public booking API (`/api/public/bookings/{uid}`) or
    /// top-level pages of the server (an expert's page is `/{username}`), so no expert's page
    /// could be shadowed by them or shadow them.
    public static let reserved: Set<String> = [
        "bookings", "booking", "login", "logout", "availability", "event-types", "appointments", "troubleshoot", "organizations", "account",
        "static", "api", "dav", "healthz", "metrics", ".well-known", "favicon.ico", "robots.txt",
    ]

    /// Why `username` is refused, or nil when it is acceptable.
    public static func problem(with username: String) -> String? {
        guard let first = username.first else { return "the username is empty" }
        if reserved.contains(username.lowercased()) { return "the username \"\(username)\" is reserved" }
        if username.count > maximumLength { return "the username must have at most \(maximumLength) characters" }
        guard first.isLetter || first.isNumber else { return "the username must start with a letter or digit" }
        let allowed: Set<Character> = [".", "_", "-", "@", "+"]
        guard username.allSatisfy({ $0.isLetter || $0.isNumber || allowed.contains($0) }) else {
            return "the username may contain only letters, digits and . _ - @ +"
        }
        return nil
    }
}
