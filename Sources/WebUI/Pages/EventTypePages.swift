import Auth
import Availability
import Foundation
import Hummingbird
import Store

/// Event types: the list and the form in the three sections UI.md settles on (Basics;
/// Availability & location; Limits & destination). The schedule select marks the default, the
/// inherited location is spelled out, and overriding it reveals the same location fields as
/// the schedule form.
struct EventTypePages<Repository: HorarioStore, Parent: ClientAddressRequestContext>: Sendable {
    typealias Context = WebRequestContext<Parent>

    let kit: PageKit
    let store: Repository

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("event-types", use: list)
        group.get("event-types/new", use: newForm)
        group.post("event-types/new", use: create)
        group.get("event-types/:id", use: editForm)
        group.post("event-types/:id", use: update)
        group.post("event-types/:id/delete", use: delete)
    }

    // MARK: - List

    struct ListModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var eventTypes: [Row]
        var isEmpty: Bool
        var hasSchedules: Bool
    }

    struct Row: Sendable {
        var id: String
        var title: String
        var duration: String
        var color: String
        var schedule: String
        var location: String
        var publicPath: String
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let t = context.catalog
        let schedules = Dictionary(try await store.schedules(ownedBy: user.id).map { ($0.id, $0.schedule) }) { first, _ in first }
        let rows = try await store.eventTypes(ownedBy: user.id).map { eventType in
            let schedule = schedules[eventType.scheduleId]
            let scheduleName = schedule.map { $0.name + ($0.isDefault ? " (\(t["badge_default"]))" : "") } ?? ""
            return Row(
                id: eventType.id, title: eventType.title, duration: t.format("minutes_count", ["count": String(eventType.limits.duration)]),
                color: eventType.color ?? "#64748b", schedule: scheduleName,
                location: (eventType.locationOverride ?? schedule?.location).map { LocationText.summary($0, catalog: t) } ?? "",
                publicPath: "/api/public/\(user.username)/\(eventType.slug)/slots")
        }
        let model = ListModel(
            chrome: kit.chrome(context, request, .eventTypes, title: t["event_types_title"]), t: t.strings, eventTypes: rows,
            isEmpty: rows.isEmpty, hasSchedules: !schedules.isEmpty)
        return kit.page("event-types", model)
    }

    // MARK: - Form

    struct FormModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var isNew: Bool
        var action: String
        var id: String
        var title: FieldView
        var slug: FieldView
        var description: String
        var descriptionError: String?
        var color: FieldView
        var schedules: [ScheduleOption]
        var scheduleError: String?
        var inheritedLocation: String
        var overridesLocation: Bool
        var locationTypes: [OptionView]
        var location: ScheduleEditors.LocationParts
        var limits: LimitsFields.Views
        var destinations: [OptionView]
        var destinationError: String?
        var hasConnections: Bool
        var createMeetLink: Bool
        var reminder: FieldView
        var errors: [ErrorLine]
        var hasErrors: Bool
    }

    struct ScheduleOption: Sendable {
        var value: String
        var label: String
        var selected: Bool
        var location: String
    }

    @Sendable func newForm(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        let limits = try await store.defaultLimits(userId: user.id) ?? LimitsFields.fallback
        let draft = Draft(
            title: "", slug: "", description: "", color: "#2563eb", scheduleId: "", overridesLocation: false, location: ScheduleDraft(),
            limits: LimitsFields(limits))
        return try await formPage(request, context, id: nil, draft: draft, errors: FieldErrors())
    }

    @Sendable func editForm(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        guard let eventType = try await store.eventType(id: try context.parameters.require("id"), ownedBy: user.id) else { throw WebNotFound() }
        return try await formPage(request, context, id: eventType.id, draft: Draft(eventType), errors: FieldErrors())
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        try await save(request, context, id: nil)
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> Response {
        try await save(request, context, id: try context.parameters.require("id"))
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireUser()
        try await store.deleteEventType(id: try context.parameters.require("id"), ownedBy: user.id)
        throw WebRedirect(location: "/event-types?notice=notice_event_type_deleted")
    }

    private func save(_ request: Request, _ context: Context, id: String?) async throws -> Response {
        let user = try context.requireUser()
        let draft = Draft(form: context.form)
        let existing = try await id.asyncMap { id in try await store.eventType(id: id, ownedBy: user.id) }
        if id != nil, existing == nil { throw WebNotFound() }
        let (limits, limitIssues) = draft.limits.limits()
        guard let limits else {
            return try await formPage(request, context, id: id, draft: draft, errors: FieldErrors(limitIssues), status: .unprocessableContent)
        }
        let now = Date()
        var eventType =
            existing
            ?? EventType(id: "", userId: user.id, title: "", slug: "", scheduleId: "", limits: limits, createdAt: now, updatedAt: now)
        eventType.title = draft.title
        eventType.slug = draft.slug
        eventType.description = draft.description
        eventType.color = draft.color.isEmpty ? nil : draft.color
        eventType.scheduleId = draft.scheduleId
        eventType.locationOverride = draft.overridesLocation ? draft.location.location : nil
        eventType.limits = limits
        eventType.calendarDestination = draft.calendarDestination
        if draft.reminderMinutes.isEmpty {
            eventType.reminderMinutes = nil
        } else if let minutes = Int(draft.reminderMinutes) {
            eventType.reminderMinutes = minutes
        } else {
            return try await formPage(
                request, context, id: id, draft: draft,
                errors: FieldErrors([
                    ValidationIssue(path: "reminderMinutes", message: "\"\(draft.reminderMinutes)\" is not a whole number of minutes")
                ]),
                status: .unprocessableContent)
        }
        do {
            let saved = id == nil ? try await store.createEventType(eventType) : try await store.updateEventType(eventType)
            throw WebRedirect(location: "/event-types/\(saved.id)?notice=\(id == nil ? "notice_event_type_created" : "notice_saved")")
        } catch StoreError.invalid(let issues) {
            return try await formPage(request, context, id: id, draft: draft, errors: FieldErrors(issues), status: .unprocessableContent)
        } catch StoreError.conflict(let message) {
            var errors = FieldErrors()
            errors.add("slug", message)
            return try await formPage(request, context, id: id, draft: draft, errors: errors, status: .conflict)
        }
    }

    private func formPage(
        _ request: Request, _ context: Context, id: String?, draft: Draft, errors: FieldErrors, status: HTTPResponse.Status = .ok
    )
        async throws -> Response
    {
        let user = try context.requireUser()
        let t = context.catalog
        let schedules = try await store.schedules(ownedBy: user.id)
        let selected = draft.scheduleId.isEmpty ? schedules.first { $0.schedule.isDefault }?.id ?? "" : draft.scheduleId
        let options = schedules.map { stored in
            ScheduleOption(
                value: stored.id, label: stored.schedule.name + (stored.schedule.isDefault ? " (\(t["badge_default"]))" : ""),
                selected: stored.id == selected, location: LocationText.summary(stored.schedule.location, catalog: t))
        }
        var location = ScheduleEditors.location(draft.location, errors: errors, catalog: t, prefix: "locationOverride")
        location.showsVideo = true
        location.showsAddress = true
        location.showsPhone = true
        let model = FormModel(
            chrome: kit.chrome(context, request, .eventTypes, title: id == nil ? t["event_type_new_title"] : draft.title), t: t.strings,
            isNew: id == nil,
            action: id.map { "/event-types/\($0)" } ?? "/event-types/new", id: id ?? "",
            title: FieldView(
                id: "title", name: "title", label: t["event_type_title"], value: draft.title, error: errors.message(for: "title"), required: true),
            slug: FieldView(
                id: "slug", name: "slug", label: t["event_type_slug"], value: draft.slug, error: errors.message(for: "slug"),
                hint: t.format("event_type_slug_hint", ["username": user.username])),
            description: draft.description, descriptionError: errors.message(for: "description"),
            color: FieldView(
                id: "color", name: "color", label: t["event_type_color"], value: draft.color, type: "color", error: errors.message(for: "color")),
            schedules: options, scheduleError: errors.message(for: "scheduleId"),
            inheritedLocation: options.first { $0.selected }?.location ?? "", overridesLocation: draft.overridesLocation,
            locationTypes: Location.Kind.allCases.map {
                OptionView(value: $0.rawValue, label: t["location_type_" + $0.rawValue], selected: $0.rawValue == draft.location.locationType)
            },
            location: location, limits: draft.limits.views(prefix: "", errors: errors, catalog: t),
            destinations: try await destinationOptions(user: user, chosen: draft.destination, catalog: t),
            destinationError: errors.message(for: "calendarDestination"), hasConnections: !(try await store.connections(ownedBy: user.id).isEmpty),
            createMeetLink: draft.createMeetLink,
            reminder: FieldView(
                id: "reminder_minutes", name: "reminder_minutes", label: t["event_type_reminder"], value: draft.reminderMinutes, type: "number",
                error: errors.message(for: "reminderMinutes"), hint: t["event_type_reminder_hint"]),
            errors: errors.summary, hasErrors: !errors.isEmpty)
        return kit.page("event-type", model, status: status)
    }

    /// "Horario only", then every writable calendar of the user's connections, named with its
    /// account and calendar (never a bare "Default": Cal.com #6634).
    func destinationOptions(user: User, chosen: String, catalog t: Catalog) async throws -> [OptionView] {
        var options = [OptionView(value: Draft.appOnly, label: t["destination_app_only"], selected: chosen == Draft.appOnly)]
        for connection in try await store.connections(ownedBy: user.id) {
            for calendar in connection.calendars where calendar.canWrite {
                let value = connection.id + " " + calendar.id
                let name = "\(t["provider_" + connection.provider.rawValue]) \(connection.email): \(calendar.name)"
                options.append(OptionView(value: value, label: t.format("destination_external", ["calendar": name]), selected: chosen == value))
            }
        }
        // A destination whose calendar went away stays visible, so saving does not silently drop it.
        if !options.contains(where: \.selected), chosen != Draft.appOnly {
            options.append(OptionView(value: chosen, label: chosen, selected: true))
        }
        return options
    }

    /// The form as typed.
    struct Draft: Sendable {
        var title: String
        var slug: String
        var description: String
        var color: String
        var scheduleId: String
        var overridesLocation: Bool
        var location: ScheduleDraft
        var limits: LimitsFields
        /// `app-only`, or the connection id and the calendar id separated by a space.
        var destination = Draft.appOnly
        /// Ask the destination's provider for a Meet or Teams link.
        var createMeetLink = false
        /// Minutes before, as typed; empty: no reminder.
        var reminderMinutes = ""

        static var appOnly: String { "app-only" }

        init(
            title: String, slug: String, description: String, color: String, scheduleId: String, overridesLocation: Bool, location: ScheduleDraft,
            limits: LimitsFields
        ) {
            self.title = title
            self.slug = slug
            self.description = description
            self.color = color
            self.scheduleId = scheduleId
            self.overridesLocation = overridesLocation
            self.location = location
            self.limits = limits
        }

        init(_ eventType: EventType) {
            var location = ScheduleDraft()
            if let override = eventType.locationOverride {
                location = ScheduleDraft(schedule: Schedule(timezone: "UTC", availability: [], location: override))
            }
            self.init(
                title: eventType.title, slug: eventType.slug, description: eventType.description, color: eventType.color ?? "",
                scheduleId: eventType.scheduleId, overridesLocation: eventType.locationOverride != nil, location: location,
                limits: LimitsFields(eventType.limits))
            let target = eventType.calendarDestination
            if target.type == .external, let connectionId = target.connectionId, let calendarId = target.calendarId {
                destination = connectionId + " " + calendarId
            }
            createMeetLink = target.createMeetLink == true
            reminderMinutes = eventType.reminderMinutes.map(String.init) ?? ""
        }

        /// The destination chosen in the form.
        var calendarDestination: CalendarDestination {
            let parts = destination.split(separator: " ", maxSplits: 1).map(String.init)
            guard destination != Draft.appOnly, parts.count == 2 else { return .appOnly }
            return CalendarDestination(type: .external, connectionId: parts[0], calendarId: parts[1], createMeetLink: createMeetLink ? true : nil)
        }

        init(form: FormBody) {
            self.init(
                title: form["title"] ?? "", slug: form["slug"] ?? "", description: form["description"] ?? "", color: form["color"] ?? "",
                scheduleId: form["schedule_id"] ?? "", overridesLocation: form.isChecked("override_location"), location: ScheduleDraft(form: form),
                limits: LimitsFields(form: form, prefix: ""))
            destination = form["destination"] ?? Draft.appOnly
            createMeetLink = form.isChecked("create_meet_link")
            reminderMinutes = (form["reminder_minutes"] ?? "").trimmingCharacters(in: .whitespaces)
        }
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
