import Auth
public import BookingFlow
public import Foundation
import ICalendar
public import Logging
public import Store
import Synchronization

/// The calendar connections at work: connecting an account, keeping each checked calendar's
/// busy time cached (the refresher), reading live before a booking, and writing bookings to
/// their destination calendar (the outbox worker). Drivers and secrets stay in here; the API
/// and the pages call these methods.
public final class ConnectionEngine: LiveBusyChecking, Sendable {
    public let store: any HorarioStore
    public let vault: CredentialVault
    public let addresses: AddressPolicy
    public let settings: ConnectionSettings
    public let policy: ExternalBusyPolicy
    let backoff = Backoff()
    let logger: Logger
    let changeTags = ChangeTagMemory()

    public init(
        store: any HorarioStore, vault: CredentialVault, addresses: AddressPolicy, settings: ConnectionSettings = ConnectionSettings(),
        policy: ExternalBusyPolicy = .standard, logger: Logger = Logger(label: "horario.connections")
    ) {
        self.store = store
        self.vault = vault
        self.addresses = addresses
        self.settings = settings
        self.policy = policy
        self.logger = logger
    }

    func driver(for provider: CalendarProviderKind, timeout: TimeInterval? = nil) -> CalDAVDriver {
        var http = OutgoingHTTP(policy: addresses)
        if let timeout { http.timeout = timeout }
        return CalDAVDriver(http: http, isICloud: provider == .apple)
    }

    // MARK: - Connecting

    /// What was wrong with a connect request, by field.
    public struct InvalidRequest: Error {
        public var field: String
        public var message: String
    }

    /// Connects a CalDAV or iCloud account: discovers its calendars with the given password
    /// (refused passwords and unreachable servers are errors here, nothing is stored), stores
    /// it sealed, reads its busy time once, and returns it. The same account again updates the
    /// stored one in place.
    public func connect(
        userId: String, provider: CalendarProviderKind, url: String?, username: String, password: String, now: Date
    )
        async throws -> CalendarConnection
    {
        guard provider.usesPassword else {
            throw InvalidRequest(field: "provider", message: "\(provider.rawValue) connects through its sign-in page, not with a password")
        }
        let username = username.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !username.isEmpty else { throw InvalidRequest(field: "username", message: "the account's user name is required") }
        guard !password.isEmpty else { throw InvalidRequest(field: "password", message: "the password is required") }
        let start: URL
        let given = url?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if given.isEmpty {
            guard provider == .apple else { throw InvalidRequest(field: "url", message: "the CalDAV server's address is required") }
            start = CalDAVDriver.iCloudURL
        } else {
            let withScheme = given.contains("://") ? given : "https://" + given
            guard let parsed = URL(string: withScheme), let scheme = parsed.scheme?.lowercased(), scheme == "https" || scheme == "http",
                parsed.host?.isEmpty == false
            else { throw InvalidRequest(field: "url", message: "\"\(given)\" is not an http or https address") }
            start = parsed
        }
        let account = CalDAVDriver.Account(username: username, password: password)
        let discovery = try await driver(for: provider).discover(start: start, account: account)
        guard !discovery.calendars.isEmpty else {
            throw ProviderError.badResponse("\(start.host ?? "the server") has no event calendar for this account")
        }
        let email = (discovery.email ?? username).lowercased()
        let existing = try await store.connection(ownedBy: userId, provider: provider, email: email)
        let id = existing?.id ?? UUID().uuidString.lowercased()
        let connection = CalendarConnection(
            id: id, userId: userId, provider: provider, email: email, serverURL: discovery.home.absoluteString,
            calendars: discovery.calendars.map(\.calendar), status: .syncing, nextAttemptAt: now, createdAt: existing?.createdAt ?? now,
            updatedAt: now)
        let saved = try await store.saveConnection(connection, credentials: vault.seal(account, connectionId: id))
        changeTags.forget(connectionId: id)
        await sync(saved, relist: false, now: now)
        return try await store.connection(id: id) ?? saved
    }

    /// Re-lists the calendars and reads the busy time now; failures are recorded on the
    /// connection (its status and last error), not thrown.
    public func refresh(id: String, userId: String, now: Date) async throws -> CalendarConnection {
        guard let connection = try await store.connection(id: id, ownedBy: userId) else { throw StoreError.notFound("calendar connection \(id)") }
        changeTags.forget(connectionId: id)
        await sync(connection, relist: true, now: now)
        return try await store.connection(id: id) ?? connection
    }

    /// CalDAV has no token to revoke: the credentials are deleted with the row.
    public func disconnect(id: String, userId: String) async throws {
        try await store.deleteConnection(id: id, ownedBy: userId)
        changeTags.forget(connectionId: id)
    }

    // MARK: - Reading busy time

    /// The window the refresher keeps cached.
    func window(now: Date) -> DateInterval {
        DateInterval(start: now.addingTimeInterval(-86_400), end: now.addingTimeInterval(settings.lookahead))
    }

    /// One refresh of one connection: calendars (when asked, or when none are known), then the
    /// busy time of each checked calendar whose change tag moved. Never throws: the outcome is
    /// stored on the connection.
    func sync(_ connection: CalendarConnection, relist: Bool, now: Date) async {
        do {
            let account = try await openAccount(connection)
            let driver = driver(for: connection.provider)
            guard let home = connection.serverURL.flatMap(URL.init(string:)) else {
                throw ProviderError.badResponse("the connection has no server address; connect it again")
            }
            // Listing also gives every calendar's change tag in one request. A connection made
            // from one calendar's address lists that calendar itself (Depth 0), not its events.
            let isSingleCalendar = connection.calendars.count == 1 && connection.calendars[0].id == home.absoluteString
            let listed = try await driver.listCalendars(home: home, account: account, depth: isSingleCalendar ? "0" : "1")
            let calendars = relist || connection.calendars.isEmpty ? listed.map(\.calendar) : nil
            let known = Dictionary(connection.calendars.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let window = window(now: now)
            var busy: [String: [ExternalBusy]] = [:]
            for entry in listed {
                let checks = known[entry.calendar.id]?.checkForConflicts ?? entry.calendar.checkForConflicts
                guard checks, let url = URL(string: entry.calendar.id) else { continue }
                if let tag = entry.changeTag, changeTags.isCurrent(connectionId: connection.id, calendarId: entry.calendar.id, tag: tag, now: now) {
                    continue
                }
                let zone = (known[entry.calendar.id]?.timeZone ?? entry.calendar.timeZone).flatMap(ZoneRules.iana)
                let reader = ExternalEventBusy(
                    window: Instant(window.start)..<Instant(window.end), floatingZone: try await floatingZone(zone, userId: connection.userId),
                    ownAddresses: [connection.email, account.username])
                busy[entry.calendar.id] = try await driver.busy(
                    calendar: url, account: account, window: window, reader: reader, connectionId: connection.id)
                if let tag = entry.changeTag { changeTags.remember(connectionId: connection.id, calendarId: entry.calendar.id, tag: tag, now: now) }
            }
            let interval = connection.provider == .apple ? settings.iCloudRefreshInterval : settings.refreshInterval
            let next = now.addingTimeInterval(interval * Double.random(in: 0.9...1.1))
            try await store.recordSync(connectionId: connection.id, calendars: calendars, busy: busy, window: window, now: now, next: next)
        } catch {
            await recordFailure(connection, error: error, now: now)
        }
    }

    func recordFailure(_ connection: CalendarConnection, error: any Error, now: Date) async {
        let providerError = error as? ProviderError ?? .badResponse("\(error)")
        changeTags.forget(connectionId: connection.id)
        let status: ConnectionStatus = providerError.needsReauthorization ? .reauthRequired : .error
        var retryAfter: TimeInterval?
        if case .rateLimited(_, let seconds) = providerError { retryAfter = seconds }
        // Refused credentials wait for the owner; a daily probe notices a server that changed its mind.
        let delay =
            providerError.needsReauthorization
            ? 86_400 : backoff.delay(afterFailures: connection.consecutiveFailures + 1, retryAfter: retryAfter)
        logger.warning("calendar connection \(connection.id) (\(connection.provider.rawValue)) failed: \(providerError)")
        try? await store.recordFailure(
            connectionId: connection.id, problem: ConnectionProblem(code: providerError.code, message: providerError.description, at: now),
            status: status, next: now.addingTimeInterval(delay))
    }

    func openAccount(_ connection: CalendarConnection) async throws -> CalDAVDriver.Account {
        guard let sealed = try await store.credentials(connectionId: connection.id) else {
            throw ProviderError.unauthorized("the connection's credentials are missing; connect it again")
        }
        do {
            return try vault.open(sealed, connectionId: connection.id)
        } catch {
            throw ProviderError.unauthorized("the connection's credentials cannot be opened with the configured key (\(error)); connect it again")
        }
    }

    /// The zone of floating and all-day events when the calendar names none: the owner's.
    func floatingZone(_ calendarZone: ZoneRules?, userId: String) async throws -> ZoneRules {
        if let calendarZone { return calendarZone }
        return try await store.user(id: userId).flatMap { ZoneRules.iana($0.timeZone) } ?? .utc
    }

    // MARK: - Live check before a booking

    public func liveBusy(userId: String, span: DateInterval, now: Date) async throws -> [ExternalBusy] {
        let connections = try await store.connections(ownedBy: userId).filter {
            $0.isActive && $0.status != .reauthRequired && $0.calendars.contains(where: \.checkForConflicts)
        }
        guard !connections.isEmpty else { return [] }
        return try await withThrowingTaskGroup(of: [ExternalBusy].self) { group in
            for connection in connections {
                group.addTask { try await self.liveBusy(connection, span: span, now: now) }
            }
            var result: [ExternalBusy] = []
            for try await busy in group { result += busy }
            return result
        }
    }

    /// One connection's calendars read live, all at once; on failure its cache stands in when
    /// young enough.
    func liveBusy(_ connection: CalendarConnection, span: DateInterval, now: Date) async throws -> [ExternalBusy] {
        do {
            let account = try await openAccount(connection)
            let driver = driver(for: connection.provider, timeout: settings.liveCheckTimeout)
            var readers: [(URL, ExternalEventBusy)] = []
            for calendar in connection.calendars where calendar.checkForConflicts {
                guard let url = URL(string: calendar.id) else { continue }
                let zone = try await floatingZone(calendar.timeZone.flatMap(ZoneRules.iana), userId: connection.userId)
                readers.append(
                    (
                        url,
                        ExternalEventBusy(
                            window: Instant(span.start)..<Instant(span.end), floatingZone: zone, ownAddresses: [connection.email, account.username])
                    ))
            }
            return try await withThrowingTaskGroup(of: [ExternalBusy].self) { group in
                for (url, reader) in readers {
                    group.addTask {
                        try await driver.busy(
                            calendar: url, account: account, window: span, reader: reader, connectionId: connection.id,
                            timeout: self.settings.liveCheckTimeout)
                    }
                }
                var busy: [ExternalBusy] = []
                for try await part in group { busy += part }
                return busy
            }
        } catch {
            if let lastSync = connection.lastSyncAt, now.timeIntervalSince(lastSync) <= policy.staleAfter { return [] }
            throw ExternalCalendarUnavailable(
                message: "the calendar \(connection.email) could not be checked just now (\(error)); try again in a few minutes")
        }
    }
}

/// The change tag each calendar had when its busy time was last read, per day (the window
/// slides daily): an unchanged calendar is not read again. Kept in memory; a restart reads
/// everything once.
final class ChangeTagMemory: Sendable {
    private let state = Mutex<[String: (tag: String, day: Int)]>([:])

    func isCurrent(connectionId: String, calendarId: String, tag: String, now: Date) -> Bool {
        let day = Int(now.timeIntervalSince1970 / 86_400)
        return state.withLock { $0[connectionId + " " + calendarId].map { $0.tag == tag && $0.day == day } ?? false }
    }

    func remember(connectionId: String, calendarId: String, tag: String, now: Date) {
        let day = Int(now.timeIntervalSince1970 / 86_400)
        state.withLock { $0[connectionId + " " + calendarId] = (tag, day) }
    }

    func forget(connectionId: String) {
        state.withLock { entries in entries = entries.filter { !$0.key.hasPrefix(connectionId + " ") } }
    }
}
