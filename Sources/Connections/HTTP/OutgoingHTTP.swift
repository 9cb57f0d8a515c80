import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1

/// Outgoing HTTP to calendar providers: one client for the process, TLS verified, no automatic
/// redirects (each hop is checked by ``AddressPolicy`` first), bounded time and size.
public struct OutgoingHTTP: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// The process's client: connect within 5 s, every read within 15 s (CONNECTIONS.md §4.2).
    static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(15)))
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public var policy: AddressPolicy
    /// Whole-exchange limit.
    public var timeout: TimeInterval
    /// Largest body read; a bigger answer is a `tooLarge` failure, not a memory spike.
    public var maxBodyBytes: Int

    public init(policy: AddressPolicy, timeout: TimeInterval = 30, maxBodyBytes: Int = 32 << 20) {
        self.policy = policy
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }

    /// One request, no redirect followed; the URL's address is checked first.
    public func send(
        _ method: String, _ url: URL, headers: [(String, String)] = [], body: [UInt8]? = nil, timeout: TimeInterval? = nil
    ) async throws(ProviderError) -> Response {
        try await policy.check(url)
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.replaceOrAdd(name: "User-Agent", value: "Horario")
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let limit = timeout ?? self.timeout
        do {
            let response = try await Self.sharedClient.execute(request, timeout: .milliseconds(Int64(limit * 1000)))
            let buffer = try await response.body.collect(upTo: maxBodyBytes)
            return Response(
                status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer.readableBytesView))
        } catch let error as HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                throw .timeout("\(url.host ?? "the server") did not answer within \(Int(limit)) seconds")
            default: throw .unreachable("\(url.host ?? "the server") could not be reached (\(error))")
            }
        } catch is NIOTooManyBytesError {
            throw .badResponse("\(url.host ?? "the server") sent more than \(maxBodyBytes >> 20) MiB")
        } catch {
            throw .unreachable("\(url.host ?? "the server") could not be reached (\(error))")
        }
    }
}

/// Why a provider could not be used, sorted by what the engine does about it.
public enum ProviderError: Error, Equatable, CustomStringConvertible {
    /// Network trouble or a 5xx: try again later, keep the cache.
    case unreachable(String)
    case timeout(String)
    /// 429 or a rate-limit 403; `retryAfter` seconds when the server said.
    case rateLimited(String, retryAfter: TimeInterval?)
    /// The credentials were refused: the owner must act.
    case unauthorized(String)
    /// iCloud refused an ordinary Apple ID password.
    case appPasswordRequired(String)
    /// Not a CalDAV server, or an answer that cannot be read.
    case badResponse(String)
    /// The address is not allowed (loopback, private, link-local) or not http(s).
    case notAllowed(String)
    /// The object or calendar is not there (404/410).
    case notFound(String)
    /// A precondition failed (412): someone else changed it.
    case preconditionFailed(String)

    public var description: String {
        switch self {
        case .unreachable(let message), .timeout(let message), .rateLimited(let message, _), .unauthorized(let message),
            .appPasswordRequired(let message), .badResponse(let message), .notAllowed(let message), .notFound(let message),
            .preconditionFailed(let message):
            return message
        }
    }

    /// The `lastError.code` shown to the owner.
    public var code: String {
        switch self {
        case .unreachable: return "unreachable"
        case .timeout: return "timeout"
        case .rateLimited: return "rate_limited"
        case .unauthorized: return "unauthorized"
        case .appPasswordRequired: return "app_password_required"
        case .badResponse: return "bad_response"
        case .notAllowed: return "not_allowed"
        case .notFound: return "not_found"
        case .preconditionFailed: return "precondition_failed"
        }
    }

    /// Only the owner can fix it (new password, reconnect): retrying soon is pointless.
    public var needsReauthorization: Bool {
        switch self {
        case .unauthorized, .appPasswordRequired: return true
        default: return false
        }
    }
}
