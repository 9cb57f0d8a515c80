import Foundation
import PostgresNIO
import Store

/// The columns of an ``InboxMessage``; listed without data, the text is empty and the size still its own.
enum InboxMessageRow {
    static func columns(withData: Bool) -> String {
        "name, uid, method, \(withData ? "ics" : "''::text AS ics"), octet_length(ics)::bigint AS size, etag, created_at"
    }

    static func decode(_ row: PostgresRow) throws -> InboxMessage {
        let row = row.makeRandomAccess()
        return InboxMessage(
            name: try row.column("name"), uid: try row.column("uid"), method: try row.column("method"), ics: try row.column("ics"),
            size: try row.column("size"), etag: try row.column("etag"), createdAt: try row.column("created_at"))
    }
}
