import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// Decodes a JSON body with the API's decoder, keeping `DecodingError` intact so
    /// `ProblemDetailsMiddleware` can answer 400 for broken JSON and 422 naming the field for
    /// a wrong or missing one. (Hummingbird's `decode(as:context:)` turns both into a bare 400.)
    /// Bodies over the context's `maxUploadSize` are refused with 413 before they are read.
    func decodeJSON<Value: Decodable>(as type: Value.Type, context: some RequestContext) async throws -> Value {
        var copy = self
        let buffer = try await copy.collectBody(upTo: context.maxUploadSize)
        return try APIJSON.decoder.decode(type, from: Data(buffer.readableBytesView))
    }
}
