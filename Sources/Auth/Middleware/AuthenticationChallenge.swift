import HTTPTypes
public import Hummingbird

/// The 401 answer and its `WWW-Authenticate` challenges (RFC 9110 §11.6.1).
///
/// Errors are thrown as `HTTPError`, never rendered here, so the application's error middleware
/// decides the body (problem+json for the API, plain for CalDAV) and the challenge header stays.
public enum AuthenticationChallenge {
    /// The realm Horario names in its challenges.
    public static let defaultRealm = "Horario"

    /// `Basic realm="…", charset="UTF-8"` (RFC 7617 §2.1): asks for a username and password
    /// and says they are sent as UTF-8.
    public static func basic(realm: String = defaultRealm) -> String {
        "Basic realm=\(quoted(realm)), charset=\"UTF-8\""
    }

    /// `Bearer realm="…", error="invalid_token"` (RFC 6750 §3): the token sent is unknown.
    public static func invalidBearerToken(realm: String = defaultRealm) -> String {
        "Bearer realm=\(quoted(realm)), error=\"invalid_token\""
    }

    /// A 401 with the Basic challenge, plus the Bearer one when a token was refused.
    /// - Parameters:
    ///   - realm: the protection space named in the challenges.
    ///   - message: a short reason for the body; it never says whether a username exists.
    ///   - invalidToken: whether the request presented a Bearer token that was refused.
    public static func unauthorized(realm: String = defaultRealm, message: String, invalidToken: Bool = false) -> HTTPError {
        var headers = HTTPFields()
        headers.append(HTTPField(name: .wwwAuthenticate, value: basic(realm: realm)))
        if invalidToken {
            headers.append(HTTPField(name: .wwwAuthenticate, value: invalidBearerToken(realm: realm)))
        }
        return HTTPError(.unauthorized, headers: headers, message: message)
    }

    /// An RFC 9110 §5.6.4 quoted-string.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        result.append("\"")
        return result
    }
}
