public import Availability
import Foundation

/// Accounts and credentials. Every method is one transaction.
public protocol UserStore: Sendable {
    /// Creates a user; `conflict` when the username or e-mail is taken.
    func createUser(_ user: NewUser, passwordHash: String) async throws -> User
    func user(id: String) async throws -> User?
    func user(username: String) async throws -> User?
    func users() async throws -> [User]
    func userCount() async throws -> Int
    /// The user and their stored password hash, for verification.
    func credentials(username: String) async throws -> (user: User, passwordHash: String)?
    func setPasswordHash(_ hash: String, username: String) async throws
    /// Stores a token by its hash; the token itself is shown once and never stored.
    func createToken(userId: String, name: String, tokenHash: String) async throws -> APIToken
    func user(tokenHash: String) async throws -> User?
}

/// Schedules by owner. Writes keep "exactly one default schedule per user" in one transaction,
/// and the database enforces it too.
public protocol ScheduleStore: Sendable {
    func schedules(ownedBy userId: String) async throws -> [StoredSchedule]
    /// nil when it does not exist or belongs to someone else.
    func schedule(id: String, ownedBy userId: String) async throws -> StoredSchedule?
    /// Inserts; the user's first schedule becomes the default, and `isDefault: true` moves the default here.
    func createSchedule(_ schedule: Schedule, ownedBy userId: String) async throws -> StoredSchedule
    /// Replaces the schedule's fields (not its id or owner).
    func updateSchedule(_ schedule: Schedule, ownedBy userId: String) async throws -> StoredSchedule
    /// Refuses to delete the default schedule (`conflict`) and one that event types use, unless
    /// `reassignTo` names another of the user's schedules, which then takes them over.
    func deleteSchedule(id: String, ownedBy userId: String, reassignTo: String?) async throws
    func setDefaultSchedule(id: String, ownedBy userId: String) async throws -> StoredSchedule
}

/// Event types by owner.
public protocol EventTypeStore: Sendable {
    func eventTypes(ownedBy userId: String) async throws -> [EventType]
    func eventType(id: String, ownedBy userId: String) async throws -> EventType?
    func eventType(slug: String, username: String) async throws -> EventType?
    /// `conflict` for a slug the user already has; `notFound` for a schedule of someone else.
    func createEventType(_ eventType: EventType) async throws -> EventType
    func updateEventType(_ eventType: EventType) async throws -> EventType
    func deleteEventType(id: String, ownedBy userId: String) async throws
}

/// Bookings by owner: the read side (writes: ``BookingFlowStore``).
public protocol BookingStore: Sendable {
    func bookings(ownedBy userId: String, matching query: BookingQuery) async throws -> [Booking]
    /// How many bookings `query` matches, ignoring its page (`limit`, `offset`).
    func bookingCount(ownedBy userId: String, matching query: BookingQuery) async throws -> Int
    func booking(id: String, ownedBy userId: String) async throws -> Booking?
    /// The bare insert under the booking flow, with the booking's calendar object: checks only
    /// what the data requires (event type and schedule of `booking.userId`, `start < end`,
    /// unique id and uid), not availability or limits. For imports, demo data and tests.
    func recordBooking(_ booking: Booking) async throws
}

/// Everything the server needs from storage.
public typealias HorarioStore = UserStore & AccountStore & ScheduleStore & EventTypeStore & BookingStore & BookingFlowStore & OrganizationStore
    & ConnectionStore & BookingMessageStore
