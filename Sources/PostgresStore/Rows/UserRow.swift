import Foundation
import PostgresNIO
import Store

/// Reads `users` rows. The select list is qualified with the table, so a join can use it as is.
enum UserRow {
    static let columns = """
        users.id, users.username, users.display_name, users.email, users.time_zone, users.language, users.created_at, \
        users.credential_version
        """

    /// ``columns`` and the password hash, for verification only.
    static let credentialColumns = columns + ", users.password_hash"

    static func decode(_ row: PostgresRow) throws -> User {
        try decode(row.makeRandomAccess())
    }

    static func decode(_ row: PostgresRandomAccessRow) throws -> User {
        User(
            id: try row.column("id"), username: try row.column("username"), displayName: try row.column("display_name"),
            email: try row.column("email"), timeZone: try row.column("time_zone"), language: try row.column("language"),
            createdAt: try row.column("created_at"), credentialVersion: try row.column("credential_version"))
    }

    /// A row of ``credentialColumns``: the user and their password hash.
    static func decodeCredentials(_ row: PostgresRow) throws -> (user: User, passwordHash: String) {
        let cells = row.makeRandomAccess()
        return (try decode(cells), try cells.column("password_hash"))
    }
}

/// Reads `api_tokens` rows (never the hash).
enum APITokenRow {
    static let columns = "api_tokens.id, api_tokens.user_id, api_tokens.name, api_tokens.created_at"

    static func decode(_ row: PostgresRow) throws -> APIToken {
        let cells = row.makeRandomAccess()
        return APIToken(
            id: try cells.column("id"), userId: try cells.column("user_id"), name: try cells.column("name"),
            createdAt: try cells.column("created_at"))
    }
}
