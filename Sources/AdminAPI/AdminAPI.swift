import BookingFlow
public import Connections
public import Foundation
public import Hummingbird
public import Store

/// The admin JSON API: mounts every controller under `/api` on a router whose requests have
/// already passed authentication (`mount(on:store:hasher:cache:now:)`).
public enum AdminAPI {
    /// Adds the authenticated API routes to `group` (expected to be `/api`).
    /// - Parameter now: the clock of the booking rules (minimum notice, booking window).
    public static func addRoutes(
        to group: RouterGroup<AppRequestContext>, store: some HorarioStore, connections: ConnectionEngine,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        MeController().addRoutes(to: group.group("me"))
        ScheduleController(store: store).addRoutes(to: group.group("availability/schedules"))
        EventTypeController(store: store).addRoutes(to: group.group("event-types"))
        BookingFeedController(store: store, now: now).addRoutes(to: group)
        CalendarConnectionController(engine: connections, now: now).addRoutes(to: group.group("availability/calendars"))
        BookingController(service: BookingService(store: store, liveCheck: connections), now: now).addRoutes(to: group.group("bookings"))
        OrganizationController(store: store).addRoutes(to: group.group("organizations"))
    }

    /// Adds the public booking API (no credentials) to `group` (expected to be `/api/public`).
    public static func addPublicRoutes(
        to group: RouterGroup<AppRequestContext>, store: some HorarioStore, connections: ConnectionEngine,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        PublicBookingController(service: BookingService(store: store, liveCheck: connections), tokenBox: connections.vault.box, now: now)
            .addRoutes(to: group)
    }
}
