import Hummingbird

/// A 303 to another page, thrown from a handler (post/redirect/get).
struct WebRedirect: Error {
    var location: String

    static let signIn = WebRedirect(location: "/login")

    var response: Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

/// A page the user asked for that does not exist or is not theirs (404, as the API).
struct WebNotFound: Error {}

/// A refused form: CSRF token or origin check failed (403), nothing stored.
struct WebForbidden: Error {
    var reason: String
}
