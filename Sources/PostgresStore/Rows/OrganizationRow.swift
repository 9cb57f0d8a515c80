import Foundation
import PostgresNIO
import Store

/// Reads `organizations` rows; the select list is qualified, so joins can use it.
enum OrganizationRow {
    static let columns = "organizations.id, organizations.name, organizations.slug, organizations.created_at"

    static func decode(_ row: PostgresRandomAccessRow) throws -> Organization {
        Organization(
            id: try row.column("id"), name: try row.column("name"), slug: try row.column("slug"), createdAt: try row.column("created_at"))
    }

    /// A stored role; anything else is a broken row, reported as a conflict (as SQLite's store does).
    static func role(_ value: String) throws -> OrganizationRole {
        guard let role = OrganizationRole(rawValue: value) else { throw StoreError.conflict("unknown membership role \(value)") }
        return role
    }
}

/// A membership joined with its user, as `members(ofOrganization:by:)` lists it.
enum MemberRow {
    /// The columns of the join, for `SELECT \(MemberRow.columns) FROM memberships JOIN users …`.
    static let columns = "memberships.user_id, users.username, users.display_name, memberships.role, memberships.created_at"

    static func decode(_ row: PostgresRow) throws -> OrganizationMember {
        let cells = row.makeRandomAccess()
        return OrganizationMember(
            userId: try cells.column("user_id"), username: try cells.column("username"), displayName: try cells.column("display_name"),
            role: try OrganizationRow.role(try cells.column("role")), joinedAt: try cells.column("created_at"))
    }
}
