import AdminAPI
import Foundation
public import Hummingbird
public import Logging

/// One structured log line per request, written when the answer is known: request id,
/// method, path, status and duration. Errors are logged with the status they will be
/// rendered with, so a 422 or 409 reads as what the client saw.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    public init(level: Logger.Level = .info) { self.level = level }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context: context, status: response.status.code, since: started)
            return response
        } catch {
            log(request, context: context, status: ProblemDetailsMiddleware<Context>.problem(for: error).status.code, since: started)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        context.logger.log(
            level: level, "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path), "status": .stringConvertible(status),
                "duration_ms": .string(Self.milliseconds(elapsed)),
            ])
    }

    /// Milliseconds with two decimals, rounded down ("0.42"), without going through
    /// Foundation's `String(format:)` on every request.
    static func milliseconds(_ duration: Duration) -> String {
        // Hundredths of a millisecond: 100,000 per second, 10^13 attoseconds each.
        let hundredths = duration.components.seconds * 100_000 + duration.components.attoseconds / 10_000_000_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
