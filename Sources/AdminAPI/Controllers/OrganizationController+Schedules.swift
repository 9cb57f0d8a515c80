import Availability
import Foundation
import Hummingbird
import Store

/// `/api/organizations/:id/schedules`: the members' schedules that belong to the clinic, which
/// its owners and admins may read and edit (the owner's default flag is theirs alone).
extension OrganizationController {
    @Sendable func schedules(_ request: Request, context: AppRequestContext) async throws -> JSONBox<[OrganizationScheduleResponse]> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        return JSONBox(try await store.schedules(ofOrganization: id, by: user.id).map(OrganizationScheduleResponse.init))
    }

    @Sendable func updateSchedule(_ request: Request, context: AppRequestContext) async throws -> JSONBox<OrganizationScheduleResponse> {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let scheduleId = try context.parameters.require("scheduleId")
        let body = try await request.decodeJSON(as: UpdateScheduleRequest.self, schema: "UpdateSchedule", context: context)
        guard let existing = try await store.schedules(ofOrganization: id, by: user.id).first(where: { $0.schedule.id == scheduleId }) else {
            throw StoreError.notFound("schedule \(scheduleId)")
        }
        let stored = try await store.updateSchedule(body.applied(to: existing.schedule.schedule), ofOrganization: id, by: user.id)
        return JSONBox(
            OrganizationScheduleResponse(OrganizationSchedule(ownerUsername: existing.ownerUsername, ownerName: existing.ownerName, schedule: stored))
        )
    }
}

/// A member's schedule with its owner: the `Schedule` JSON plus `ownerUsername` and `ownerName`.
struct OrganizationScheduleResponse: Encodable, Sendable {
    var entry: OrganizationSchedule

    init(_ entry: OrganizationSchedule) { self.entry = entry }

    enum Extra: String, CodingKey { case ownerUsername, ownerName }

    func encode(to encoder: any Encoder) throws {
        try ScheduleResponse(stored: entry.schedule).encode(to: encoder)
        var container = encoder.container(keyedBy: Extra.self)
        try container.encode(entry.ownerUsername, forKey: .ownerUsername)
        try container.encode(entry.ownerName, forKey: .ownerName)
    }
}
