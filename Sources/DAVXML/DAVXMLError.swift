/// Why an XML body was refused: malformed or unsafe XML, or a well-formed body that is not the
/// WebDAV request it claims to be. The message is meant for the client (it goes into a 400
/// response), so it names the problem without echoing large parts of the body.
public struct DAVXMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, without the line.
    public var message: String
    /// The 1-based line of the body where libxml2 found the problem, when known.
    public var line: Int?

    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
