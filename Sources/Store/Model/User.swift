public import Foundation

/// An account: an expert or a clinic admin. Passwords never leave the store as anything but a hash.
public struct User: Codable, Hashable, Sendable {
    public var id: String
    public var username: String
    public var displayName: String
    public var email: String
    /// IANA zone the user works in; the default for new schedules.
    public var timeZone: String
    /// The language the web UI speaks to them (`en`, `pt-BR`); nil follows the browser.
    public var language: String?
    public var createdAt: Date
    /// Moves on every password change. A cached verification of a password records the version
    /// it saw, and is void once the user row says otherwise: a password changed through one
    /// process (another instance, the command line) stops working in every other at once.
    /// Not part of the JSON shapes.
    public var credentialVersion: Int = 0

    enum CodingKeys: String, CodingKey {
        case id, username, displayName, email, timeZone, language, createdAt
    }

    public init(
        id: String, username: String, displayName: String, email: String, timeZone: String, language: String? = nil, createdAt: Date,
        credentialVersion: Int = 0
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.email = email
        self.timeZone = timeZone
        self.language = language
        self.createdAt = createdAt
        self.credentialVersion = credentialVersion
    }
}

/// What it takes to create a user.
public struct NewUser: Hashable, Sendable {
    public var username: String
    public var displayName: String
    public var email: String
    public var timeZone: String

    public init(username: String, displayName: String? = nil, email: String, timeZone: String = "UTC") {
        self.username = username
        self.displayName = displayName ?? username
        self.email = email
        self.timeZone = timeZone
    }
}

/// A named API token; only its hash is stored.
public struct APIToken: Codable, Hashable, Sendable {
    public var id: String
    public var userId: String
    public var name: String
    public var createdAt: Date

    public init(id: String, userId: String, name: String, createdAt: Date) {
        self.id = id
        self.userId = userId
        self.name = name
        self.createdAt = createdAt
    }
}
