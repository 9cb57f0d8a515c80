import Auth
import Availability
import Hummingbird
import Store

/// Availability › Limits: buffers, minimum notice, slot interval, daily and weekly maximums and
/// the booking window of every event type on one page, and the values new event types start
/// from. One Save checks every row first and writes only when all are valid.
struct LimitsPage<Repository: HorarioStore, Parent: ClientAddressRequestContext>: Sendable {
    typealias Context = WebRequestContext<Parent>

    let kit: PageKit
    let store: Repository

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("availability/limits", use: show)
        group.post("availability/limits", use: save)
    }

    struct Model: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var rows: [Row]
        var defaults: LimitsFields.Views
        var errors: [ErrorLine]
        var hasErrors: Bool
    }

    struct Row: Sendable {
        var id: String
        var title: String
        var limits: LimitsFields.Views
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let eventTypes = try await store.eventTypes(ownedBy: user.id)
        let defaults = try await store.defaultLimits(userId: user.id) ?? LimitsFields.fallback
        return page(
            request, context, eventTypes: eventTypes, fields: Dictionary(uniqueKeysWithValues: eventTypes.map { ($0.id, LimitsFields($0.limits)) }),
            defaults: LimitsFields(defaults), errors: FieldErrors(), status: .ok)
    }

    @Sendable func save(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let eventTypes = try await store.eventTypes(ownedBy: user.id)
        let form = context.form
        var fields: [String: LimitsFields] = [:]
        var parsed: [(EventType, EventTypeLimits)] = []
        var issues: [ValidationIssue] = []
        for eventType in eventTypes {
            let row = LimitsFields(form: form, prefix: eventType.id + "_")
            fields[eventType.id] = row
            let (limits, rowIssues) = row.limits(pathPrefix: eventType.id)
            issues += rowIssues
            if let limits { parsed.append((eventType, limits)) }
        }
        let defaultFields = LimitsFields(form: form, prefix: "default_")
        let (defaults, defaultIssues) = defaultFields.limits(pathPrefix: "default")
        issues += defaultIssues
        guard issues.isEmpty, let defaults else {
            return page(
                request, context, eventTypes: eventTypes, fields: fields, defaults: defaultFields, errors: FieldErrors(issues),
                status: .unprocessableContent)
        }
        for (eventType, limits) in parsed where eventType.limits != limits {
            var changed = eventType
            changed.limits = limits
            _ = try await store.updateEventType(changed)
        }
        try await store.setDefaultLimits(defaults, userId: user.id)
        throw WebRedirect(location: "/availability/limits?notice=notice_saved")
    }

    private func page(
        _ request: Request, _ context: Context, eventTypes: [EventType], fields: [String: LimitsFields], defaults: LimitsFields, errors: FieldErrors,
        status: HTTPResponse.Status
    ) -> Response {
        let t = context.catalog
        let model = Model(
            chrome: kit.chrome(context, request, .limits, title: t["limits_title"]), t: t.strings,
            rows: eventTypes.map { eventType in
                Row(
                    id: eventType.id, title: eventType.title,
                    limits: (fields[eventType.id] ?? LimitsFields(eventType.limits)).views(
                        prefix: eventType.id + "_", pathPrefix: eventType.id, errors: errors, catalog: t))
            },
            defaults: defaults.views(prefix: "default_", pathPrefix: "default", errors: errors, catalog: t), errors: errors.summary,
            hasErrors: !errors.isEmpty)
        return kit.page("limits", model, status: status)
    }
}
