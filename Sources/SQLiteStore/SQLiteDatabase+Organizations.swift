import Foundation
import GRDB
public import Store

/// Organizations and memberships on the v1 tables. Each write reads the caller's membership and
/// writes in one `pool.write` transaction, so the role that allowed a change is still the role
/// when it lands (writes are serialized on the pool's single writer).
extension SQLiteDatabase: OrganizationStore {
    public func createOrganization(_ new: NewOrganization, by userId: String) async throws -> OrganizationMembership {
        let issues = Organization.issues(name: new.name, slug: new.slug)
        if !issues.isEmpty { throw StoreError.invalid(issues) }
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            return try await pool.write { db in
                let slug: String
                if let explicit = new.slug {
                    try Self.requireFreeSlug(db, explicit, except: nil)
                    slug = explicit
                } else {
                    slug = try Self.freeSlug(db, base: Organization.slug(from: name))
                }
                let now = Date()
                let record = OrganizationRecord(id: Self.newID(), name: name, slug: slug, createdAt: now)
                try record.insert(db)
                try MembershipRecord(organizationId: record.id, userId: userId, role: .owner, createdAt: now).insert(db)
                return OrganizationMembership(organization: record.organization, role: .owner)
            }
        } catch {
            throw StoreError.from(error, conflict: "an organization with this slug already exists")
        }
    }

    public func organizations(memberId userId: String) async throws -> [OrganizationMembership] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT organizations.*, memberships.role AS member_role FROM organizations
                    JOIN memberships ON memberships.organization_id = organizations.id
                    WHERE memberships.user_id = ? ORDER BY organizations.name, organizations.slug
                    """, arguments: [userId])
            return try rows.map { row in
                OrganizationMembership(organization: try OrganizationRecord(row: row).organization, role: try Self.role(row["member_role"]))
            }
        }
    }

    public func organization(id: String, memberId userId: String) async throws -> OrganizationMembership? {
        try await pool.read { db in
            guard let (record, membership) = try Self.membership(db, organizationId: id, userId: userId) else { return nil }
            return OrganizationMembership(organization: record.organization, role: membership.role)
        }
    }

    public func updateOrganization(id: String, _ changes: OrganizationChanges, by userId: String) async throws -> OrganizationMembership {
        let issues = Organization.issues(name: changes.name, slug: changes.slug)
        if !issues.isEmpty { throw StoreError.invalid(issues) }
        do {
            return try await pool.write { db in
                var (record, membership) = try Self.requireMembership(db, organizationId: id, userId: userId)
                try Self.require(membership.role.canManage, membership, "change the organization")
                if let name = changes.name { record.name = name.trimmingCharacters(in: .whitespacesAndNewlines) }
                if let slug = changes.slug, slug != record.slug {
                    try Self.requireFreeSlug(db, slug, except: id)
                    record.slug = slug
                }
                try record.update(db)
                return OrganizationMembership(organization: record.organization, role: membership.role)
            }
        } catch {
            throw StoreError.from(error, conflict: "an organization with this slug already exists")
        }
    }

    public func deleteOrganization(id: String, by userId: String) async throws {
        try await pool.write { db in
            let (_, membership) = try Self.requireMembership(db, organizationId: id, userId: userId)
            try Self.require(membership.role == .owner, membership, "delete the organization")
            // The schema cascades schedules with their organization; detach them first so the
            // members keep their schedules, event types and booking history.
            try db.execute(
                sql: "UPDATE schedules SET organization_id = NULL, updated_at = ? WHERE organization_id = ?", arguments: [Date(), id])
            try db.execute(sql: "DELETE FROM organizations WHERE id = ?", arguments: [id])
        }
    }

    /// The caller's organization and membership, or `notFound` for a non-member.
    static func requireMembership(_ db: Database, organizationId: String, userId: String) throws -> (OrganizationRecord, MembershipRecord) {
        guard let found = try membership(db, organizationId: organizationId, userId: userId) else {
            throw StoreError.notFound("organization \(organizationId)")
        }
        return found
    }

    static func membership(_ db: Database, organizationId: String, userId: String) throws -> (OrganizationRecord, MembershipRecord)? {
        guard
            let membership = try MembershipRecord.filter(
                MembershipRecord.Columns.organizationId == organizationId && MembershipRecord.Columns.userId == userId
            ).fetchOne(db),
            let record = try OrganizationRecord.fetchOne(db, key: organizationId)
        else { return nil }
        return (record, membership)
    }

    /// Throws ``OrganizationAccessError`` unless `allowed`.
    static func require(_ allowed: Bool, _ caller: MembershipRecord, _ action: String) throws {
        if !allowed { throw OrganizationAccessError(role: caller.role, action: action) }
    }

    static func role(_ value: String?) throws -> OrganizationRole {
        guard let value, let role = OrganizationRole(rawValue: value) else { throw StoreError.conflict("unknown membership role \(value ?? "nil")") }
        return role
    }

    static func requireFreeSlug(_ db: Database, _ slug: String, except id: String?) throws {
        let owner = try String.fetchOne(db, sql: "SELECT id FROM organizations WHERE slug = ?", arguments: [slug])
        if let owner, owner != id { throw StoreError.conflict("an organization with slug \"\(slug)\" already exists") }
    }

    /// `base`, or `base-2`, `base-3`, … whichever is free first.
    static func freeSlug(_ db: Database, base: String) throws -> String {
        var slug = base
        var suffix = 2
        while try OrganizationRecord.filter(OrganizationRecord.Columns.slug == slug).fetchCount(db) > 0 {
            slug = "\(base)-\(suffix)"
            suffix += 1
        }
        return slug
    }

    // MARK: - Members

    public func members(ofOrganization id: String, by userId: String) async throws -> [OrganizationMember] {
        try await pool.read { db in
            _ = try Self.requireMembership(db, organizationId: id, userId: userId)
            return try MemberRow.fetchAll(
                db,
                sql: """
                    SELECT \(MemberRow.columns) FROM memberships JOIN users ON users.id = memberships.user_id
                    WHERE memberships.organization_id = ?
                    ORDER BY CASE memberships.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, users.username
                    """, arguments: [id]
            ).map(\.member)
        }
    }

    public func addMember(username: String, role: OrganizationRole, toOrganization id: String, by userId: String) async throws -> OrganizationMember {
        try await pool.write { db in
            let (_, caller) = try Self.requireMembership(db, organizationId: id, userId: userId)
            try Self.require(caller.role.canManage, caller, "add members")
            try Self.require(role != .owner || caller.role == .owner, caller, "make someone an owner")
            guard let user = try UserRecord.filter(UserRecord.Columns.username == username).fetchOne(db) else {
                throw StoreError.notFound("user \(username)")
            }
            if try Self.member(db, organizationId: id, username: username) != nil {
                throw StoreError.conflict("\(username) is already a member of this organization")
            }
            let record = MembershipRecord(organizationId: id, userId: user.id, role: role, createdAt: Date())
            try record.insert(db)
            return OrganizationMember(userId: user.id, username: user.username, displayName: user.displayName, role: role, joinedAt: record.createdAt)
        }
    }

    public func setMemberRole(
        username: String, role: OrganizationRole, inOrganization id: String, by userId: String
    ) async throws -> OrganizationMember {
        try await pool.write { db in
            let (_, caller) = try Self.requireMembership(db, organizationId: id, userId: userId)
            try Self.require(caller.role.canManage, caller, "change roles")
            guard var target = try Self.member(db, organizationId: id, username: username) else { throw StoreError.notFound("member \(username)") }
            if target.role == role { return target.member }
            try Self.require(role != .owner || caller.role == .owner, caller, "make someone an owner")
            try Self.require(target.role != .owner || caller.role == .owner, caller, "change an owner's role")
            if target.role == .owner { try Self.requireAnotherOwner(db, organizationId: id, "demote") }
            try db.execute(
                sql: "UPDATE memberships SET role = ? WHERE organization_id = ? AND user_id = ?", arguments: [role.rawValue, id, target.userId])
            target.role = role
            return target.member
        }
    }

    public func removeMember(username: String, fromOrganization id: String, by userId: String) async throws {
        try await pool.write { db in
            let (_, caller) = try Self.requireMembership(db, organizationId: id, userId: userId)
            guard let target = try Self.member(db, organizationId: id, username: username) else { throw StoreError.notFound("member \(username)") }
            let leaving = target.userId == userId
            try Self.require(leaving || caller.role.canManage, caller, "remove other members")
            try Self.require(leaving || target.role != .owner || caller.role == .owner, caller, "remove an owner")
            if target.role == .owner { try Self.requireAnotherOwner(db, organizationId: id, "remove") }
            try db.execute(sql: "DELETE FROM memberships WHERE organization_id = ? AND user_id = ?", arguments: [id, target.userId])
            // A schedule of the organization belongs to a member of it; a former member keeps it as personal.
            try db.execute(
                sql: "UPDATE schedules SET organization_id = NULL, updated_at = ? WHERE organization_id = ? AND user_id = ?",
                arguments: [Date(), id, target.userId])
        }
    }

    static func member(_ db: Database, organizationId: String, username: String) throws -> MemberRow? {
        try MemberRow.fetchOne(
            db,
            sql: """
                SELECT \(MemberRow.columns) FROM memberships JOIN users ON users.id = memberships.user_id
                WHERE memberships.organization_id = ? AND users.username = ?
                """, arguments: [organizationId, username])
    }

    /// `conflict` unless the organization has an owner besides the one about to go.
    static func requireAnotherOwner(_ db: Database, organizationId: String, _ verb: String) throws {
        let owners = try MembershipRecord.filter(
            MembershipRecord.Columns.organizationId == organizationId && MembershipRecord.Columns.role == OrganizationRole.owner.rawValue
        ).fetchCount(db)
        if owners <= 1 {
            throw StoreError.conflict("cannot \(verb) the last owner of the organization; make another member an owner first")
        }
    }
}
