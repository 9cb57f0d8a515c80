public import Hummingbird
public import Store

/// The admin JSON API: mounts every controller under `/api` on a router whose requests have
/// already passed authentication (see `buildApplication` in the executable).
public enum AdminAPI {
    /// Adds the authenticated API routes to `group` (expected to be `/api`).
    public static func addRoutes(to group: RouterGroup<AppRequestContext>, store: some HorarioStore) {
        MeController().addRoutes(to: group.group("me"))
        ScheduleController(store: store).addRoutes(to: group.group("availability/schedules"))
        EventTypeController(store: store).addRoutes(to: group.group("event-types"))
        BookingController(store: store).addRoutes(to: group.group("bookings"))
        OrganizationController(store: store).addRoutes(to: group.group("organizations"))
    }
}
