public import DAVXML
public import HTTPTypes
public import Hummingbird

/// A WebDAV error that renders itself: its status and, for a failed precondition or
/// postcondition, a `<D:error>` body naming it (RFC 4918 §16), plus a human-readable message.
public struct DAVError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// The precondition or postcondition element, e.g. `{urn:ietf:params:xml:ns:caldav}valid-calendar-data`.
    public var condition: XMLName?
    /// What is wrong, in words; goes in the body.
    public var message: String
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, condition: XMLName? = nil, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.condition = condition
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(condition.map { "\($0) " } ?? "")\(message)" }

    /// The namespace of Horario's own `<H:message>` element in error bodies.
    public static let messageNamespace = XMLNamespace.horario

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var children: [XMLElement] = []
        if let condition { children.append(XMLElement(condition)) }
        children.append(XMLElement(XMLName(Self.messageNamespace, "message"), text: message))
        let body = XMLWriter.document(XMLElement(XMLName.DAV.error, elements: children))
        var headers = self.headers
        headers[.contentType] = "application/xml; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    // MARK: - Common errors

    public static func badRequest(_ message: String) -> DAVError { DAVError(.badRequest, message) }
    public static func notFound(_ message: String) -> DAVError { DAVError(.notFound, message) }
    public static func forbidden(_ condition: XMLName? = nil, _ message: String) -> DAVError { DAVError(.forbidden, condition: condition, message) }
    public static func conflict(_ message: String, condition: XMLName? = nil) -> DAVError { DAVError(.conflict, condition: condition, message) }
    public static func preconditionFailed(_ message: String) -> DAVError { DAVError(.preconditionFailed, message) }
    public static func methodNotAllowed(_ message: String, allow: String) -> DAVError {
        DAVError(.methodNotAllowed, message, headers: [.allow: allow])
    }
}
