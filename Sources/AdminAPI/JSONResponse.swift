import Foundation
import Hummingbird
import NIOCore

/// Wraps any `Encodable` as a JSON response with the API's encoder, so DTOs need no
/// Hummingbird conformance of their own.
struct JSONBox<Value: Encodable & Sendable>: ResponseGenerator {
    var value: Value

    init(_ value: Value) { self.value = value }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try APIJSON.encoder.encode(value)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

typealias ScheduleResponseBox = JSONBox<ScheduleResponse>
typealias SuccessResponseBox = JSONBox<SuccessResponse>
