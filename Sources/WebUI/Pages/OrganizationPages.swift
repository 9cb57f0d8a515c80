import Auth
import Availability
import Hummingbird
import Store

/// Organizations (clinics): the user's list, creation, and each one's members and roles. The
/// store checks the caller's role in the same transaction as each change; a refusal by role is
/// shown on the page (403), a clinic the user is not in is a 404.
struct OrganizationPages<Repository: HorarioStore, Parent: ClientAddressRequestContext>: Sendable {
    typealias Context = WebRequestContext<Parent>

    let kit: PageKit
    let store: Repository

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("organizations", use: list)
        group.post("organizations", use: create)
        group.get("organizations/:id", use: details)
        group.post("organizations/:id/members", use: addMember)
        group.post("organizations/:id/members/role", use: setRole)
        group.post("organizations/:id/members/remove", use: removeMember)
        group.get("organizations/:id/schedules/:scheduleId", use: memberSchedule)
        group.post("organizations/:id/schedules/:scheduleId", use: saveMemberSchedule)
    }

    struct ListModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var organizations: [Row]
        var isEmpty: Bool
        var name: FieldView
        var slug: FieldView
        var hasErrors: Bool
    }

    struct Row: Sendable {
        var id: String
        var name: String
        var slug: String
        var role: String
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        try await listPage(request, context, name: "", slug: "", errors: FieldErrors(), status: .ok)
    }

    private func listPage(
        _ request: Request, _ context: Context, name: String, slug: String, errors: FieldErrors, status: HTTPResponse.Status
    )
        async throws -> Response
    {
        let user = try context.requireUser()
        let t = context.catalog
        let rows = try await store.organizations(memberId: user.id).map {
            Row(id: $0.organization.id, name: $0.organization.name, slug: $0.organization.slug, role: t["role_" + $0.role.rawValue])
        }
        let model = ListModel(
            chrome: kit.chrome(context, request, .organizations, title: t["organizations_title"]), t: t.strings, organizations: rows,
            isEmpty: rows.isEmpty,
            name: FieldView(
                id: "org-name", name: "name", label: t["organization_name"], value: name, error: errors.message(for: "name"), required: true),
            slug: FieldView(
                id: "org-slug", name: "slug", label: t["organization_slug"], value: slug, error: errors.message(for: "slug"),
                hint: t["organization_slug_hint"]),
            hasErrors: !errors.isEmpty)
        return kit.page("organizations", model, status: status)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let name = context.form["name"] ?? ""
        let slug = context.form["slug"] ?? ""
        do {
            let created = try await store.createOrganization(NewOrganization(name: name, slug: slug.isEmpty ? nil : slug), by: user.id)
            throw WebRedirect(location: "/organizations/\(created.organization.id)?notice=notice_organization_created")
        } catch StoreError.invalid(let issues) {
            return try await listPage(request, context, name: name, slug: slug, errors: FieldErrors(issues), status: .unprocessableContent)
        } catch StoreError.conflict(let message) {
            var errors = FieldErrors()
            errors.add("slug", message)
            return try await listPage(request, context, name: name, slug: slug, errors: errors, status: .conflict)
        }
    }

    struct DetailsModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var id: String
        var name: String
        var slug: String
        var role: String
        var canManage: Bool
        var members: [Member]
        var roles: [OptionView]
        var error: String?
        var schedules: [ScheduleRow]
        var hasSchedules: Bool
    }

    struct ScheduleRow: Sendable {
        var scheduleId: String
        var owner: String
        var name: String
        var summary: [String]
        var timezone: String
    }

    struct Member: Sendable {
        var username: String
        var displayName: String
        var role: String
        var roles: [OptionView]
    }

    @Sendable func details(_ request: Request, context: Context) async throws -> Response {
        try await detailsPage(request, context, error: nil, status: .ok)
    }

    private func detailsPage(_ request: Request, _ context: Context, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let membership = try await store.organization(id: id, memberId: user.id) else { throw WebNotFound() }
        let t = context.catalog
        let members = try await store.members(ofOrganization: id, by: user.id)
        let format = TextFormat(catalog: t)
        let schedules =
            membership.role.canManage
            ? try await store.schedules(ofOrganization: id, by: user.id).map {
                ScheduleRow(
                    scheduleId: $0.schedule.id, owner: $0.ownerName, name: $0.schedule.schedule.name,
                    summary: WeeklySummary.lines($0.schedule.schedule.availability, format: format), timezone: $0.schedule.schedule.timezone)
            } : []
        func roles(_ current: OrganizationRole?) -> [OptionView] {
            [OrganizationRole.owner, .admin, .member].map { OptionView(value: $0.rawValue, label: t["role_" + $0.rawValue], selected: $0 == current) }
        }
        let model = DetailsModel(
            chrome: kit.chrome(context, request, .organizations, title: membership.organization.name), t: t.strings, id: id,
            name: membership.organization.name, slug: membership.organization.slug, role: t["role_" + membership.role.rawValue],
            canManage: membership.role.canManage,
            members: members.map {
                Member(username: $0.username, displayName: $0.displayName, role: t["role_" + $0.role.rawValue], roles: roles($0.role))
            },
            roles: roles(.member), error: error, schedules: schedules, hasSchedules: !schedules.isEmpty)
        return kit.page("organization", model, status: status)
    }

    /// Runs a membership change; a refusal by role or rule is shown on the page.
    private func change(
        _ request: Request, _ context: Context, notice: String, _ body: (String, String) async throws -> Void
    ) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        do {
            try await body(id, user.id)
        } catch let refusal as OrganizationAccessError {
            return try await detailsPage(request, context, error: refusal.description, status: .forbidden)
        } catch StoreError.conflict(let message) {
            return try await detailsPage(request, context, error: message, status: .conflict)
        } catch StoreError.invalid(let issues) {
            return try await detailsPage(request, context, error: issues.map(\.description).joined(separator: "; "), status: .unprocessableContent)
        }
        throw WebRedirect(location: "/organizations/\(id)?notice=\(notice)")
    }

    @Sendable func addMember(_ request: Request, context: Context) async throws -> Response {
        let username = context.form["username"] ?? ""
        let role = OrganizationRole(rawValue: context.form["role"] ?? "") ?? .member
        return try await change(request, context, notice: "notice_member_added") { id, userId in
            do {
                _ = try await store.addMember(username: username, role: role, toOrganization: id, by: userId)
            } catch StoreError.notFound {
                throw StoreError.invalid([
                    ValidationIssue(path: "username", message: context.catalog.format("organization_no_such_user", ["username": username]))
                ])
            }
        }
    }

    @Sendable func setRole(_ request: Request, context: Context) async throws -> Response {
        let username = context.form["username"] ?? ""
        let role = OrganizationRole(rawValue: context.form["role"] ?? "") ?? .member
        return try await change(request, context, notice: "notice_saved") { id, userId in
            _ = try await store.setMemberRole(username: username, role: role, inOrganization: id, by: userId)
        }
    }

    @Sendable func removeMember(_ request: Request, context: Context) async throws -> Response {
        let username = context.form["username"] ?? ""
        return try await change(request, context, notice: "notice_member_removed") { id, userId in
            try await store.removeMember(username: username, fromOrganization: id, by: userId)
        }
    }
}
