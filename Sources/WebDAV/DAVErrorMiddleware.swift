public import Hummingbird
import Logging
import NIOHTTP1

/// Renders every error of a DAV route as WebDAV expects: ``DAVError`` with its `<D:error>`
/// body, other `HTTPResponseError`s (e.g. 401 with its challenge, 413) with their status and
/// headers and a plain-text body, anything else as a logged 500. Clients never see JSON here.
public struct DAVErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPParserError {
            // Broken framing met while reading the body (an invalid chunk size): Hummingbird
            // answers 400 with `Connection: close` and closes; it is no server error.
            throw error
        } catch let error as DAVError {
            context.logger.debug("DAV error \(error)")
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            var headers = error.headers
            headers[.contentType] = "text/plain; charset=utf-8"
            let text = (error.body ?? error.status.reasonPhrase) + "\n"
            return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        } catch let error as any HTTPResponseError {
            return Response(status: error.status, headers: [.contentType: "text/plain; charset=utf-8"])
        } catch {
            context.logger.error("DAV request failed: \(String(reflecting: error))")
            return Response(
                status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "Internal server error\n")))
        }
    }
}
