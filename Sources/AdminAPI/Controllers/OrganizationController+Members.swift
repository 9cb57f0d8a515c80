import Foundation
import Hummingbird
import Store

/// The membership routes, `/api/organizations/:id/members[/:username]`. Members are named by
/// username, which is what an admin knows of a colleague.
extension OrganizationController {
    @Sendable func members(_ request: Request, context: AppRequestContext) async throws -> JSONBox<[MemberResponse]> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        return JSONBox(try await store.members(ofOrganization: id, by: user.id).map(MemberResponse.init))
    }

    @Sendable func addMember(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<JSONBox<MemberResponse>> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(as: AddMemberRequest.self, schema: "AddMember", context: context).validated()
        let member = try await store.addMember(username: body.username, role: body.role, toOrganization: id, by: user.id)
        return EditedResponse(
            status: .created, headers: [.location: "/api/organizations/\(id)/members/\(member.username)"],
            response: JSONBox(MemberResponse(member)))
    }

    @Sendable func updateMember(_ request: Request, context: AppRequestContext) async throws -> JSONBox<MemberResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let role = try await request.decodeJSON(as: UpdateMemberRequest.self, schema: "UpdateMember", context: context).validatedRole()
        let member = try await store.setMemberRole(username: try Self.username(context), role: role, inOrganization: id, by: user.id)
        return JSONBox(MemberResponse(member))
    }

    @Sendable func removeMember(_ request: Request, context: AppRequestContext) async throws -> JSONBox<SuccessResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        try await store.removeMember(username: try Self.username(context), fromOrganization: id, by: user.id)
        return JSONBox(SuccessResponse(success: true))
    }

    /// The `:username` segment, percent-decoded (clients may send `@` as `%40`; usernames never
    /// contain `%`).
    static func username(_ context: AppRequestContext) throws -> String {
        let raw = try context.parameters.require("username")
        return raw.removingPercentEncoding ?? raw
    }
}
