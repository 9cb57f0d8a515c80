public import Availability

/// Organizations (clinics) and their memberships. Every method acts for a caller (`by`), checks
/// the caller's role and writes in the same transaction, so a role changed by a concurrent
/// request cannot slip between the check and the write.
///
/// Refusals:
/// - the caller is not a member (or the organization does not exist): `StoreError.notFound`,
///   never anything that would reveal the organization exists;
/// - the caller is a member whose role does not allow the action: ``OrganizationAccessError``;
/// - the action would leave the organization without an owner, or duplicates a slug or a
///   member: `StoreError.conflict`;
/// - a name or slug is malformed: `StoreError.invalid` with field paths.
public protocol OrganizationStore: Sendable {
    /// Creates an organization whose only member, its owner, is `userId`.
    func createOrganization(_ organization: NewOrganization, by userId: String) async throws -> OrganizationMembership
    /// The organizations `userId` belongs to, each with their role, by name.
    func organizations(memberId userId: String) async throws -> [OrganizationMembership]
    /// nil when the organization does not exist or `userId` is not a member.
    func organization(id: String, memberId userId: String) async throws -> OrganizationMembership?
    /// Renames or re-slugs; owners and admins only.
    func updateOrganization(id: String, _ changes: OrganizationChanges, by userId: String) async throws -> OrganizationMembership
    /// Deletes the organization and its memberships; owners only. Its members' schedules stay,
    /// as personal schedules, so no booking history is lost.
    func deleteOrganization(id: String, by userId: String) async throws
    /// Every member with their role, owners first; any member may list them.
    func members(ofOrganization id: String, by userId: String) async throws -> [OrganizationMember]
    /// Adds the user called `username`; owners and admins only, and only owners grant `owner`.
    func addMember(username: String, role: OrganizationRole, toOrganization id: String, by userId: String) async throws -> OrganizationMember
    /// Changes a member's role; owners and admins only, and only owners grant or take away
    /// `owner`. The last owner cannot be demoted.
    func setMemberRole(username: String, role: OrganizationRole, inOrganization id: String, by userId: String) async throws -> OrganizationMember
    /// Removes a member (owners and admins; any member may remove themself; only owners remove
    /// owners). The last owner cannot be removed. The member's schedules in the organization
    /// become personal schedules.
    func removeMember(username: String, fromOrganization id: String, by userId: String) async throws
    /// The members' schedules that belong to the organization, by owner then name; owners and admins only.
    func schedules(ofOrganization id: String, by userId: String) async throws -> [OrganizationSchedule]
    /// Replaces a member's schedule of the organization (name, zone, hours, overrides,
    /// location, active); owners and admins only. Its owner, organization and default flag
    /// stay. A schedule not in the organization is `notFound`.
    func updateSchedule(_ schedule: Schedule, ofOrganization id: String, by userId: String) async throws -> StoredSchedule
}

/// A member's schedule as the organization's owners and admins see it.
public struct OrganizationSchedule: Hashable, Sendable {
    public var ownerUsername: String
    public var ownerName: String
    public var schedule: StoredSchedule

    public init(ownerUsername: String, ownerName: String, schedule: StoredSchedule) {
        self.ownerUsername = ownerUsername
        self.ownerName = ownerName
        self.schedule = schedule
    }
}

/// A member asked for something their role does not allow. Unlike `StoreError.notFound`, which
/// non-members get, this may be told (the HTTP layer answers 403): the caller already knows the
/// organization exists.
public struct OrganizationAccessError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The caller's role in the organization.
    public var role: OrganizationRole
    /// What was refused, as a verb phrase ("delete the organization").
    public var action: String

    public init(role: OrganizationRole, action: String) {
        self.role = role
        self.action = action
    }

    public var description: String { "your role in this organization (\(role.rawValue)) does not allow you to \(action)" }
}
