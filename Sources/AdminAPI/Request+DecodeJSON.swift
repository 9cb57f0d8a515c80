import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// Decodes a JSON body with the API's decoder, keeping `DecodingError` intact so
    /// `ProblemDetailsMiddleware` can answer 400 for broken JSON and 422 naming the field for
    /// a wrong or missing one. (Hummingbird's `decode(as:context:)` turns both into a bare 400.)
    /// Bodies over the context's `maxUploadSize` are refused with 413 before they are read.
    /// `schema` names the body's schema in the OpenAPI document: members it does not name, NULs
    /// and deep nesting are refused first (``RequestBodyShape``).
    func decodeJSON<Value: Decodable>(as type: Value.Type, schema: String, context: some RequestContext) async throws -> Value {
        let bytes = try await collectedBody(context)
        try RequestBodyShape.check(bytes, schema: schema)
        return try APIJSON.decoder.decode(type, from: bytes)
    }

    /// Like ``decodeJSON(as:schema:context:)``, but an empty body is nil: for POSTs whose every field
    /// is optional, so a bare `POST` works.
    func decodeOptionalJSON<Value: Decodable>(as type: Value.Type, schema: String, context: some RequestContext) async throws -> Value? {
        let bytes = try await collectedBody(context)
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else { return nil }
        try RequestBodyShape.check(bytes, schema: schema)
        return try APIJSON.decoder.decode(type, from: bytes)
    }

    /// The whole body, refused with 413 beyond the context's `maxUploadSize`.
    private func collectedBody(_ context: some RequestContext) async throws -> Data {
        var copy = self
        return Data(try await copy.collectBody(upTo: context.maxUploadSize).readableBytesView)
    }
}
