import Hummingbird
import Store

/// `GET /api/me`: who the credentials belong to.
struct MeController {
    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { _, context in JSONBox(try context.requireUser()) }
    }
}
