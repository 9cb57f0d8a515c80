import Availability
import Hummingbird
import Store

/// The spec's schedule endpoints under `/api/availability/schedules`.
struct ScheduleController<Repository: ScheduleStore> {
    let store: Repository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(use: list)
        group.post(use: create)
        group.get(":id", use: get)
        group.patch(":id", use: update)
        group.delete(":id", use: delete)
        group.post(":id/set-default", use: setDefault)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONBox<[ScheduleResponse]> {
        let user = try context.requireUser()
        return JSONBox(try await store.schedules(ownedBy: user.id).map { ScheduleResponse(stored: $0) })
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> ScheduleResponseBox {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let stored = try await store.schedule(id: id, ownedBy: user.id) else { throw StoreError.notFound("schedule \(id)") }
        return ScheduleResponseBox(ScheduleResponse(stored: stored))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ScheduleResponseBox> {
        let user = try context.requireUser()
        let body = try await request.decodeJSON(as: CreateScheduleRequest.self, schema: "CreateSchedule", context: context)
        let stored = try await store.createSchedule(body.schedule(for: user), ownedBy: user.id)
        return EditedResponse(
            status: .created, headers: [.location: "/api/availability/schedules/\(stored.id)"],
            response: ScheduleResponseBox(ScheduleResponse(stored: stored)))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> ScheduleResponseBox {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(as: UpdateScheduleRequest.self, schema: "UpdateSchedule", context: context)
        guard let existing = try await store.schedule(id: id, ownedBy: user.id) else { throw StoreError.notFound("schedule \(id)") }
        let stored = try await store.updateSchedule(body.applied(to: existing.schedule), ownedBy: user.id)
        return ScheduleResponseBox(ScheduleResponse(stored: stored))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> SuccessResponseBox {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        try await store.deleteSchedule(id: id, ownedBy: user.id, reassignTo: request.uri.queryParameters.get("reassignTo"))
        return SuccessResponseBox(SuccessResponse(success: true))
    }

    @Sendable func setDefault(_ request: Request, context: AppRequestContext) async throws -> ScheduleResponseBox {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        return ScheduleResponseBox(ScheduleResponse(stored: try await store.setDefaultSchedule(id: id, ownedBy: user.id)))
    }
}
