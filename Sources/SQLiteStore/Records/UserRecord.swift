import Foundation
import GRDB
import Store

/// A row of `users`.
struct UserRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "users"

    var id: String
    var username: String
    var displayName: String
    var email: String
    var timeZone: String
    var language: String?
    var passwordHash: String
    var createdAt: Date
    var credentialVersion: Int

    enum CodingKeys: String, CodingKey {
        case id, username, email, language
        case displayName = "display_name"
        case timeZone = "time_zone"
        case passwordHash = "password_hash"
        case createdAt = "created_at"
        case credentialVersion = "credential_version"
    }

    enum Columns {
        static let id = Column("id")
        static let username = Column("username")
    }

    var user: User {
        User(
            id: id, username: username, displayName: displayName, email: email, timeZone: timeZone, language: language, createdAt: createdAt,
            credentialVersion: credentialVersion)
    }
}

/// A row of `api_tokens`.
struct APITokenRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "api_tokens"

    var id: String
    var userId: String
    var name: String
    var tokenHash: String
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name
        case userId = "user_id"
        case tokenHash = "token_hash"
        case createdAt = "created_at"
    }
}

extension UserRecord {
    /// Columns read by name: every authenticated request reads its user, and the decoder
    /// `Codable` would give costs several times more than the query.
    init(row: Row) throws {
        id = row[CodingKeys.id.rawValue]
        username = row[CodingKeys.username.rawValue]
        displayName = row[CodingKeys.displayName.rawValue]
        email = row[CodingKeys.email.rawValue]
        timeZone = row[CodingKeys.timeZone.rawValue]
        language = row[CodingKeys.language.rawValue]
        passwordHash = row[CodingKeys.passwordHash.rawValue]
        createdAt = row[CodingKeys.createdAt.rawValue]
        credentialVersion = row[CodingKeys.credentialVersion.rawValue]
    }
}
