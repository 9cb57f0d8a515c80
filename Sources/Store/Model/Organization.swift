public import Availability
public import Foundation

/// A clinic or a practice that experts work for (spec Use Case 3); schedules may belong to one.
public struct Organization: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// Unique on the server: lower-case ASCII letters, digits and single dashes, so it can name
    /// the organization in URLs without escaping.
    public var slug: String
    public var createdAt: Date

    public init(id: String, name: String, slug: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.slug = slug
        self.createdAt = createdAt
    }
}

/// What a member may do in an organization. Owners can do everything, admins manage the
/// organization and its non-owner members, members only see it.
public enum OrganizationRole: String, Codable, Hashable, Sendable, CaseIterable {
    case owner
    case admin
    case member

    /// Whether the role may rename the organization and manage its members.
    public var canManage: Bool { self != .member }
}

/// An organization as one of its members sees it: with that member's own role.
public struct OrganizationMembership: Hashable, Sendable {
    public var organization: Organization
    public var role: OrganizationRole

    public init(organization: Organization, role: OrganizationRole) {
        self.organization = organization
        self.role = role
    }
}

/// One member of an organization, as the other members see them (no e-mail: members of a
/// clinic need not learn each other's addresses).
public struct OrganizationMember: Hashable, Sendable {
    public var userId: String
    public var username: String
    public var displayName: String
    public var role: OrganizationRole
    public var joinedAt: Date

    public init(userId: String, username: String, displayName: String, role: OrganizationRole, joinedAt: Date) {
        self.userId = userId
        self.username = username
        self.displayName = displayName
        self.role = role
        self.joinedAt = joinedAt
    }
}

/// What it takes to create an organization; without a slug one is made from the name.
public struct NewOrganization: Hashable, Sendable {
    public var name: String
    public var slug: String?

    public init(name: String, slug: String? = nil) {
        self.name = name
        self.slug = slug
    }
}

/// A partial update of an organization: what is non-nil replaces the stored value.
public struct OrganizationChanges: Hashable, Sendable {
    public var name: String?
    public var slug: String?

    public init(name: String? = nil, slug: String? = nil) {
        self.name = name
        self.slug = slug
    }
}

extension Organization {
    /// The longest name accepted, in characters.
    public static let maximumNameLength = 200
    /// The longest slug accepted, in characters.
    public static let maximumSlugLength = 64

    /// Field problems of a name and a slug (nil means "not given", which is valid), with the
    /// paths of the API's JSON, so every store and the HTTP layer refuse the same values.
    public static func issues(name: String?, slug: String?) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if let name {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                issues.append(ValidationIssue(path: "name", message: "is required"))
            } else if trimmed.count > maximumNameLength {
                issues.append(ValidationIssue(path: "name", message: "must have at most \(maximumNameLength) characters"))
            }
        }
        if let slug, !isValidSlug(slug) {
            issues.append(
                ValidationIssue(
                    path: "slug",
                    message: "must be 1–\(maximumSlugLength) lower-case letters (a–z), digits and dashes, not starting or ending with a dash"))
        }
        return issues
    }

    /// `^[a-z0-9]+(-[a-z0-9]+)*$`, at most ``maximumSlugLength`` characters.
    public static func isValidSlug(_ slug: String) -> Bool {
        guard !slug.isEmpty, slug.count <= maximumSlugLength, !slug.hasPrefix("-"), !slug.hasSuffix("-"), !slug.contains("--") else {
            return false
        }
        return slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A valid slug made from a display name ("Clínica São Paulo" → "clinica-sao-paulo"), or
    /// "organization" when the name has no usable letters.
    public static func slug(from name: String) -> String {
        var slug = ""
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        for scalar in folded.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > maximumSlugLength - 4 {
            slug = String(slug.prefix(maximumSlugLength - 4))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug.isEmpty ? "organization" : slug
    }
}
