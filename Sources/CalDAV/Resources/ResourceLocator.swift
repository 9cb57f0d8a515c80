import DAVXML
import Store
import WebDAV

/// What a request path names, for the authenticated user: an existing resource, or the place
/// where a PUT, MKCOL, MKCALENDAR, COPY or MOVE would create one.
enum Target: Sendable {
    case existing(DAVResource)
    /// A new object in a calendar.
    case newObject(CalendarCollection, name: String, href: String)
    /// A new plain resource (or calendar, at the top of the home); the parent may be missing.
    case newPlain(path: String, href: String)
    /// A place where nothing can exist (below an object, outside the layout).
    case impossible

    var resource: DAVResource? {
        if case .existing(let resource) = self { return resource }
        return nil
    }
}

/// Turns request paths into ``Target``s with the store.
struct ResourceLocator: Sendable {
    let store: any HorarioStore & DAVStore

    /// Resolves an encoded request path. Other users' homes are refused (403); other users'
    /// principals are readable (attendee lookup).
    func locate(path: Substring, user: User) async throws -> Target {
        guard let segments = DAVPath.segments(path) else { throw DAVError.badRequest("Malformed request path") }
        let trimmed = segments.first == "dav" ? Array(segments.dropFirst()) : (segments.isEmpty ? [] : nil)
        guard let rest = trimmed else { return .impossible }
        if rest.isEmpty { return .existing(DAVResource(kind: .root, href: DAVPaths.root, deadPropertyPath: nil, user: user)) }
        switch rest[0] {
        case "principals":
            if rest.count == 1 { return .existing(DAVResource(kind: .principals, href: DAVPaths.principals, deadPropertyPath: nil, user: user)) }
            guard rest.count == 2 else { return .impossible }
            let principal = rest[1] == user.username ? user : try await store.user(username: rest[1])
            guard let principal else { return .impossible }
            return .existing(
                DAVResource(kind: .principal(principal), href: DAVPaths.principal(principal.username), deadPropertyPath: nil, user: user))
        case "calendars":
            if rest.count == 1 { return .existing(DAVResource(kind: .homes, href: DAVPaths.homes, deadPropertyPath: nil, user: user)) }
            guard rest[1] == user.username else {
                if try await store.user(username: rest[1]) == nil { return .impossible }
                throw DAVError.forbidden(XMLNameNeedPrivileges.name, "The calendars of \(rest[1]) belong to another user")
            }
            return try await locateInHome(Array(rest.dropFirst(2)), user: user)
        default:
            return .impossible
        }
    }

    private func locateInHome(_ path: [String], user: User) async throws -> Target {
        let username = user.username
        guard let first = path.first else {
            return .existing(DAVResource(kind: .home, href: DAVPaths.home(username), deadPropertyPath: "", user: user))
        }
        if path.count == 1, first == "inbox" {
            return .existing(DAVResource(kind: .inbox, href: DAVPaths.inbox(username), deadPropertyPath: nil, user: user))
        }
        if path.count == 2, first == "inbox" {
            guard let message = try await store.inboxMessage(named: path[1], ownedBy: user.id) else { return .impossible }
            return .existing(Self.inboxResource(message, user: user))
        }
        if path.count == 1, first == "outbox" {
            return .existing(DAVResource(kind: .outbox, href: DAVPaths.outbox(username), deadPropertyPath: nil, user: user))
        }
        if DAVPaths.reservedHomeNames.contains(first) { return .impossible }
        if let calendar = try await store.calendar(slug: first, ownedBy: user.id) {
            let calendarResource = DAVResource(
                kind: .calendar(calendar), href: DAVPaths.calendar(username, calendar.slug), deadPropertyPath: calendar.slug, user: user)
            if path.count == 1 { return .existing(calendarResource) }
            guard path.count == 2 else { return .impossible }
            let href = DAVPaths.object(username, calendar.slug, path[1])
            if let object = try await store.calendarObject(named: path[1], in: calendar.id) {
                return .existing(
                    DAVResource(kind: .object(calendar, object), href: href, deadPropertyPath: "\(calendar.slug)/\(path[1])", user: user))
            }
            return .newObject(calendar, name: path[1], href: href)
        }
        let joined = path.joined(separator: "/")
        if let entry = try await store.davResource(path: joined, ownedBy: user.id) {
            return .existing(Self.plainResource(entry, user: user))
        }
        return .newPlain(path: joined, href: DAVPaths.plain(username, joined, collection: false))
    }

    static func plainResource(_ entry: DAVResourceEntry, user: User) -> DAVResource {
        DAVResource(
            kind: entry.isCollection ? .plainCollection(entry) : .plainFile(entry),
            href: DAVPaths.plain(user.username, entry.path, collection: entry.isCollection), deadPropertyPath: entry.path, user: user)
    }

    static func inboxResource(_ message: InboxMessage, user: User) -> DAVResource {
        DAVResource(kind: .inboxMessage(message), href: DAVPaths.inboxMessage(user.username, message.name), deadPropertyPath: nil, user: user)
    }

    /// The members of a collection (Depth 1).
    func members(of resource: DAVResource) async throws -> [DAVResource] {
        let user = resource.user
        switch resource.kind {
        case .root:
            return [
                DAVResource(kind: .principals, href: DAVPaths.principals, deadPropertyPath: nil, user: user),
                DAVResource(kind: .homes, href: DAVPaths.homes, deadPropertyPath: nil, user: user),
            ]
        case .principals:
            return [DAVResource(kind: .principal(user), href: DAVPaths.principal(user.username), deadPropertyPath: nil, user: user)]
        case .homes:
            return [DAVResource(kind: .home, href: DAVPaths.home(user.username), deadPropertyPath: "", user: user)]
        case .home:
            var members = try await store.calendars(ownedBy: user.id).map {
                DAVResource(kind: .calendar($0), href: DAVPaths.calendar(user.username, $0.slug), deadPropertyPath: $0.slug, user: user)
            }
            members.append(DAVResource(kind: .inbox, href: DAVPaths.inbox(user.username), deadPropertyPath: nil, user: user))
            members.append(DAVResource(kind: .outbox, href: DAVPaths.outbox(user.username), deadPropertyPath: nil, user: user))
            members += try await store.davResources(under: "", ownedBy: user.id, recursive: false).map { Self.plainResource($0, user: user) }
            return members
        case .calendar(let calendar):
            return try await store.calendarObjects(in: calendar.id, overlapping: nil, withData: false).map {
                DAVResource(
                    kind: .object(calendar, $0), href: DAVPaths.object(user.username, calendar.slug, $0.name),
                    deadPropertyPath: "\(calendar.slug)/\($0.name)", user: user)
            }
        case .plainCollection(let entry):
            return try await store.davResources(under: entry.path, ownedBy: user.id, recursive: false).map { Self.plainResource($0, user: user) }
        case .inbox:
            return try await store.inboxMessages(ownedBy: user.id, withData: false).map { Self.inboxResource($0, user: user) }
        case .principal, .outbox, .object, .plainFile, .inboxMessage:
            return []
        }
    }
}

/// `DAV:need-privileges` (RFC 3744 §7.1.1), named here because DAVXML lists only what it reads.
enum XMLNameNeedPrivileges {
    static let name = DAVXML.XMLName("DAV:", "need-privileges")
}
