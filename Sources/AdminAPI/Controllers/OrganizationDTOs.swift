import Availability
import Foundation
import Store

/// An organization as its member sees it: `role` is the caller's own.
struct OrganizationResponse: Encodable, Sendable {
    var id: String
    var name: String
    var slug: String
    var role: OrganizationRole
    var createdAt: Date

    init(_ membership: OrganizationMembership) {
        id = membership.organization.id
        name = membership.organization.name
        slug = membership.organization.slug
        role = membership.role
        createdAt = membership.organization.createdAt
    }
}

/// One member of an organization.
struct MemberResponse: Encodable, Sendable {
    var userId: String
    var username: String
    var displayName: String
    var role: OrganizationRole
    var joinedAt: Date

    init(_ member: OrganizationMember) {
        userId = member.userId
        username = member.username
        displayName = member.displayName
        role = member.role
        joinedAt = member.joinedAt
    }
}

/// The body of `POST /api/organizations`: a name, and a slug that is made from the name when
/// omitted. The store validates both, reporting every problem with its path.
struct CreateOrganizationRequest: Decodable {
    var name: String
    var slug: String?
}

/// The body of `PATCH /api/organizations/:id`: what is present replaces the stored value.
struct UpdateOrganizationRequest: Decodable {
    var name: String?
    var slug: String?

    var changes: OrganizationChanges { OrganizationChanges(name: name, slug: slug) }
}

/// The body of `POST /api/organizations/:id/members`: who, and with which role (default member).
struct AddMemberRequest: Decodable {
    var username: String
    var role: String?

    /// The username and role, or `invalid` naming every bad field. The role is read as a string
    /// so that a wrong value gets a message listing the right ones, not a decoder's.
    func validated() throws -> (username: String, role: OrganizationRole) {
        var issues: [ValidationIssue] = []
        if username.isEmpty { issues.append(ValidationIssue(path: "username", message: "is required")) }
        var parsed = OrganizationRole.member
        if let role { parsed = OrganizationRole.parse(role, path: "role", issues: &issues) ?? .member }
        if !issues.isEmpty { throw StoreError.invalid(issues) }
        return (username, parsed)
    }
}

/// The body of `PATCH /api/organizations/:id/members/:username`.
struct UpdateMemberRequest: Decodable {
    var role: String

    func validatedRole() throws -> OrganizationRole {
        var issues: [ValidationIssue] = []
        guard let role = OrganizationRole.parse(role, path: "role", issues: &issues) else { throw StoreError.invalid(issues) }
        return role
    }
}

extension OrganizationRole {
    /// The role named `text`, or nil after recording an issue that lists the valid names.
    static func parse(_ text: String, path: String, issues: inout [ValidationIssue]) -> OrganizationRole? {
        if let role = OrganizationRole(rawValue: text) { return role }
        let allowed = allCases.map(\.rawValue).joined(separator: ", ")
        issues.append(ValidationIssue(path: path, message: "\"\(text)\" is not a role (\(allowed))"))
        return nil
    }
}
