import Availability
import Foundation
import Hummingbird
import ICalendar
import Store

/// A schedule's details in the specification's sections — Edit Info, Weekly Hours, Date
/// Overrides, Location — each its own form, so saving one never sends the others. A refused
/// section comes back with its messages and what was typed; the others show what is stored.
extension SchedulePages {
    struct DetailsModel: Sendable {
        var chrome: Chrome
        var t: [String: String]
        var id: String
        var name: String
        var isDefault: Bool
        var summary: [String]
        var usedBy: String?
        var info: ScheduleEditors.Info
        var infoErrors: [ErrorLine]
        var days: [ScheduleEditors.DayRow]
        var hoursErrors: [ErrorLine]
        var location: ScheduleEditors.LocationParts
        var zonesDatalist: String
        var locationErrors: [ErrorLine]
        var calendar: OverrideCalendar
        var month: String
        var overrides: [OverrideRow]
        var hasOverrides: Bool
        var overrideErrors: [ErrorLine]
        var overrideReason: String
        var overrideCustom: Bool
        var overrideRanges: [ScheduleEditors.RangeRow]
    }

    struct OverrideRow: Sendable {
        var date: String
        var label: String
        var kind: String
        var hours: String?
        var reason: String?
    }

    /// Which section a re-rendered page carries a draft and messages for.
    enum EditedSection {
        case none, info, hours, location, overrides
    }

    @Sendable func details(_ request: Request, context: Context) async throws -> Response {
        try await detailsPage(request, context, draft: nil, section: .none, errors: FieldErrors())
    }

    func detailsPage(
        _ request: Request, _ context: Context, draft edited: ScheduleDraft?, section: EditedSection, errors: FieldErrors,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let stored = try await store.schedule(id: id, ownedBy: user.id) else { throw WebNotFound() }
        let schedule = stored.schedule
        let t = context.catalog
        let format = TextFormat(catalog: t)
        let storedDraft = ScheduleDraft(schedule: schedule)
        let none = FieldErrors()
        let infoDraft = section == .info ? edited ?? storedDraft : storedDraft
        let hoursDraft = section == .hours ? edited ?? storedDraft : storedDraft
        let locationDraft = section == .location ? edited ?? storedDraft : storedDraft
        // Every kind's fields are drawn; the stylesheet shows those of the checked kind, so
        // switching needs neither a script nor a round trip.
        var location = ScheduleEditors.location(locationDraft, errors: section == .location ? errors : none, catalog: t)
        location.showsVideo = true
        location.showsAddress = true
        location.showsPhone = true
        let using = try await store.eventTypes(ownedBy: user.id).filter { $0.scheduleId == id }.map(\.title)
        let organizations = try await store.organizations(memberId: user.id).map { (id: $0.organization.id, name: $0.organization.name) }
        let zone = ZoneRules.iana(schedule.timezone) ?? .fixed(identifier: "UTC", offset: 0)
        let today = zone.local(for: Instant(now())).date
        let shown = OverrideCalendar.month(request.uri.queryParameters.get("month") ?? context.form["month"]) ?? (today.year, today.month)
        let upcoming = schedule.dateOverrides.filter { (ScheduleValidator.date($0.date) ?? today) >= today }.sorted { $0.date < $1.date }
        let ranges =
            section == .overrides
            ? context.form.values("override_start").indices.map { index in
                (
                    context.form.values("override_start")[index],
                    index < context.form.values("override_end").count ? context.form.values("override_end")[index] : ""
                )
            } : [("09:00", "17:00")]
        let model = DetailsModel(
            chrome: kit.chrome(context, request, .schedules, title: schedule.name), t: t.strings, id: id, name: schedule.name,
            isDefault: schedule.isDefault, summary: WeeklySummary.lines(schedule.availability, format: format),
            usedBy: using.isEmpty ? nil : t.format("schedule_used_by", ["titles": using.joined(separator: ", ")]),
            info: ScheduleEditors.info(infoDraft, errors: section == .info ? errors : none, catalog: t, organizations: organizations),
            infoErrors: section == .info ? errors.summary : [],
            days: ScheduleEditors.weekly(hoursDraft, errors: section == .hours ? errors : none, catalog: t),
            hoursErrors: section == .hours ? errors.summary : [],
            location: location, zonesDatalist: TimeZoneNames.datalist,
            locationErrors: section == .location ? errors.summary : [],
            calendar: OverrideCalendar(year: shown.year, month: shown.month, today: today, overrides: schedule.dateOverrides, format: format),
            month: String(format: "%04d-%02d", shown.year, shown.month),
            overrides: upcoming.map { override in
                OverrideRow(
                    date: override.date, label: ScheduleValidator.date(override.date).map(format.longDate) ?? override.date,
                    kind: t["override_kind_" + override.type.rawValue],
                    hours: override.type == .custom
                        ? (override.slots ?? []).map { "\(format.time($0.startTime))–\(format.time($0.endTime))" }.joined(separator: ", ") : nil,
                    reason: override.reason)
            },
            hasOverrides: !upcoming.isEmpty, overrideErrors: section == .overrides ? errors.summary : [],
            overrideReason: section == .overrides ? context.form["reason"] ?? "" : "",
            overrideCustom: section == .overrides && context.form["override_type"] == "custom",
            overrideRanges: (ranges.isEmpty ? [("09:00", "17:00")] : ranges).enumerated().map { index, range in
                ScheduleEditors.RangeRow(
                    day: "override", dayLabel: t["override_custom_hours"], index: index, number: index + 1, start: range.0, end: range.1)
            })
        return kit.page("schedule", model, status: status)
    }

    // MARK: - Section saves

    /// Stores `change(stored)` or re-renders `section` with the validator's messages.
    private func save(
        _ request: Request, _ context: Context, section: EditedSection, draft: ScheduleDraft?, notice: String,
        change: (Schedule) throws -> Schedule
    ) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let stored = try await store.schedule(id: id, ownedBy: user.id) else { throw WebNotFound() }
        let changed = try change(stored.schedule)
        do {
            _ = try await store.updateSchedule(changed, ownedBy: user.id)
        } catch StoreError.invalid(let issues) {
            let errors = draft?.formPaths(issues) ?? FieldErrors(issues)
            return try await detailsPage(request, context, draft: draft, section: section, errors: errors, status: .unprocessableContent)
        }
        let anchor = section == .overrides ? "#overrides" : section == .hours ? "#hours" : section == .location ? "#location" : ""
        let month = context.form["month"].map { "&month=\($0)" } ?? ""
        throw WebRedirect(location: "/availability/schedules/\(id)?notice=\(notice)\(month)\(anchor)")
    }

    @Sendable func saveInfo(_ request: Request, context: Context) async throws -> Response {
        let form = context.form
        return try await save(request, context, section: .info, draft: ScheduleDraft(form: form), notice: "notice_saved") { schedule in
            var result = schedule
            result.name = form["name"] ?? ""
            result.timezone = form["timezone"] ?? ""
            if let organization = form["organization_id"] { result.organizationId = organization.isEmpty ? nil : organization }
            return result
        }
    }

    @Sendable func saveHours(_ request: Request, context: Context) async throws -> Response {
        let form = context.form
        var draft = ScheduleDraft(form: form)
        if let action = form["action"], draft.applyEdit(action, form: form) {
            return try await detailsPage(request, context, draft: draft, section: .hours, errors: FieldErrors())
        }
        return try await save(request, context, section: .hours, draft: draft, notice: "notice_saved") { schedule in
            var result = schedule
            result.availability = draft.availability().hours
            return result
        }
    }

    @Sendable func saveLocation(_ request: Request, context: Context) async throws -> Response {
        let draft = ScheduleDraft(form: context.form)
        return try await save(request, context, section: .location, draft: draft, notice: "notice_saved") { schedule in
            var result = schedule
            result.location = draft.location
            return result
        }
    }

    @Sendable func addOverrides(_ request: Request, context: Context) async throws -> Response {
        let form = context.form
        let dates = Array(Set(form.values("dates").filter { !$0.isEmpty })).sorted()
        let custom = form["override_type"] == "custom"
        let starts = form.values("override_start")
        let ends = form.values("override_end")
        let slots = starts.indices.compactMap { index -> TimeSlot? in
            let end = index < ends.count ? ends[index] : ""
            return starts[index].isEmpty && end.isEmpty ? nil : TimeSlot(startTime: starts[index], endTime: end)
        }
        let reason = form["reason"].flatMap { $0.isEmpty ? nil : $0 }
        if dates.isEmpty {
            var errors = FieldErrors()
            errors.add("dates", context.catalog["override_pick_dates"])
            return try await detailsPage(request, context, draft: nil, section: .overrides, errors: errors, status: .unprocessableContent)
        }
        return try await save(request, context, section: .overrides, draft: nil, notice: "notice_override_added") { schedule in
            var result = schedule
            result.dateOverrides.removeAll { dates.contains($0.date) }
            result.dateOverrides += dates.map {
                DateOverride(date: $0, type: custom ? .custom : .unavailable, slots: custom ? slots : nil, reason: reason)
            }
            result.dateOverrides.sort { $0.date < $1.date }
            return result
        }
    }

    @Sendable func removeOverride(_ request: Request, context: Context) async throws -> Response {
        let date = context.form["date"] ?? ""
        return try await save(request, context, section: .overrides, draft: nil, notice: "notice_override_removed") { schedule in
            var result = schedule
            result.dateOverrides.removeAll { $0.date == date }
            return result
        }
    }
}
