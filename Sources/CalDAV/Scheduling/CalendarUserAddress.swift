import Foundation
import Store
import WebDAV

/// A calendar user address (RFC 5545 CAL-ADDRESS, RFC 6638 §2.4.1) reduced to what names a
/// user: a `mailto:` address by its e-mail, case-insensitively; our principal URL, relative or
/// absolute, by its user name.
enum CalendarUserAddress: Hashable, Sendable {
    case email(String)
    case principal(username: String)
    case other(String)

    init(_ value: String) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("mailto:") {
            self = .email(String(trimmed.dropFirst(7)).lowercased())
            return
        }
        let path = URLComponents(string: trimmed)?.percentEncodedPath ?? trimmed
        let segments = path.split(separator: "/").map(String.init)
        if segments.count == 3, segments[0] == "dav", segments[1] == "principals",
            let username = segments[2].removingPercentEncoding
        {
            self = .principal(username: username)
            return
        }
        self = .other(trimmed.lowercased())
    }

    /// Whether this address names `user` (their e-mail or their principal).
    func names(_ user: User) -> Bool {
        switch self {
        case .email(let email): email == user.email.lowercased()
        case .principal(let username): username == user.username
        case .other: false
        }
    }

    /// The e-mail to write to, for an address of no user here.
    var email: String? {
        if case .email(let email) = self { return email }
        return nil
    }
}

/// Looks calendar user addresses up among the server's users, once per request.
struct CalendarUserDirectory: Sendable {
    let users: [User]

    init(store: any HorarioStore) async throws {
        users = try await store.users()
    }

    func user(_ address: CalendarUserAddress) -> User? {
        users.first { address.names($0) }
    }
}
