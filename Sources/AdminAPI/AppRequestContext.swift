public import Auth
public import Foundation
public import Hummingbird
import NIOCore
public import Store

/// The request context of every Horario route: Hummingbird's core storage plus the caller's
/// identity, set by `AuthenticationMiddleware`.
public struct AppRequestContext: RequestContext, AuthenticatedRequestContext, ClientAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: User?
    public let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// JSON bodies are small; anything larger is refused with 413 before it is read.
    public var maxUploadSize: Int { 1 << 20 }

    public var requestDecoder: JSONDecoder { APIJSON.decoder }
    public var responseEncoder: JSONEncoder { APIJSON.encoder }
}

/// The API's JSON conventions: camelCase (the spec's), RFC 3339 dates, stable key order.
public enum APIJSON {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension AppRequestContext {
    /// The authenticated user; routes behind `RequireIdentityMiddleware` always have one.
    func requireUser() throws -> User {
        guard let identity else { throw APIError(status: .unauthorized, title: "Authentication required") }
        return identity
    }
}
