import Availability
import BookingFlow
import Connections
import Foundation
public import Hummingbird
import NIOHTTP1
import Store

/// Turns every error a route throws into a problem+json response, in one place: store errors
/// to 404/409/422, JSON errors to 400/422, Hummingbird's own errors keep their status.
public struct ProblemDetailsMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPParserError {
            // Broken framing met while reading the body: Hummingbird answers 400 with
            // `Connection: close` and closes the connection.
            throw error
        } catch {
            return try Self.problem(for: error).response(from: request, context: context)
        }
    }

    /// The problem an error is rendered as (the request log records its status).
    public static func problem(for error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as StoreError:
            switch error {
            case .notFound(let what): return APIError(status: .notFound, title: "Not found", detail: "\(what) not found")
            case .conflict(let message): return APIError(status: .conflict, title: "Conflict", detail: message)
            case .invalid(let issues):
                return APIError(
                    status: .unprocessableContent, title: "Invalid request", detail: issues.map(\.description).joined(separator: "; "), errors: issues
                )
            case .busy(let message):
                return APIError(status: .serviceUnavailable, title: "Busy", detail: message, headers: [.retryAfter: "1"])
            }
        case let error as ConnectionEngine.InvalidRequest:
            return APIError(
                status: .unprocessableContent, title: "Invalid request", detail: "\(error.field): \(error.message)",
                errors: [ValidationIssue(path: error.field, message: error.message)])
        case let error as ProviderError:
            return providerProblem(error)
        case let error as ConnectionEngine.AuthorizationRefused:
            return APIError(status: .badRequest, title: "authorization_refused", detail: error.description)
        case let error as ExternalCalendarUnavailable:
            return APIError(
                status: .serviceUnavailable, title: "calendar_unavailable", detail: error.message,
                reasons: [APIError.Reason(code: "calendar-unavailable", message: error.message)], headers: [.retryAfter: "120"])
        case let error as BookingRefusal:
            return APIError(
                status: .conflict, title: "Slot not available", detail: error.description,
                reasons: zip(error.codes, error.reasons).map { APIError.Reason(code: $0, message: $1.description) })
        case is HTTPParserError:
            // Only the request log reads this: the middleware rethrows these for Hummingbird.
            return APIError(status: .badRequest, title: "Bad Request", detail: "malformed HTTP framing")
        case let error as DecodingError:
            return decodingProblem(error)
        case let error as HTTPError:
            return APIError(status: error.status, title: error.status.reasonPhrase, detail: error.body, headers: error.headers)
        case let error as any HTTPResponseError:
            return APIError(status: error.status, title: error.status.reasonPhrase)
        default:
            return APIError(status: .internalServerError, title: "Internal Server Error")
        }
    }

    /// A calendar server that refused or failed while connecting: refused credentials and
    /// unusable addresses are the request's fault (422 naming the field); a server that is down
    /// or slow is 502.
    static func providerProblem(_ error: ProviderError) -> APIError {
        switch error {
        case .unauthorized, .appPasswordRequired:
            return APIError(
                status: .unprocessableContent, title: error.code, detail: error.description,
                errors: [ValidationIssue(path: "password", message: error.description)])
        case .notAllowed, .badResponse, .notFound:
            return APIError(
                status: .unprocessableContent, title: error.code, detail: error.description,
                errors: [ValidationIssue(path: "url", message: error.description)])
        case .unreachable, .timeout, .rateLimited, .preconditionFailed:
            return APIError(status: .badGateway, title: error.code, detail: error.description)
        }
    }

    /// Syntax errors are 400; a well-formed body with a wrong or missing field is 422 and names it.
    static func decodingProblem(_ error: DecodingError) -> APIError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return APIError(status: .badRequest, title: "Malformed JSON", detail: "the body is not valid JSON")
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return APIError(
                status: .unprocessableContent, title: "Invalid request", detail: "\(field): is required",
                errors: [.init(path: field, message: "is required")])
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            let message = "must be \(Self.describe(type))"
            return APIError(
                status: .unprocessableContent, title: "Invalid request", detail: "\(field): \(message)",
                errors: [.init(path: field, message: message)])
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return APIError(
                status: .unprocessableContent, title: "Invalid request", detail: "\(field): \(context.debugDescription)",
                errors: [.init(path: field, message: context.debugDescription)])
        @unknown default:
            return APIError(status: .badRequest, title: "Malformed JSON")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Bool.Type: return "true or false"
        case is Double.Type: return "a number"
        default: return "\(type)".hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
