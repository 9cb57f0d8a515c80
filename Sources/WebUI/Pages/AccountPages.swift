import Auth
import Availability
import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import Store

/// Account: display name, language and zone; password change (which signs out every other
/// session and forgets cached API credentials); API tokens, each shown once; and the exact
/// address and steps to connect Thunderbird, Apple Calendar or DAVx5.
struct AccountPages<Repository: HorarioStore, Parent: ClientAddressRequestContext>: Sendable {
    typealias Context = WebRequestContext<Parent>

    let kit: PageKit
    let store: Repository
    let hasher: PasswordHasher
    let cache: CredentialCache?
    let settings: WebSettings
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("account", use: show)
        group.post("account/profile", use: saveProfile)
        group.post("account/password", use: changePassword)
        group.post("account/tokens", use: createToken)
        group.post("account/tokens/revoke", use: revokeToken)
    }

    struct Model: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var displayName: FieldView
        var timezone: FieldView
        var zonesDatalist: String
        var languages: [OptionView]
        var profileErrors: [ErrorLine]
        var passwordError: String?
        var tokens: [TokenRow]
        var hasTokens: Bool
        var newToken: String?
        var tokenName: FieldView
        var serverURL: String
        var davURL: String
        var username: String
        var email: String
    }

    struct TokenRow: Sendable {
        var id: String
        var name: String
        var created: String
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        return try await page(request, context, profile: (user.displayName, user.timeZone), errors: FieldErrors(), passwordError: nil, newToken: nil)
    }

    private func page(
        _ request: Request, _ context: Context, profile: (name: String, zone: String), errors: FieldErrors, passwordError: String?, newToken: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try context.requireUser()
        let t = context.catalog
        let format = TextFormat(catalog: t)
        let base = baseURL(request)
        let tokens = try await store.tokens(ownedBy: user.id).map { token in
            let local = (ZoneRules.iana(user.timeZone) ?? .fixed(identifier: "UTC", offset: 0)).local(for: Instant(token.createdAt))
            return TokenRow(id: token.id, name: token.name, created: format.longDate(local.date))
        }
        let model = Model(
            chrome: kit.chrome(context, request, .account, title: t["account_title"]), t: t.strings,
            displayName: FieldView(
                id: "display_name", name: "display_name", label: t["account_display_name"], value: profile.name,
                error: errors.message(for: "displayName"), required: true, autocomplete: "name"),
            timezone: FieldView(
                id: "timezone", name: "timezone", label: t["account_timezone"], value: profile.zone, error: errors.message(for: "timezone"),
                required: true, hint: t["schedule_timezone_hint"]),
            zonesDatalist: TimeZoneNames.datalist,
            languages: [OptionView(value: "", label: t["account_language_browser"], selected: user.language == nil)]
                + Language.allCases.map { OptionView(value: $0.rawValue, label: $0.nativeName, selected: user.language == $0.rawValue) },
            profileErrors: errors.summary, passwordError: passwordError, tokens: tokens, hasTokens: !tokens.isEmpty, newToken: newToken,
            tokenName: FieldView(id: "token_name", name: "name", label: t["account_token_name"], value: "", required: true),
            serverURL: base + "/", davURL: base + "/dav/principals/\(user.username)/", username: user.username, email: user.email)
        return kit.page("account", model, status: status)
    }

    /// The address clients use: the public URL, else this request's host.
    private func baseURL(_ request: Request) -> String {
        if let url = settings.publicURL?.absoluteString { return url.hasSuffix("/") ? String(url.dropLast()) : url }
        let scheme = settings.trustProxy ? (request.headers[.xForwardedProto] ?? "http") : "http"
        return "\(scheme)://\(request.head.authority ?? "localhost:8080")"
    }

    @Sendable func saveProfile(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let form = context.form
        let name = form["display_name"] ?? ""
        let zone = form["timezone"] ?? ""
        let language = form["language"].flatMap { Language(rawValue: $0)?.rawValue }
        var errors = FieldErrors()
        if name.isEmpty { errors.add("displayName", "is required") }
        if ZoneRules.iana(zone) == nil || !(zone.contains("/") || zone == "UTC") {
            errors.add("timezone", "\"\(zone)\" is not an IANA time zone (e.g. America/Sao_Paulo)")
        }
        guard errors.isEmpty else {
            return try await page(
                request, context, profile: (name, zone), errors: errors, passwordError: nil, newToken: nil, status: .unprocessableContent)
        }
        _ = try await store.updateProfile(ProfileChanges(displayName: name, language: language, timeZone: zone), userId: user.id)
        throw WebRedirect(location: "/account?notice=notice_saved")
    }

    @Sendable func changePassword(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let form = context.form
        func raw(_ name: String) -> String { form.pairs.first { $0.name == name }?.value ?? "" }
        let t = context.catalog
        var problem: String?
        if let stored = try await store.credentials(username: user.username), !hasher.verify(raw("current_password"), against: stored.passwordHash) {
            problem = t["account_password_wrong"]
        } else if raw("new_password") != raw("confirm_password") {
            problem = t["account_password_mismatch"]
        } else if let policy = PasswordPolicy.problem(with: raw("new_password")) {
            problem = policy
        }
        if let problem {
            return try await page(
                request, context, profile: (user.displayName, user.timeZone), errors: FieldErrors(), passwordError: problem, newToken: nil,
                status: .unprocessableContent)
        }
        try await store.setPasswordHash(hasher.hash(raw("new_password")), username: user.username)
        try await store.deleteSessions(ofUser: user.id, except: context.session?.idHash)
        await cache?.forget(userId: user.id)
        throw WebRedirect(location: "/account?notice=notice_password_changed")
    }

    @Sendable func createToken(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let name = context.form["name"] ?? ""
        guard !name.isEmpty else { throw WebRedirect(location: "/account#tokens") }
        let token = BearerToken.generate()
        _ = try await store.createToken(userId: user.id, name: name, tokenHash: BearerToken.hash(token))
        // Shown once, on this response; never stored, never in a URL.
        return try await page(
            request, context, profile: (user.displayName, user.timeZone), errors: FieldErrors(), passwordError: nil, newToken: token)
    }

    @Sendable func revokeToken(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        try await store.deleteToken(id: context.form["id"] ?? "", ownedBy: user.id)
        await cache?.removeAll()
        throw WebRedirect(location: "/account?notice=notice_token_revoked#tokens")
    }
}
