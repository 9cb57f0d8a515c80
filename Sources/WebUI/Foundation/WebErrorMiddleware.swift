import Auth
import Hummingbird
import Logging
import Store

/// Turns a handler's refusal into a page: a redirect into its 303, a missing or foreign record
/// into a 404 page (as the API: nothing reveals that it exists), a failed CSRF check into a
/// 403 page. Anything else goes on to the server's error rendering.
struct WebErrorMiddleware<Parent: ClientAddressRequestContext>: RouterMiddleware {
    typealias Context = WebRequestContext<Parent>

    let renderer: PageRenderer
    let assetVersion: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as WebRedirect {
            return redirect.response
        } catch is WebNotFound {
            return page(request, context, status: .notFound, titleKey: "error_not_found_title", messageKey: "error_not_found")
        } catch StoreError.notFound {
            return page(request, context, status: .notFound, titleKey: "error_not_found_title", messageKey: "error_not_found")
        } catch let refusal as WebForbidden {
            context.logger.info("web form refused", metadata: ["reason": .string(refusal.reason)])
            return page(request, context, status: .forbidden, titleKey: "error_forbidden_title", messageKey: "error_forbidden")
        } catch let error as HTTPError where error.status.code < 500 {
            return page(request, context, status: error.status, titleKey: "error_request_title", message: error.body ?? error.status.reasonPhrase)
        }
    }

    private func page(
        _ request: Request, _ context: Context, status: HTTPResponse.Status, titleKey: String, messageKey: String? = nil, message: String? = nil
    ) -> Response {
        let t = context.catalog
        let model = ErrorPage(
            chrome: .make(context, request: request, section: .other, title: t[titleKey], assetVersion: assetVersion), t: t.strings,
            heading: t[titleKey], message: message ?? t[messageKey ?? titleKey])
        return renderer.page("error", model, status: status)
    }
}

/// The error page's view model.
struct ErrorPage: Sendable {
    var chrome: Chrome
    var t: [String: String]
    var heading: String
    var message: String
}
