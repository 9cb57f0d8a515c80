/// Event types and bookings.
extension OpenAPIDocument {
    static let eventTypePaths: [String: JSONValue] = [
        "/api/event-types": pathItem([
            "get": operation(
                "listEventTypes", tag: "Event types", summary: "List the caller's event types",
                success: ("200", json("The event types.", arrayOf(ref("EventType"))))),
            "post": operation(
                "createEventType", tag: "Event types", summary: "Create an event type",
                description: "Without `scheduleId` the caller's default schedule is used; without `slug` one is made from the title. "
                    + "An `external` calendar destination is refused until calendar connections exist.",
                body: ref("CreateEventType"), success: ("201", created("The new event type.", ref("EventType"))), errors: [400, 404, 409, 413, 422]),
        ]),
        "/api/event-types/{id}": pathItem(
            parameters: ["id"],
            [
                "get": operation(
                    "getEventType", tag: "Event types", summary: "Get an event type", success: ("200", json("The event type.", ref("EventType"))),
                    errors: [404]),
                "patch": operation(
                    "updateEventType", tag: "Event types", summary: "Update an event type",
                    description: "Present fields replace the stored ones; `null` clears an optional field.",
                    body: ref("UpdateEventType"), success: ("200", json("The updated event type.", ref("EventType"))),
                    errors: [400, 404, 409, 413, 422]),
                "delete": operation(
                    "deleteEventType", tag: "Event types", summary: "Delete an event type", success: ("200", deleted), errors: [404, 409]),
            ]),
        "/api/bookings": pathItem([
            "get": operation(
                "listBookings", tag: "Bookings", summary: "List the caller's bookings",
                description: "The calendar view's query: bookings overlapping [from, to), by start time. Every filter is optional; "
                    + "an empty value counts as absent, and an id of someone else's schedule or event type matches nothing.",
                parameters: [
                    query("from", string(format: "date-time"), "Start of the window (RFC 3339)."),
                    query("to", string(format: "date-time"), "End of the window (RFC 3339); not before `from`."),
                    query("status", oneOfStrings(["confirmed", "cancelled"]), "Only bookings with this status."),
                    query("scheduleId", ["type": "string"], "Only bookings on this schedule."),
                    query("eventTypeId", ["type": "string"], "Only bookings of this event type."),
                ],
                success: ("200", json("The bookings.", arrayOf(ref("Booking")))), errors: [422])
        ]),
        "/api/bookings/{id}": pathItem(
            parameters: ["id"],
            [
                "get": operation(
                    "getBooking", tag: "Bookings", summary: "Get a booking", success: ("200", json("The booking.", ref("Booking"))), errors: [404])
            ]),
        "/api/bookings/{id}/cancel": pathItem(
            parameters: ["id"],
            [
                "post": operation(
                    "cancelBooking", tag: "Bookings", summary: "Cancel a booking",
                    description: "Status `cancelled`, the reason kept, SEQUENCE + 1; the booking's object leaves its CalDAV calendar in the "
                        + "same transaction. The body is optional; cancelling a cancelled booking answers it unchanged.",
                    body: ref("CancelBooking"), success: ("200", json("The cancelled booking.", ref("Booking"))), errors: [400, 404, 413, 422])
            ]),
        "/api/bookings/{id}/reschedule": pathItem(
            parameters: ["id"],
            [
                "post": operation(
                    "rescheduleBooking", tag: "Bookings", summary: "Move a booking",
                    description: "The expert's decision: hours, limits and buffers do not apply, but the new time may not overlap another "
                        + "confirmed booking (409). Without `end` the length is kept. The CalDAV object follows (new ETag, SEQUENCE + 1).",
                    body: ref("RescheduleBooking"), success: ("200", json("The moved booking.", ref("Booking"))), errors: [400, 404, 409, 413, 422])
            ]),
        "/api/bookings.ics": pathItem([
            "get": operation(
                "bookingsFeed", tag: "Bookings", summary: "Every schedule's confirmed bookings as one iCalendar feed",
                description: "For calendar apps that subscribe to a URL. Bookings that end after `from` (default: a year ago).",
                parameters: [query("from", string(format: "date-time"), "Only bookings that end after this instant.")],
                success: ("200", calendarText("The feed.")), errors: [422])
        ]),
        "/api/availability/schedules/{id}/bookings.ics": pathItem(
            parameters: ["id"],
            [
                "get": operation(
                    "scheduleBookingsFeed", tag: "Bookings", summary: "One schedule's confirmed bookings as an iCalendar feed",
                    parameters: [query("from", string(format: "date-time"), "Only bookings that end after this instant.")],
                    success: ("200", calendarText("The feed.")), errors: [404, 422])
            ]),
    ]

    /// A `text/calendar` answer (RFC 5545).
    static func calendarText(_ description: String) -> JSONValue {
        ["description": .string(description), "content": ["text/calendar": ["schema": ["type": "string"]]]]
    }
}
