import Availability
import Hummingbird
import Store

/// The event-type endpoints under `/api/event-types`. Objects of other users answer 404, as if
/// they did not exist; the store enforces ownership in every query.
///
/// Bodies are decoded with the context's decoder directly, not `Request.decode(as:context:)`,
/// which turns every `DecodingError` into a bare 400: this way a missing or mistyped field
/// reaches `ProblemDetailsMiddleware` and becomes 422 with its path (over `maxUploadSize`: 413).
struct EventTypeController<Repository: EventTypeStore & ScheduleStore> {
    let store: Repository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: list)
        group.post(use: create)
        group.get(":id", use: get)
        group.patch(":id", use: update)
        group.delete(":id", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONBox<[EventTypeResponse]> {
        let user = try context.requireUser()
        let eventTypes = try await store.eventTypes(ownedBy: user.id)
        // One read of the schedules serves every event type's inherited location.
        let locations = Dictionary(try await store.schedules(ownedBy: user.id).map { ($0.id, $0.schedule.location) }) { first, _ in first }
        return JSONBox(eventTypes.map { EventTypeResponse(eventType: $0, effectiveLocation: $0.locationOverride ?? locations[$0.scheduleId]) })
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> JSONBox<EventTypeResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let eventType = try await store.eventType(id: id, ownedBy: user.id) else { throw StoreError.notFound("event type \(id)") }
        return JSONBox(try await response(for: eventType))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<JSONBox<EventTypeResponse>> {
        let user = try context.requireUser()
        let body = try await request.decodeJSON(as: CreateEventTypeRequest.self, schema: "CreateEventType", context: context)
        let created = try await store.createEventType(body.eventType(for: user))
        return EditedResponse(
            status: .created, headers: [.location: "/api/event-types/\(created.id)"], response: JSONBox(try await response(for: created)))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> JSONBox<EventTypeResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(as: UpdateEventTypeRequest.self, schema: "UpdateEventType", context: context)
        guard let existing = try await store.eventType(id: id, ownedBy: user.id) else { throw StoreError.notFound("event type \(id)") }
        let updated = try await store.updateEventType(body.applied(to: existing))
        return JSONBox(try await response(for: updated))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> JSONBox<SuccessResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        try await store.deleteEventType(id: id, ownedBy: user.id)
        return JSONBox(SuccessResponse(success: true))
    }

    /// The response with the location bookings get: the override, else the schedule's.
    func response(for eventType: EventType) async throws -> EventTypeResponse {
        if let override = eventType.locationOverride { return EventTypeResponse(eventType: eventType, effectiveLocation: override) }
        let schedule = try await store.schedule(id: eventType.scheduleId, ownedBy: eventType.userId)
        return EventTypeResponse(eventType: eventType, effectiveLocation: schedule?.schedule.location)
    }
}
