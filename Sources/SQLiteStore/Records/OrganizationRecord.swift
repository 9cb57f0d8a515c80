import Foundation
import GRDB
import Store

/// A row of `organizations`.
struct OrganizationRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "organizations"

    var id: String
    var name: String
    var slug: String
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, slug
        case createdAt = "created_at"
    }

    enum Columns {
        static let id = Column("id")
        static let slug = Column("slug")
    }

    var organization: Organization { Organization(id: id, name: name, slug: slug, createdAt: createdAt) }
}

/// A row of `memberships`: one user's role in one organization.
struct MembershipRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "memberships"

    var organizationId: String
    var userId: String
    var role: OrganizationRole
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case role
        case organizationId = "organization_id"
        case userId = "user_id"
        case createdAt = "created_at"
    }

    enum Columns {
        static let organizationId = Column("organization_id")
        static let userId = Column("user_id")
        static let role = Column("role")
    }
}

/// A membership joined with its user, as `members(ofOrganization:by:)` lists it.
struct MemberRow: Decodable, FetchableRecord {
    var userId: String
    var username: String
    var displayName: String
    var role: OrganizationRole
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case username, role
        case userId = "user_id"
        case displayName = "display_name"
        case createdAt = "created_at"
    }

    /// The columns of the join, for `SELECT \(MemberRow.columns) FROM memberships JOIN users …`.
    static let columns = "memberships.user_id, users.username, users.display_name, memberships.role, memberships.created_at"

    var member: OrganizationMember {
        OrganizationMember(userId: userId, username: username, displayName: displayName, role: role, joinedAt: createdAt)
    }
}
