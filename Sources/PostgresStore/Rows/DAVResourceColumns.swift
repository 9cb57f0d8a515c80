import Foundation
import PostgresNIO
import Store

/// Reads `dav_resources` rows into ``DAVResourceEntry``; listings select no body.
enum DAVResourceColumns {
    static func select(withBody: Bool) -> String {
        "path, is_collection, content_type, size, etag, \(withBody ? "body" : "NULL::bytea AS body"), created_at, updated_at"
    }

    /// The entry of a row selected with ``select(withBody:)``; collections have no body.
    static func entry(_ row: PostgresRow) throws -> DAVResourceEntry {
        let (path, isCollection, contentType, size, etag, body, createdAt, updatedAt) = try row.decode(
            (String, Bool, String?, Int, String, Data?, Date, Date).self)
        return DAVResourceEntry(
            path: path, isCollection: isCollection, contentType: contentType, size: size, etag: etag, body: isCollection ? nil : body,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}
