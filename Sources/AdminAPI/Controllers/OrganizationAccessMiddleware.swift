import Hummingbird
import Store

/// Answers ``OrganizationAccessError`` with 403 and the reason. It sits on the organization
/// routes only, so the shared problem middleware needs no case for it, and no other route can
/// answer 403 by accident (elsewhere objects of others are 404).
struct OrganizationAccessMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as OrganizationAccessError {
            throw APIError(status: .forbidden, title: "Forbidden", detail: error.description)
        }
    }
}
