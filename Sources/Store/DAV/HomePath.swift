import Availability

/// Paths of a calendar home as the DAV stores take them: relative, segments joined by `/`,
/// no leading or trailing slash; "" is the home itself.
///
/// A resource and everything below it is `path = p OR (path >= 'p/' AND path < 'p0')`: '0'
/// is the character after '/', so the range holds exactly the paths that start with `p/`,
/// and the primary keys on `(user_id, path…)` answer it without a scan.
package enum HomePath {
    /// `invalid` unless `path` names a resource below the home: non-empty segments, none `.` or `..`.
    package static func validate(_ path: String, field: String = "path") throws {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw StoreError.invalid([ValidationIssue(path: field, message: "\"\(path)\" is not a path below the calendar home")])
        }
    }

    /// Everything before the last `/`; "" (the home) for a top-level path.
    package static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    package static func isTopLevel(_ path: String) -> Bool { !path.contains("/") }

    /// Whether `path` lies strictly below `ancestor`.
    package static func isDescendant(_ path: String, of ancestor: String) -> Bool {
        ancestor.isEmpty ? !path.isEmpty : path.hasPrefix(ancestor + "/")
    }
}
