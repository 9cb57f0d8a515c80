/// Status lines for `<D:status>` elements (RFC 4918 §14.28), which carry an HTTP/1.1 status
/// line even when the response itself travels over HTTP/2.
public enum HTTPStatusLine {
    /// `HTTP/1.1 <code> <reason>`, e.g. `HTTP/1.1 404 Not Found`.
    public static func line(_ code: Int) -> String {
        "HTTP/1.1 \(code) \(reasonPhrase(code))"
    }

    /// The reason phrase of RFC 9110 §15 and RFC 4918 §11 for `code`; for a code without one,
    /// the name of its class (reason phrases are informative only, RFC 9112 §4).
    public static func reasonPhrase(_ code: Int) -> String {
        if let phrase = phrases[code] { return phrase }
        switch code {
        case 100..<200: return "Informational"
        case 200..<300: return "Success"
        case 300..<400: return "Redirection"
        case 400..<500: return "Client Error"
        case 500..<600: return "Server Error"
        default: return "Unknown"
        }
    }

    private static let phrases: [Int: String] = [
        100: "Continue",
        200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 207: "Multi-Status",
        301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect",
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
        409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed", 413: "Content Too Large", 414: "URI Too Long",
        415: "Unsupported Media Type", 416: "Range Not Satisfiable", 422: "Unprocessable Content", 423: "Locked", 424: "Failed Dependency",
        428: "Precondition Required", 429: "Too Many Requests",
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
        507: "Insufficient Storage",
    ]
}
