import GRDB
import Store

/// HomePath's SQL for SQLite: subtrees as key ranges (see ``HomePath``).
extension HomePath {
    /// `column` names `path` or lies below it; bind ``subtreeArguments(_:)``.
    static func subtreeCondition(_ column: String) -> String {
        "(\(column) = ? OR (\(column) >= ? AND \(column) < ?))"
    }

    static func subtreeArguments(_ path: String) -> StatementArguments {
        [path, path + "/", path + "0"]
    }

    /// `column` lies strictly below `path`; bind ``descendantArguments(_:)``.
    static func descendantCondition(_ column: String) -> String {
        "(\(column) >= ? AND \(column) < ?)"
    }

    static func descendantArguments(_ path: String) -> StatementArguments {
        [path + "/", path + "0"]
    }

    /// SQL that rewrites `column` from below `from` to below `to`; bind ``rebaseArguments(from:to:)`` first.
    static func rebaseExpression(_ column: String) -> String {
        "? || substr(\(column), length(?) + 1)"
    }

    static func rebaseArguments(from: String, to: String) -> StatementArguments {
        [to, from]
    }
}
