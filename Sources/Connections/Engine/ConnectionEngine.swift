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
    public let oauth: OAuthSettings
    let backoff = Backoff()
    let logger: Logger
    let changeTags = ChangeTagMemory()
    let refreshes = RefreshGate()

    public init(
        store: any HorarioStore, vault: CredentialVault, addresses: AddressPolicy, settings: ConnectionSettings = ConnectionSettings(),
        policy: ExternalBusyPolicy = .standard, oauth: OAuthSettings = OAuthSettings(), logger: Logger = Logger(label: "horario.connections")
    ) {
        self.store = store
        self.vault = vault
        self.addresses = addresses
        self.settings = settings
        self.policy = policy
        self.oauth = oauth
        self.logger = logger
    }

    /// Outgoing HTTP for `provider`: user-given CalDAV addresses pass the address policy; the
    /// OAuth providers' hosts are the operator's configuration and pass as configured.
    func http(for provider: CalendarProviderKind, timeout: TimeInterval? = nil) -> OutgoingHTTP {
        var policy = addresses
        if !provider.usesPassword { policy.allowedHosts.formUnion(oauth.trustedHosts) }
        var http = OutgoingHTTP(policy: policy)
        if let timeout { http.timeout = timeout }
        return http
    }

    func caldav(for provider: CalendarProviderKind, timeout: TimeInterval? = nil) -> CalDAVDriver {
        CalDAVDriver(http: http(for: provider, timeout: timeout), isICloud: provider == .apple)
    }

    /// The driver of a provider; nil for an OAuth provider this server has no client for.
    func driver(for provider: CalendarProviderKind, timeout: TimeInterval? = nil) -> (any CalendarDriver)? {
        switch provider {
        case .apple, .caldav: return caldav(for: provider, timeout: timeout)
        case .google: return oauth.endpoints(provider).map { GoogleDriver(endpoints: $0, http: http(for: provider, timeout: timeout)) }
        case .outlook, .office365: return oauth.endpoints(provider).map { GraphDriver(endpoints: $0, http: http(for: provider, timeout: timeout)) }
        }
    }

    func requireDriver(for provider: CalendarProviderKind, timeout: TimeInterval? = nil) throws(ProviderError) -> any CalendarDriver {
        guard let driver = driver(for: provider, timeout: timeout) else {
            throw .badResponse("\(provider.rawValue) is no longer configured on this server (its OAuth client id is missing)")
        }
        return driver
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
        let discovery = try await caldav(for: provider).discover(start: start, account: account)
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
        return try await saveAndRead(connection, credentials: .password(account), now: now)
    }

    /// Stores a new or reconnected account with its sealed credentials and reads its busy
    /// time once, so it is useful (or its problem shown) from the first answer.
    func saveAndRead(_ connection: CalendarConnection, credentials: ConnectionCredentials, now: Date) async throws -> CalendarConnection {
        let saved = try await store.saveConnection(connection, credentials: vault.seal(credentials, connectionId: connection.id))
        changeTags.forget(connectionId: connection.id)
        await sync(saved, relist: false, now: now)
        return try await store.connection(id: connection.id) ?? saved
    }

    /// Re-lists the calendars and reads the busy time now; failures are recorded on the
    /// connection (its status and last error), not thrown.
    public func refresh(id: String, userId: String, now: Date) async throws -> CalendarConnection {
        guard let connection = try await store.connection(id: id, ownedBy: userId) else { throw StoreError.notFound("calendar connection \(id)") }
        changeTags.forget(connectionId: id)
        await sync(connection, relist: true, now: now)
        return try await store.connection(id: id) ?? connection
    }

    /// Deletes the connection with its credentials, after revoking the grant where the provider
    /// offers it (Google; Microsoft has no per-app revocation, CalDAV no token).
    public func disconnect(id: String, userId: String) async throws {
        guard let connection = try await store.connection(id: id, ownedBy: userId) else { throw StoreError.notFound("calendar connection \(id)") }
        if let endpoints = oauth.endpoints(connection.provider), case .oauth(let tokens)? = try? await openCredentials(connection) {
            await OAuthClient(endpoints: endpoints, http: http(for: connection.provider)).revoke(tokens)
        }
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
            let driver = try requireDriver(for: connection.provider)
            // Listing also gives every calendar's change tag in one request (CalDAV).
            let listed = try await authorized(connection, now: now) { auth throws(ProviderError) in
                try await driver.listCalendars(connection, auth: auth)
            }
            let calendars = relist || connection.calendars.isEmpty ? listed.map(\.calendar) : nil
            let known = Dictionary(connection.calendars.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let window = window(now: now)
            var toRead: [(calendar: ConnectedCalendar, floatingZone: ZoneRules)] = []
            var tags: [String: String] = [:]
            for entry in listed {
                var calendar = entry.calendar
                calendar.checkForConflicts = known[calendar.id]?.checkForConflicts ?? calendar.checkForConflicts
                guard calendar.checkForConflicts else { continue }
                if let tag = entry.changeTag {
                    if changeTags.isCurrent(connectionId: connection.id, calendarId: calendar.id, tag: tag, now: now) { continue }
                    tags[calendar.id] = tag
                }
                let zone = (known[calendar.id]?.timeZone ?? calendar.timeZone).flatMap(ZoneRules.iana)
                toRead.append((calendar, try await floatingZone(zone, userId: connection.userId)))
            }
            let busy =
                toRead.isEmpty
                ? [:]
                : try await authorized(connection, now: now) { auth throws(ProviderError) in
                    try await driver.busy(connection, calendars: toRead, window: window, auth: auth, timeout: nil)
                }
            for (calendarId, tag) in tags { changeTags.remember(connectionId: connection.id, calendarId: calendarId, tag: tag, now: now) }
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

    func openCredentials(_ connection: CalendarConnection) async throws(ProviderError) -> ConnectionCredentials {
        let sealed: SealedCredentials?
        do {
            sealed = try await store.credentials(connectionId: connection.id)
        } catch {
            throw .unreachable("the database could not be read (\(error))")
        }
        guard let sealed else { throw .unauthorized("the connection's credentials are missing; connect it again") }
        do {
            return try vault.open(sealed, connectionId: connection.id)
        } catch {
            throw .unauthorized("the connection's credentials cannot be opened with the configured key (\(error)); connect it again")
        }
    }

    /// Runs `body` with the connection's credentials: OAuth tokens refreshed first when they
    /// expire within five minutes, and once more when the provider answers 401 (a token
    /// revoked or expired early). A refused refresh (`invalid_grant`) is `unauthorized`, which
    /// makes the connection `reauth_required`.
    func authorized<T>(
        _ connection: CalendarConnection, now: Date, _ body: (ConnectionCredentials) async throws(ProviderError) -> T
    ) async throws(ProviderError) -> T {
        var credentials = try await openCredentials(connection)
        guard case .oauth(let tokens) = credentials else { return try await body(credentials) }
        if tokens.expiresAt.addingTimeInterval(-300) <= now {
            credentials = .oauth(try await refreshTokens(connection, stale: tokens, now: now))
        }
        do {
            return try await body(credentials)
        } catch .unauthorized(let message) {
            guard case .oauth(let used) = credentials else { throw .unauthorized(message) }
            let fresh = try await refreshTokens(connection, stale: used, now: now)
            return try await body(.oauth(fresh))
        }
    }

    /// One refresh per connection at a time: callers that find the same stale token share it,
    /// and the new tokens (Microsoft's rotated refresh token included) are stored before use.
    func refreshTokens(_ connection: CalendarConnection, stale: OAuthTokens, now: Date) async throws(ProviderError) -> OAuthTokens {
        guard let endpoints = oauth.endpoints(connection.provider) else {
            throw .badResponse("\(connection.provider.rawValue) is no longer configured on this server")
        }
        let client = OAuthClient(endpoints: endpoints, http: http(for: connection.provider))
        let store = self.store
        let vault = self.vault
        let result = await refreshes.run(key: connection.id + " " + stale.accessToken) { () async -> Result<OAuthTokens, ProviderError> in
            do throws(ProviderError) {
                let fresh = try await client.refresh(stale, now: now)
                do {
                    try await store.replaceCredentials(connectionId: connection.id, with: vault.seal(.oauth(fresh), connectionId: connection.id))
                } catch {
                    throw ProviderError.unreachable("the refreshed token could not be stored (\(error))")
                }
                return .success(fresh)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
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
            let driver = try requireDriver(for: connection.provider, timeout: settings.liveCheckTimeout)
            var calendars: [(calendar: ConnectedCalendar, floatingZone: ZoneRules)] = []
            for calendar in connection.calendars where calendar.checkForConflicts {
                calendars.append((calendar, try await floatingZone(calendar.timeZone.flatMap(ZoneRules.iana), userId: connection.userId)))
            }
            let timeout = settings.liveCheckTimeout
            let busy = try await authorized(connection, now: now) { auth throws(ProviderError) in
                try await driver.busy(connection, calendars: calendars, window: span, auth: auth, timeout: timeout)
            }
            return busy.values.flatMap { $0 }
        } catch {
            if let lastSync = connection.lastSyncAt, now.timeIntervalSince(lastSync) <= policy.staleAfter { return [] }
            throw ExternalCalendarUnavailable(
                message: "the calendar \(connection.email) could not be checked just now (\(error)); try again in a few minutes")
        }
    }
}

/// Single-flight: concurrent callers with the same key share one run of the work.
actor RefreshGate {
    private var running: [String: Task<Result<OAuthTokens, ProviderError>, Never>] = [:]

    func run(key: String, _ work: @escaping @Sendable () async -> Result<OAuthTokens, ProviderError>) async -> Result<OAuthTokens, ProviderError> {
        if let task = running[key] { return await task.value }
        let task = Task { await work() }
        running[key] = task
        let result = await task.value
        running[key] = nil
        return result
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
