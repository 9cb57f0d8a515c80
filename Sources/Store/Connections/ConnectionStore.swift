public import Foundation

/// External calendar connections, their cached busy time and the outbox of bookings to write
/// to them. Every method is one transaction; reads and writes by owner stay within that owner.
public protocol ConnectionStore: Sendable {
    func connections(ownedBy userId: String) async throws -> [CalendarConnection]
    func connection(id: String, ownedBy userId: String) async throws -> CalendarConnection?
    /// The connection of `userId` for that provider and account address, to reconnect in place.
    func connection(ownedBy userId: String, provider: CalendarProviderKind, email: String) async throws -> CalendarConnection?
    /// Inserts, or replaces the credentials, server and calendars of the same account (same
    /// owner, provider and e-mail), keeping each known calendar's choice of conflicts.
    func saveConnection(_ connection: CalendarConnection, credentials: SealedCredentials) async throws -> CalendarConnection
    /// The sealed secrets of a connection (any owner: for the refresher and the workers).
    func credentials(connectionId: String) async throws -> SealedCredentials?
    /// Replaces the sealed secrets (a refreshed token, a rotated key).
    func replaceCredentials(connectionId: String, with credentials: SealedCredentials) async throws
    /// Ids of every connection, with the key their secrets are sealed under (for rotation).
    func sealedConnectionKeys() async throws -> [(connectionId: String, keyId: Int)]
    /// Sets `isActive` and, for the calendars named, `checkForConflicts`; unknown calendar ids are `invalid`.
    func updateConnection(
        id: String, ownedBy userId: String, isActive: Bool?, checkForConflicts: [String: Bool], now: Date
    ) async throws
        -> CalendarConnection
    /// Deletes the connection, its credentials and cached busy time; bookings written through it
    /// keep their record, marked orphaned, and their pending writes are dropped.
    func deleteConnection(id: String, ownedBy userId: String) async throws

    /// Connections the refresher should work on now: active, and due (`nextAttemptAt` past or unset).
    func connectionsDue(at now: Date, limit: Int) async throws -> [CalendarConnection]
    /// Any owner's connection by id (for the workers).
    func connection(id: String) async throws -> CalendarConnection?
    /// After a successful read: the calendars as listed now (choices kept), the busy time of
    /// the calendars read (replacing theirs within `window`), status ok, next run at `next`.
    func recordSync(
        connectionId: String, calendars: [ConnectedCalendar]?, busy: [String: [ExternalBusy]], window: DateInterval, now: Date, next: Date
    ) async throws
    /// After a failed attempt: the problem, the status it leads to and when to try again.
    func recordFailure(connectionId: String, problem: ConnectionProblem, status: ConnectionStatus, next: Date) async throws

    /// The owner's cached busy time in `window`, of active connections and checked calendars.
    func externalBusy(ownedBy userId: String, window: DateInterval) async throws -> [ExternalBusy]

    /// Where each of these bookings was written (for the UI).
    func externalWrites(bookingIds: [String]) async throws -> [String: ExternalWrite]
    /// Writes waiting for the worker whose next attempt is due.
    func externalWritesDue(at now: Date, limit: Int) async throws -> [ExternalWrite]
    /// Records the worker's result for a booking's write.
    func recordExternalWrite(_ write: ExternalWrite) async throws

    /// Keeps an OAuth authorization request: the SHA-256 of its state, who started it, for
    /// which provider, and its PKCE verifier sealed. Expired requests are swept here too.
    func saveOAuthState(
        stateHash: String, userId: String, provider: CalendarProviderKind, sealedVerifier: String, now: Date, ttl: TimeInterval)
        async throws
    /// Takes (reads and deletes, single use) the request with that state hash, if younger than `ttl`.
    func takeOAuthState(
        stateHash: String, now: Date, ttl: TimeInterval
    ) async throws
        -> (userId: String, provider: CalendarProviderKind, sealedVerifier: String)?
}
