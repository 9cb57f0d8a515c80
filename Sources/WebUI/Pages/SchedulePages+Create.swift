import Availability
import Foundation
import Hummingbird
import Store

/// The specification's three-step creation: (1) name, zone, default, location type;
/// (2) weekly hours; (3) location details. Each step posts the whole draft (the other steps'
/// fields ride along as hidden inputs), so Back and Continue keep everything typed, with or
/// without JavaScript; only "Save schedule" writes.
extension SchedulePages {
    struct CreateModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var step: Int
        var stepOne: Bool
        var stepTwo: Bool
        var stepThree: Bool
        var steps: [StepMarker]
        var hidden: [HiddenField]
        var info: ScheduleEditors.Info
        var days: [ScheduleEditors.DayRow]
        var location: ScheduleEditors.LocationParts
        var errors: [ErrorLine]
        var hasErrors: Bool
        var prefillBrowserZone: Bool
        var zonesDatalist: String
    }

    struct StepMarker: Sendable {
        var number: Int
        var label: String
        var current: Bool
        var done: Bool
    }

    @Sendable func newSchedule(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        var draft = ScheduleDraft()
        draft.timezone = user.timeZone
        for index in 0..<5 {
            draft.days[index].isOn = true
            draft.days[index].ranges = [("09:00", "17:00")]
        }
        return try await createPage(request, context, draft: draft, step: 1, errors: FieldErrors(), prefill: true)
    }

    @Sendable func createStep(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let form = context.form
        var draft = ScheduleDraft(form: form)
        let step = min(3, max(1, Int(form["step"] ?? "") ?? 1))
        let action = form["action"] ?? "next"
        if draft.applyEdit(action, form: form) { return try await createPage(request, context, draft: draft, step: step, errors: FieldErrors()) }
        switch action {
        case "back":
            return try await createPage(request, context, draft: draft, step: max(1, step - 1), errors: FieldErrors())
        case "next":
            let errors = stepIssues(draft, step: step)
            if !errors.isEmpty {
                return try await createPage(request, context, draft: draft, step: step, errors: errors, status: .unprocessableContent)
            }
            return try await createPage(request, context, draft: draft, step: min(3, step + 1), errors: FieldErrors())
        default:
            let schedule = draft.applied(to: Schedule(timezone: draft.timezone, availability: []))
            do {
                let created = try await store.createSchedule(schedule, ownedBy: user.id)
                throw WebRedirect(location: "/availability/schedules/\(created.id)?notice=notice_schedule_created")
            } catch StoreError.invalid(let issues) {
                let errors = draft.formPaths(issues)
                let first = issues.first?.path ?? ""
                let errorStep = first.hasPrefix("availability") ? 2 : first.hasPrefix("location") ? 3 : 1
                return try await createPage(request, context, draft: draft, step: errorStep, errors: errors, status: .unprocessableContent)
            }
        }
    }

    /// The validator's findings that concern one step's fields.
    private func stepIssues(_ draft: ScheduleDraft, step: Int) -> FieldErrors {
        let schedule = draft.applied(to: Schedule(timezone: draft.timezone, availability: []))
        var issues = ScheduleValidator.issues(in: schedule)
        if draft.name.trimmingCharacters(in: .whitespaces).isEmpty { issues.insert(ValidationIssue(path: "name", message: "is required"), at: 0) }
        let relevant = issues.filter { issue in
            switch step {
            case 1: return issue.path == "name" || issue.path == "timezone"
            case 2: return issue.path.hasPrefix("availability")
            default: return issue.path.hasPrefix("location")
            }
        }
        return draft.formPaths(relevant)
    }

    private func createPage(
        _ request: Request, _ context: Context, draft: ScheduleDraft, step: Int, errors: FieldErrors, status: HTTPResponse.Status = .ok,
        prefill: Bool = false
    ) async throws -> Response {
        let t = context.catalog
        let organizations = try await store.organizations(memberId: try context.requireUser().id).map {
            (id: $0.organization.id, name: $0.organization.name)
        }
        let model = CreateModel(
            chrome: kit.chrome(context, request, .schedules, title: t["schedule_create_title"]), t: t.strings, step: step, stepOne: step == 1,
            stepTwo: step == 2, stepThree: step == 3,
            steps: [(1, "step_basics"), (2, "step_hours"), (3, "step_location")].map {
                StepMarker(number: $0.0, label: t[$0.1], current: $0.0 == step, done: $0.0 < step)
            },
            hidden: draft.hiddenFields(except: step), info: ScheduleEditors.info(draft, errors: errors, catalog: t, organizations: organizations),
            days: ScheduleEditors.weekly(draft, errors: errors, catalog: t), location: ScheduleEditors.location(draft, errors: errors, catalog: t),
            errors: errors.summary, hasErrors: !errors.isEmpty, prefillBrowserZone: prefill,
            zonesDatalist: TimeZoneNames.datalist)
        return kit.page("schedule-new", model, status: status)
    }
}
