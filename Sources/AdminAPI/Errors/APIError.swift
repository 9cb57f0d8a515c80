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
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, title: String, detail: String? = nil, errors: [ValidationIssue] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String?
        var errors: [ValidationIssue]?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(type: "about:blank", title: title, status: status.code, detail: detail, errors: errors.isEmpty ? nil : errors)
        let data = try APIJSON.encoder.encode(body)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
