/// Organizations and their members. Non-members get 404 on every route; members whose role
/// does not allow an action get 403.
extension OpenAPIDocument {
    static let organizationPaths: [String: JSONValue] = [
        "/api/organizations": pathItem([
            "get": operation(
                "listOrganizations", tag: "Organizations", summary: "List the caller's organizations",
                description: "By name, each with the caller's role.",
                success: ("200", json("The organizations.", arrayOf(ref("Organization"))))),
            "post": operation(
                "createOrganization", tag: "Organizations", summary: "Create an organization", description: "The caller becomes its owner.",
                body: ref("CreateOrganization"), success: ("201", created("The new organization.", ref("Organization"))),
                errors: [400, 409, 413, 422]),
        ]),
        "/api/organizations/{id}": pathItem(
            parameters: ["id"],
            [
                "get": operation(
                    "getOrganization", tag: "Organizations", summary: "Get an organization", description: "Any member.",
                    success: ("200", json("The organization.", ref("Organization"))), errors: [404]),
                "patch": operation(
                    "updateOrganization", tag: "Organizations", summary: "Rename an organization or change its slug",
                    description: "Owners and admins.",
                    body: ref("UpdateOrganization"), success: ("200", json("The updated organization.", ref("Organization"))),
                    errors: [400, 403, 404, 409, 413, 422]),
                "delete": operation(
                    "deleteOrganization", tag: "Organizations", summary: "Delete an organization",
                    description: "Owners only. The members' schedules in the organization stay, as personal schedules.",
                    success: ("200", deleted), errors: [403, 404]),
            ]),
        "/api/organizations/{id}/members": pathItem(
            parameters: ["id"],
            [
                "get": operation(
                    "listMembers", tag: "Organizations", summary: "List the members",
                    description: "Any member. Owners first, then admins, then members.",
                    success: ("200", json("The members.", arrayOf(ref("Member")))), errors: [404]),
                "post": operation(
                    "addMember", tag: "Organizations", summary: "Add a member",
                    description: "Owners and admins; only owners may add an owner. 404 when no user has the username, 409 when they already belong.",
                    body: ref("AddMember"), success: ("201", created("The new member.", ref("Member"))), errors: [400, 403, 404, 409, 413, 422]),
            ]),
        "/api/organizations/{id}/members/{username}": pathItem(
            parameters: ["id", "username"],
            [
                "patch": operation(
                    "updateMember", tag: "Organizations", summary: "Change a member's role",
                    description: "Owners and admins; only owners may grant or take away `owner`. Demoting the last owner is a conflict.",
                    body: ref("UpdateMember"), success: ("200", json("The member.", ref("Member"))), errors: [400, 403, 404, 409, 413, 422]),
                "delete": operation(
                    "removeMember", tag: "Organizations", summary: "Remove a member",
                    description: "Owners and admins; any member may remove themself; only owners remove owners. "
                        + "Removing the last owner is a conflict. The member's schedules in the organization become personal.",
                    success: ("200", deleted), errors: [403, 404, 409]),
            ]),
        "/api/organizations/{id}/schedules": pathItem(
            parameters: ["id"],
            [
                "get": operation(
                    "listOrganizationSchedules", tag: "Organizations", summary: "List the members' schedules in the organization",
                    description: "Owners and admins. Each schedule with `ownerUsername` and `ownerName`, by owner then name.",
                    success: ("200", json("The schedules.", arrayOf(ref("OrganizationSchedule")))), errors: [403, 404])
            ]),
        "/api/organizations/{id}/schedules/{scheduleId}": pathItem(
            parameters: ["id", "scheduleId"],
            [
                "patch": operation(
                    "updateOrganizationSchedule", tag: "Organizations", summary: "Edit a member's schedule in the organization",
                    description: "Owners and admins. As `PATCH /api/availability/schedules/{id}`, except that `isDefault` stays the owner's "
                        + "choice. 404 for a schedule that does not belong to the organization.",
                    body: ref("UpdateSchedule"), success: ("200", json("The schedule.", ref("OrganizationSchedule"))),
                    errors: [400, 403, 404, 409, 413, 422])
            ]),
    ]
}
