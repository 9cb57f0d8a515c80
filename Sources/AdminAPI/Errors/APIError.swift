public import Availability
import Foundation
public import HTTPTypes
public import Hummingbird
import NIOCore

/// An RFC 9457 problem: status, title, detail, and for validation failures every field
/// problem with its path. It renders itself as `application/problem+json`.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String?
    public var errors: [ValidationIssue]
    /// Why a booking was refused, one entry per rule (an RFC 9457 extension member).
    public var reasons: [Reason]
    public var headers: HTTPFields

    /// One rule that refuses a booking: a stable code and the sentence that explains it.
    public struct Reason: Encodable, Hashable, Sendable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    public init(
        status: HTTPResponse.Status, title: String, detail: String? = nil, errors: [ValidationIssue] = [], reasons: [Reason] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors
        self.reasons = reasons
        self.headers = headers
    }

    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String?
        var errors: [ValidationIssue]?
        var reasons: [Reason]?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            type: "about:blank", title: title, status: status.code, detail: detail, errors: errors.isEmpty ? nil : errors,
            reasons: reasons.isEmpty ? nil : reasons)
        let data = try APIJSON.encoder.encode(body)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
