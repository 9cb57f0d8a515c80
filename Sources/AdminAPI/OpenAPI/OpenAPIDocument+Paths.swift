/// The server's own routes, `/api/me` and the spec's schedule endpoints.
extension OpenAPIDocument {
    static let serverPaths: [String: JSONValue] = [
        "/healthz": pathItem([
            "get": operation(
                "health", tag: "Server", summary: "Liveness check",
                success: ("200", ["description": "The server is up.", "content": ["text/plain": ["schema": ["type": "string", "const": "ok\n"]]]]),
                authenticated: false)
        ]),
        "/metrics": pathItem([
            "get": operation(
                "metrics", tag: "Server", summary: "Prometheus metrics",
                description: "Request counts and durations in the Prometheus text format (0.0.4). Registered only when the server "
                    + "is started with metrics, as `horario serve` does.",
                success: ("200", ["description": "The metrics.", "content": ["text/plain": ["schema": ["type": "string"]]]]),
                authenticated: false)
        ]),
        "/api/openapi.json": pathItem([
            "get": operation(
                "openAPIDocument", tag: "Server", summary: "This document", description: "Readable without credentials.",
                success: ("200", json("The OpenAPI 3.1 document.", ["type": "object"])), authenticated: false)
        ]),
        "/api/me": pathItem([
            "get": operation("me", tag: "Account", summary: "The user the credentials belong to", success: ("200", json("The user.", ref("User"))))
        ]),
    ]

    static let schedulePaths: [String: JSONValue] = [
        "/api/availability/schedules": pathItem([
            "get": operation(
                "listSchedules", tag: "Schedules", summary: "List the caller's schedules", description: "Oldest first.",
                success: ("200", json("The schedules.", arrayOf(ref("Schedule"))))),
            "post": operation(
                "createSchedule", tag: "Schedules", summary: "Create a schedule",
                description: "The user's first schedule becomes the default; `isDefault: true` moves the default here. "
                    + "A CalDAV calendar of the schedule's bookings is created with it.",
                body: ref("CreateSchedule"), success: ("201", created("The new schedule.", ref("Schedule"))), errors: [400, 404, 413, 422]),
        ]),
        "/api/availability/schedules/{id}": pathItem(
            parameters: ["id"],
            [
                "get": operation(
                    "getSchedule", tag: "Schedules", summary: "Get a schedule", success: ("200", json("The schedule.", ref("Schedule"))),
                    errors: [404]),
                "patch": operation(
                    "updateSchedule", tag: "Schedules", summary: "Update a schedule",
                    description: "Present fields replace the stored ones. Clearing `isDefault` on the default schedule is a conflict: "
                        + "set another schedule as default instead.",
                    body: ref("UpdateSchedule"), success: ("200", json("The updated schedule.", ref("Schedule"))), errors: [400, 404, 409, 413, 422]),
                "delete": operation(
                    "deleteSchedule", tag: "Schedules", summary: "Delete a schedule",
                    description: "Refused (409) for the default schedule, for one with bookings, and for one that event types use "
                        + "unless `reassignTo` names another schedule of the caller, which then takes them over.",
                    parameters: [query("reassignTo", ["type": "string"], "A schedule id to move this schedule's event types to.")],
                    success: ("200", deleted), errors: [404, 409]),
            ]),
        "/api/availability/schedules/{id}/set-default": pathItem(
            parameters: ["id"],
            [
                "post": operation(
                    "setDefaultSchedule", tag: "Schedules", summary: "Make a schedule the default",
                    description: "The previous default loses the flag in the same transaction.",
                    success: ("200", json("The new default schedule.", ref("Schedule"))), errors: [404])
            ]),
    ]
}
