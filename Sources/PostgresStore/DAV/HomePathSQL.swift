import PostgresNIO

/// HomePath's subtree ranges in PostgreSQL (see ``HomePath``): a resource and everything below
/// it is `path = p OR (path >= 'p/' AND path < 'p0')`. The `path` columns are `COLLATE "C"`, so
/// the comparison is by bytes as the range needs, and the primary keys answer it.
///
/// Written as interpolations, so each fragment binds its own values wherever it lands in a query:
/// `"DELETE FROM dead_properties WHERE user_id = \(userId) AND \(column: "path", inSubtree: path)"`.
extension PostgresQuery.StringInterpolation {
    /// `column` names `path` or lies below it. `column` is trusted SQL.
    mutating func appendInterpolation(column: String, inSubtree path: String) {
        appendInterpolation(unescaped: "(\(column) = ")
        appendInterpolation(path)
        appendInterpolation(unescaped: " OR ")
        appendInterpolation(column: column, below: path)
        appendInterpolation(unescaped: ")")
    }

    /// `column` lies strictly below `path`.
    mutating func appendInterpolation(column: String, below path: String) {
        appendInterpolation(unescaped: "(\(column) >= ")
        appendInterpolation(path + "/")
        appendInterpolation(unescaped: " AND \(column) < ")
        appendInterpolation(path + "0")
        appendInterpolation(unescaped: ")")
    }

    /// `column` names `path`, or with `subtree` also lies below it.
    mutating func appendInterpolation(column: String, at path: String, subtree: Bool) {
        if subtree {
            appendInterpolation(column: column, inSubtree: path)
        } else {
            appendInterpolation(unescaped: "\(column) = ")
            appendInterpolation(path)
        }
    }

    /// `column` rewritten from below `from` to below `to` (for rows the subtree condition of `from` selected).
    mutating func appendInterpolation(column: String, rebasedFrom from: String, to: String) {
        appendInterpolation(to)
        appendInterpolation(unescaped: " || substr(\(column), length(")
        appendInterpolation(from)
        appendInterpolation(unescaped: ") + 1)")
    }
}
