import Availability
import Hummingbird
import Store

/// A member's clinic schedule as the clinic's owners and admins edit it: name, zone and weekly
/// hours, with the same editor (and the same validator) as the member's own page.
extension OrganizationPages {
    struct MemberScheduleModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var organizationId: String
        var organizationName: String
        var scheduleId: String
        var heading: String
        var info: ScheduleEditors.Info
        var days: [ScheduleEditors.DayRow]
        var zonesDatalist: String
        var errors: [ErrorLine]
        var hasErrors: Bool
    }

    @Sendable func memberSchedule(_ request: Request, context: Context) async throws -> Response {
        try await memberSchedulePage(request, context, draft: nil, errors: FieldErrors(), status: .ok)
    }

    @Sendable func saveMemberSchedule(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let entry = try await entry(context)
        let form = context.form
        var draft = ScheduleDraft(form: form)
        if let action = form["action"], draft.applyEdit(action, form: form) {
            return try await memberSchedulePage(request, context, draft: draft, errors: FieldErrors(), status: .ok)
        }
        var schedule = entry.schedule.schedule
        schedule.name = draft.name
        schedule.timezone = draft.timezone
        schedule.availability = draft.availability().hours
        do {
            _ = try await store.updateSchedule(schedule, ofOrganization: id, by: user.id)
        } catch StoreError.invalid(let issues) {
            return try await memberSchedulePage(request, context, draft: draft, errors: draft.formPaths(issues), status: .unprocessableContent)
        }
        throw WebRedirect(location: "/organizations/\(id)/schedules/\(entry.schedule.id)?notice=notice_saved")
    }

    /// The schedule named in the path, if the caller may manage it (the store says 403 or 404 otherwise).
    private func entry(_ context: Context) async throws -> OrganizationSchedule {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let scheduleId = try context.parameters.require("scheduleId")
        let entries: [OrganizationSchedule]
        do {
            entries = try await store.schedules(ofOrganization: id, by: user.id)
        } catch is OrganizationAccessError {
            throw WebNotFound()
        }
        guard let entry = entries.first(where: { $0.schedule.id == scheduleId }) else { throw WebNotFound() }
        return entry
    }

    private func memberSchedulePage(
        _ request: Request, _ context: Context, draft edited: ScheduleDraft?, errors: FieldErrors, status: HTTPResponse.Status
    )
        async throws -> Response
    {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let entry = try await entry(context)
        guard let membership = try await store.organization(id: id, memberId: user.id) else { throw WebNotFound() }
        let t = context.catalog
        let draft = edited ?? ScheduleDraft(schedule: entry.schedule.schedule)
        let heading = t.format("organization_schedule_title", ["name": entry.schedule.schedule.name, "owner": entry.ownerName])
        let model = MemberScheduleModel(
            chrome: kit.chrome(context, request, .organizations, title: heading), t: t.strings, organizationId: id,
            organizationName: membership.organization.name, scheduleId: entry.schedule.id, heading: heading,
            info: ScheduleEditors.info(draft, errors: errors, catalog: t), days: ScheduleEditors.weekly(draft, errors: errors, catalog: t),
            zonesDatalist: TimeZoneNames.datalist, errors: errors.summary, hasErrors: !errors.isEmpty)
        return kit.page("organization-schedule", model, status: status)
    }
}
