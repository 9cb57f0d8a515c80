import Hummingbird
import Store

/// The organization endpoints under `/api/organizations` (clinics, spec Use Case 3). The store
/// decides who may do what in the same transaction as the write; this layer only translates.
/// Non-members get 404 on every route, so an organization's existence is never revealed; members
/// whose role falls short get 403 (see ``OrganizationAccessMiddleware``).
struct OrganizationController<Repository: OrganizationStore> {
    let store: Repository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        let group = group.add(middleware: OrganizationAccessMiddleware())
        group.get(use: list)
        group.post(use: create)
        group.get(":id", use: get)
        group.patch(":id", use: update)
        group.delete(":id", use: delete)
        group.get(":id/members", use: members)
        group.post(":id/members", use: addMember)
        group.patch(":id/members/:username", use: updateMember)
        group.delete(":id/members/:username", use: removeMember)
        group.get(":id/schedules", use: schedules)
        group.patch(":id/schedules/:scheduleId", use: updateSchedule)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONBox<[OrganizationResponse]> {
        let user = try context.requireUser()
        return JSONBox(try await store.organizations(memberId: user.id).map(OrganizationResponse.init))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<JSONBox<OrganizationResponse>> {
        let user = try context.requireUser()
        let body = try await request.decodeJSON(as: CreateOrganizationRequest.self, schema: "CreateOrganization", context: context)
        let created = try await store.createOrganization(NewOrganization(name: body.name, slug: body.slug), by: user.id)
        return EditedResponse(
            status: .created, headers: [.location: "/api/organizations/\(created.organization.id)"],
            response: JSONBox(OrganizationResponse(created)))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONBox<OrganizationResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let found = try await store.organization(id: id, memberId: user.id) else { throw StoreError.notFound("organization \(id)") }
        return JSONBox(OrganizationResponse(found))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONBox<OrganizationResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(as: UpdateOrganizationRequest.self, schema: "UpdateOrganization", context: context)
        return JSONBox(OrganizationResponse(try await store.updateOrganization(id: id, body.changes, by: user.id)))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> JSONBox<SuccessResponse> {
        let user = try context.requireUser()
        try await store.deleteOrganization(id: try context.parameters.require("id"), by: user.id)
        return JSONBox(SuccessResponse(success: true))
    }
}
