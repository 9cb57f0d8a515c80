import Foundation
import GRDB
import Store

/// Reads `dav_resources` rows into ``DAVResourceEntry``; listings select no body.
enum DAVResourceColumns {
    static func select(withBody: Bool) -> String {
        "path, is_collection, content_type, size, etag, \(withBody ? "body" : "NULL AS body"), created_at, updated_at"
    }

    /// The entry of a row selected with ``select(withBody:)``; collections have no body.
    static func entry(_ row: Row) -> DAVResourceEntry {
        let isCollection: Bool = row[1]
        let body: Data? = isCollection ? nil : (row[5] as Data?)
        return DAVResourceEntry(
            path: row[0], isCollection: isCollection, contentType: row[2], size: row[3], etag: row[4], body: body, createdAt: row[6],
            updatedAt: row[7])
    }
}
