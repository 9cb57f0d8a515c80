public import Auth
public import Hummingbird
import Store

/// The context of every web UI request: the parent's core storage plus who is signed in, the
/// language the page speaks and, for a POST, its form (read once, after the CSRF check).
public struct WebRequestContext<Parent: ClientAddressRequestContext>: ChildRequestContext {
    public typealias ParentContext = Parent

    public var coreContext: CoreRequestContextStorage
    public let peerAddress: String?
    /// The signed-in user, when the session cookie names a live session.
    var user: User?
    var session: WebSession?
    var language: Language = .english
    /// The POSTed form, after its CSRF token matched.
    var form = FormBody()
    /// Whether cookies get `Secure` and the `__Host-` prefix (see ``CookieJar``).
    var secureCookies = false

    public init(context: Parent) throws {
        coreContext = context.coreContext
        peerAddress = context.peerAddress
    }

    /// Forms are small; anything larger is refused before it is read.
    public var maxUploadSize: Int { 256 * 1024 }

    /// The signed-in user; routes behind ``RequireSignInMiddleware`` always have one.
    func requireUser() throws -> User {
        guard let user else { throw WebRedirect.signIn }
        return user
    }

    var catalog: Catalog { Catalog.shared(language) }
}
