import Auth
import Availability
import Foundation
import Hummingbird
import Store

/// Availability › Schedules: the list, the three-step creation, the details page with its
/// sections, and set-default / duplicate / delete. Every write goes through the store, which
/// validates as the API does and refuses another user's schedule as not found.
struct SchedulePages<Repository: HorarioStore, Parent: ClientAddressRequestContext>: Sendable {
    typealias Context = WebRequestContext<Parent>

    let kit: PageKit
    let store: Repository
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("availability", use: { _, _ in WebRedirect(location: "/availability/schedules").response })
        group.get("availability/schedules", use: list)
        group.get("availability/schedules/new", use: newSchedule)
        group.post("availability/schedules/new", use: createStep)
        group.get("availability/schedules/:id", use: details)
        group.post("availability/schedules/:id/info", use: saveInfo)
        group.post("availability/schedules/:id/hours", use: saveHours)
        group.post("availability/schedules/:id/location", use: saveLocation)
        group.post("availability/schedules/:id/overrides", use: addOverrides)
        group.post("availability/schedules/:id/overrides/remove", use: removeOverride)
        group.post("availability/schedules/:id/default", use: setDefault)
        group.post("availability/schedules/:id/duplicate", use: duplicate)
        group.get("availability/schedules/:id/delete", use: confirmDelete)
        group.post("availability/schedules/:id/delete", use: delete)
    }

    // MARK: - List

    struct ListModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var schedules: [Row]
        var isEmpty: Bool
    }

    struct Row: Sendable {
        var id: String
        var name: String
        var isDefault: Bool
        var summary: [String]
        var timezone: String
        var locationType: String
        var locationLabel: String
        var usedBy: String?
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let t = context.catalog
        let format = TextFormat(catalog: t)
        async let schedules = store.schedules(ownedBy: user.id)
        async let eventTypes = store.eventTypes(ownedBy: user.id)
        let users = Dictionary(grouping: try await eventTypes, by: \.scheduleId)
        let rows = try await schedules.map { stored in
            let schedule = stored.schedule
            let titles = (users[stored.id] ?? []).map(\.title)
            return Row(
                id: stored.id, name: schedule.name, isDefault: schedule.isDefault,
                summary: WeeklySummary.lines(schedule.availability, format: format), timezone: schedule.timezone,
                locationType: schedule.location.type.rawValue, locationLabel: t["location_type_" + schedule.location.type.rawValue],
                usedBy: titles.isEmpty ? nil : t.format("schedule_used_by", ["titles": titles.joined(separator: ", ")]))
        }
        let model = ListModel(
            chrome: kit.chrome(context, request, .schedules, title: t["schedules_title"]), t: t.strings, schedules: rows, isEmpty: rows.isEmpty)
        return kit.page("schedules", model)
    }

    // MARK: - Set default, duplicate, delete

    @Sendable func setDefault(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        _ = try await store.setDefaultSchedule(id: try context.parameters.require("id"), ownedBy: user.id)
        throw WebRedirect(location: "/availability/schedules?notice=notice_default_set")
    }

    @Sendable func duplicate(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        guard let stored = try await store.schedule(id: try context.parameters.require("id"), ownedBy: user.id) else { throw WebNotFound() }
        var copy = stored.schedule
        copy.id = nil
        copy.isDefault = false
        copy.name = context.catalog.format("schedule_copy_name", ["name": stored.schedule.name])
        let created = try await store.createSchedule(copy, ownedBy: user.id)
        throw WebRedirect(location: "/availability/schedules/\(created.id)?notice=notice_schedule_duplicated")
    }

    struct DeleteModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var id: String
        var name: String
        var isDefault: Bool
        var usedBy: String?
        var replacements: [OptionView]
        var error: String?
    }

    @Sendable func confirmDelete(_ request: Request, context: Context) async throws -> Response {
        try await deletePage(request, context, error: nil, status: .ok)
    }

    private func deletePage(_ request: Request, _ context: Context, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let stored = try await store.schedule(id: id, ownedBy: user.id) else { throw WebNotFound() }
        let t = context.catalog
        let using = try await store.eventTypes(ownedBy: user.id).filter { $0.scheduleId == id }.map(\.title)
        let others = try await store.schedules(ownedBy: user.id).filter { $0.id != id }
        let model = DeleteModel(
            chrome: kit.chrome(context, request, .schedules, title: t["schedule_delete_title"]), t: t.strings, id: id, name: stored.schedule.name,
            isDefault: stored.schedule.isDefault,
            usedBy: using.isEmpty ? nil : t.format("schedule_used_by", ["titles": using.joined(separator: ", ")]),
            replacements: others.map {
                OptionView(
                    value: $0.id, label: $0.schedule.name + ($0.schedule.isDefault ? " (\(t["badge_default"]))" : ""), selected: $0.schedule.isDefault
                )
            },
            error: error)
        return kit.page("schedule-delete", model, status: status)
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let replacement = context.form["reassign_to"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            try await store.deleteSchedule(id: id, ownedBy: user.id, reassignTo: replacement)
        } catch StoreError.conflict(let message) {
            return try await deletePage(request, context, error: message, status: .conflict)
        } catch StoreError.invalid(let issues) {
            return try await deletePage(request, context, error: issues.map(\.message).joined(separator: "; "), status: .unprocessableContent)
        }
        throw WebRedirect(location: "/availability/schedules?notice=notice_schedule_deleted")
    }
}
