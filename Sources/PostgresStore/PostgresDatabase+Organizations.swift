import Foundation
import PostgresNIO
public import Store

/// Organizations and memberships. Each write first locks the organization's row, then reads
/// the caller's membership and writes in the same transaction: writers of one organization run
/// one at a time across instances, so the role that allowed a change is still the role when it
/// lands, and two owners demoting each other cannot leave it without an owner.
extension PostgresDatabase: OrganizationStore {
    public func createOrganization(_ new: NewOrganization, by userId: String) async throws -> OrganizationMembership {
        let issues = Organization.issues(name: new.name, slug: new.slug)
        if !issues.isEmpty { throw StoreError.invalid(issues) }
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await write { tx in
            let now = Date()
            // A slug taken by a concurrent create inserts nothing: an explicit slug is then a
            // conflict, a generated one moves on to the next free suffix.
            while true {
                let slug: String
                if let explicit = new.slug {
                    try await Self.requireFreeSlug(tx, explicit, except: nil)
                    slug = explicit
                } else {
                    slug = try await Self.freeSlug(tx, base: Organization.slug(from: name))
                }
                guard
                    let row = try await tx.row(
                        """
                        INSERT INTO organizations (id, name, slug, created_at) VALUES (\(Self.newID()), \(name), \(slug), \(now))
                        ON CONFLICT DO NOTHING
                        RETURNING \(unescaped: OrganizationRow.columns)
                        """)
                else {
                    if new.slug != nil { throw StoreError.conflict("an organization with this slug already exists") }
                    continue
                }
                let organization = try OrganizationRow.decode(row.makeRandomAccess())
                try await tx.execute(
                    """
                    INSERT INTO memberships (organization_id, user_id, role, created_at)
                    VALUES (\(organization.id), \(userId), \(OrganizationRole.owner.rawValue), \(now))
                    """)
                return OrganizationMembership(organization: organization, role: .owner)
            }
        }
    }

    public func organizations(memberId userId: String) async throws -> [OrganizationMembership] {
        try await pointRead { tx in
            try await tx.rows(
                """
                SELECT \(unescaped: OrganizationRow.columns), memberships.role AS member_role FROM organizations
                JOIN memberships ON memberships.organization_id = organizations.id
                WHERE memberships.user_id = \(userId) ORDER BY organizations.name COLLATE "C", organizations.slug COLLATE "C"
                """
            ).map { row in
                let cells = row.makeRandomAccess()
                return OrganizationMembership(
                    organization: try OrganizationRow.decode(cells), role: try OrganizationRow.role(try cells.column("member_role")))
            }
        }
    }

    public func organization(id: String, memberId userId: String) async throws -> OrganizationMembership? {
        try await pointRead { tx in try await Self.membership(tx, organizationId: id, userId: userId) }
    }

    public func updateOrganization(id: String, _ changes: OrganizationChanges, by userId: String) async throws -> OrganizationMembership {
        let issues = Organization.issues(name: changes.name, slug: changes.slug)
        if !issues.isEmpty { throw StoreError.invalid(issues) }
        return try await write { tx in
            try await Self.lockOrganization(tx, id)
            var found = try await Self.requireMembership(tx, organizationId: id, userId: userId)
            try Self.require(found.role.canManage, found.role, "change the organization")
            if let name = changes.name { found.organization.name = name.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let slug = changes.slug, slug != found.organization.slug {
                try await Self.requireFreeSlug(tx, slug, except: id)
                found.organization.slug = slug
            }
            do {
                try await tx.execute(
                    "UPDATE organizations SET name = \(found.organization.name), slug = \(found.organization.slug) WHERE id = \(id)")
            } catch let error where PostgresFailure.isUniqueViolation(error) {
                // The slug was taken by a concurrent create after the check; the transaction rolls back.
                throw StoreError.conflict("an organization with this slug already exists")
            }
            return found
        }
    }

    public func deleteOrganization(id: String, by userId: String) async throws {
        try await write { tx in
            // FOR UPDATE: a schedule being attached to it (which key-share locks the row) lands
            // before the detach below, or sees it gone.
            guard try await tx.row("SELECT 1 FROM organizations WHERE id = \(id) FOR UPDATE") != nil else {
                throw StoreError.notFound("organization \(id)")
            }
            let caller = try await Self.requireMembership(tx, organizationId: id, userId: userId)
            try Self.require(caller.role == .owner, caller.role, "delete the organization")
            // The schema cascades schedules with their organization; detach them first so the
            // members keep their schedules, event types and booking history.
            try await tx.execute("UPDATE schedules SET organization_id = NULL, updated_at = \(Date()) WHERE organization_id = \(id)")
            try await tx.execute("DELETE FROM organizations WHERE id = \(id)")
        }
    }

    // MARK: - Helpers

    /// Serializes the organization's writers (`FOR NO KEY UPDATE`, which lets inserts that
    /// reference it through). A missing organization is `notFound`, as for a non-member.
    static func lockOrganization(_ tx: PostgresTransaction, _ organizationId: String) async throws {
        guard try await tx.row("SELECT 1 FROM organizations WHERE id = \(organizationId) FOR NO KEY UPDATE") != nil else {
            throw StoreError.notFound("organization \(organizationId)")
        }
    }

    /// The caller's organization and role, or `notFound` for a non-member.
    static func requireMembership(_ tx: PostgresTransaction, organizationId: String, userId: String) async throws -> OrganizationMembership {
        guard let found = try await membership(tx, organizationId: organizationId, userId: userId) else {
            throw StoreError.notFound("organization \(organizationId)")
        }
        return found
    }

    static func membership(_ tx: PostgresTransaction, organizationId: String, userId: String) async throws -> OrganizationMembership? {
        guard
            let row = try await tx.row(
                """
                SELECT \(unescaped: OrganizationRow.columns), memberships.role AS member_role FROM memberships
                JOIN organizations ON organizations.id = memberships.organization_id
                WHERE memberships.organization_id = \(organizationId) AND memberships.user_id = \(userId)
                """)
        else { return nil }
        let cells = row.makeRandomAccess()
        return OrganizationMembership(
            organization: try OrganizationRow.decode(cells), role: try OrganizationRow.role(try cells.column("member_role")))
    }

    /// Throws ``OrganizationAccessError`` unless `allowed`.
    static func require(_ allowed: Bool, _ role: OrganizationRole, _ action: String) throws {
        if !allowed { throw OrganizationAccessError(role: role, action: action) }
    }

    static func requireFreeSlug(_ tx: PostgresTransaction, _ slug: String, except id: String?) async throws {
        let owner = try await tx.row("SELECT id FROM organizations WHERE slug = \(slug)")?.decode(String.self)
        if let owner, owner != id { throw StoreError.conflict("an organization with slug \"\(slug)\" already exists") }
    }

    /// `base`, or `base-2`, `base-3`, … whichever is free first.
    static func freeSlug(_ tx: PostgresTransaction, base: String) async throws -> String {
        var slug = base
        var suffix = 2
        while try await tx.row("SELECT 1 FROM organizations WHERE slug = \(slug)") != nil {
            slug = "\(base)-\(suffix)"
            suffix += 1
        }
        return slug
    }

    // MARK: - Members

    public func members(ofOrganization id: String, by userId: String) async throws -> [OrganizationMember] {
        try await read { tx in
            _ = try await Self.requireMembership(tx, organizationId: id, userId: userId)
            return try await tx.rows(
                """
                SELECT \(unescaped: MemberRow.columns) FROM memberships JOIN users ON users.id = memberships.user_id
                WHERE memberships.organization_id = \(id)
                ORDER BY CASE memberships.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, users.username COLLATE "C"
                """
            ).map(MemberRow.decode)
        }
    }

    public func addMember(username: String, role: OrganizationRole, toOrganization id: String, by userId: String) async throws -> OrganizationMember {
        try await write { tx in
            try await Self.lockOrganization(tx, id)
            let caller = try await Self.requireMembership(tx, organizationId: id, userId: userId).role
            try Self.require(caller.canManage, caller, "add members")
            try Self.require(role != .owner || caller == .owner, caller, "make someone an owner")
            guard let user = try await Self.user(tx, username: username) else { throw StoreError.notFound("user \(username)") }
            // Under the organization's lock no other writer adds this member meanwhile.
            if try await Self.member(tx, organizationId: id, username: username) != nil {
                throw StoreError.conflict("\(username) is already a member of this organization")
            }
            let joinedAt = try await tx.row(
                """
                INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (\(id), \(user.id), \(role.rawValue), \(Date()))
                RETURNING created_at
                """
            )?.decode(Date.self)
            guard let joinedAt else { throw StoreError.notFound("organization \(id)") }
            return OrganizationMember(userId: user.id, username: user.username, displayName: user.displayName, role: role, joinedAt: joinedAt)
        }
    }

    public func setMemberRole(
        username: String, role: OrganizationRole, inOrganization id: String, by userId: String
    ) async throws -> OrganizationMember {
        try await write { tx in
            try await Self.lockOrganization(tx, id)
            let caller = try await Self.requireMembership(tx, organizationId: id, userId: userId).role
            try Self.require(caller.canManage, caller, "change roles")
            guard var target = try await Self.member(tx, organizationId: id, username: username) else {
                throw StoreError.notFound("member \(username)")
            }
            if target.role == role { return target }
            try Self.require(role != .owner || caller == .owner, caller, "make someone an owner")
            try Self.require(target.role != .owner || caller == .owner, caller, "change an owner's role")
            if target.role == .owner { try await Self.requireAnotherOwner(tx, organizationId: id, "demote") }
            try await tx.execute(
                "UPDATE memberships SET role = \(role.rawValue) WHERE organization_id = \(id) AND user_id = \(target.userId)")
            target.role = role
            return target
        }
    }

    public func removeMember(username: String, fromOrganization id: String, by userId: String) async throws {
        try await write { tx in
            try await Self.lockOrganization(tx, id)
            let caller = try await Self.requireMembership(tx, organizationId: id, userId: userId).role
            guard let target = try await Self.member(tx, organizationId: id, username: username) else {
                throw StoreError.notFound("member \(username)")
            }
            let leaving = target.userId == userId
            try Self.require(leaving || caller.canManage, caller, "remove other members")
            try Self.require(leaving || target.role != .owner || caller == .owner, caller, "remove an owner")
            if target.role == .owner { try await Self.requireAnotherOwner(tx, organizationId: id, "remove") }
            // Waits for a schedule being attached by this member (it key-share locks the
            // membership), so the detach below sees it.
            try await tx.execute("DELETE FROM memberships WHERE organization_id = \(id) AND user_id = \(target.userId)")
            // A schedule of the organization belongs to a member of it; a former member keeps it as personal.
            try await tx.execute(
                """
                UPDATE schedules SET organization_id = NULL, updated_at = \(Date())
                WHERE organization_id = \(id) AND user_id = \(target.userId)
                """)
        }
    }

    static func member(_ tx: PostgresTransaction, organizationId: String, username: String) async throws -> OrganizationMember? {
        try await tx.row(
            """
            SELECT \(unescaped: MemberRow.columns) FROM memberships JOIN users ON users.id = memberships.user_id
            WHERE memberships.organization_id = \(organizationId) AND users.username = \(username)
            """
        ).map(MemberRow.decode)
    }

    /// `conflict` unless the organization has an owner besides the one about to go. The caller
    /// holds the organization's lock, so no concurrent demotion counts the same owners.
    static func requireAnotherOwner(_ tx: PostgresTransaction, organizationId: String, _ verb: String) async throws {
        let owners =
            try await tx.row(
                "SELECT count(*) FROM memberships WHERE organization_id = \(organizationId) AND role = \(OrganizationRole.owner.rawValue)"
            )?.decode(Int.self) ?? 0
        if owners <= 1 {
            throw StoreError.conflict("cannot \(verb) the last owner of the organization; make another member an owner first")
        }
    }
}
