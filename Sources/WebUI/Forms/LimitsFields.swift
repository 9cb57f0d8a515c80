import Availability

/// An event type's limits as form fields, read and drawn under a name prefix, so the event
/// type form (no prefix) and the Limits page (one row per event type) share them. Numbers that
/// are not numbers are reported at the API's paths; the engine's validator does the rest.
struct LimitsFields: Sendable {
    var duration: String
    var slotInterval: String
    var beforeBuffer: String
    var afterBuffer: String
    var minimumNotice: String
    var maxPerDay: String
    var maxPerWeek: String
    var windowKind: String
    var windowDays: String
    var windowStart: String
    var windowEnd: String

    init(_ limits: EventTypeLimits) {
        duration = String(limits.duration)
        slotInterval = limits.slotInterval.map(String.init) ?? ""
        beforeBuffer = String(limits.beforeBuffer)
        afterBuffer = String(limits.afterBuffer)
        minimumNotice = String(limits.minimumNotice)
        maxPerDay = limits.maxBookingsPerDay.map(String.init) ?? ""
        maxPerWeek = limits.maxBookingsPerWeek.map(String.init) ?? ""
        switch limits.bookingWindow {
        case .rolling(let days):
            windowKind = "rolling"
            windowDays = String(days)
            windowStart = ""
            windowEnd = ""
        case .range(let start, let end):
            windowKind = "range"
            windowDays = ""
            windowStart = start
            windowEnd = end
        case nil:
            windowKind = "none"
            windowDays = ""
            windowStart = ""
            windowEnd = ""
        }
    }

    init(form: FormBody, prefix: String) {
        func value(_ name: String) -> String { form[prefix + name] ?? "" }
        duration = value("duration")
        slotInterval = value("slot_interval")
        beforeBuffer = value("before_buffer")
        afterBuffer = value("after_buffer")
        minimumNotice = value("minimum_notice")
        maxPerDay = value("max_per_day")
        maxPerWeek = value("max_per_week")
        windowKind = value("window_kind").isEmpty ? "none" : value("window_kind")
        windowDays = value("window_days")
        windowStart = value("window_start")
        windowEnd = value("window_end")
    }

    /// The limits, or every problem with its API path under `pathPrefix`.
    func limits(pathPrefix: String = "") -> (EventTypeLimits?, [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        func path(_ field: String) -> String { pathPrefix.isEmpty ? field : pathPrefix + "." + field }
        func number(_ text: String, _ field: String, optional: Bool) -> Int? {
            if text.isEmpty {
                if !optional { issues.append(ValidationIssue(path: path(field), message: "is required")) }
                return nil
            }
            guard let value = Int(text) else {
                issues.append(ValidationIssue(path: path(field), message: "\"\(text)\" is not a whole number"))
                return nil
            }
            return value
        }
        let duration = number(duration, "duration", optional: false)
        let interval = number(slotInterval, "slotInterval", optional: true)
        let before = number(beforeBuffer.isEmpty ? "0" : beforeBuffer, "beforeBuffer", optional: false)
        let after = number(afterBuffer.isEmpty ? "0" : afterBuffer, "afterBuffer", optional: false)
        let notice = number(minimumNotice.isEmpty ? "0" : minimumNotice, "minimumNotice", optional: false)
        let perDay = number(maxPerDay, "maxBookingsPerDay", optional: true)
        let perWeek = number(maxPerWeek, "maxBookingsPerWeek", optional: true)
        var window: EventTypeLimits.BookingWindow?
        switch windowKind {
        case "rolling": window = number(windowDays, "bookingWindow.days", optional: false).map { .rolling(days: $0) }
        case "range": window = .range(startDate: windowStart, endDate: windowEnd)
        default: window = nil
        }
        guard issues.isEmpty, let duration else { return (nil, issues) }
        let limits = EventTypeLimits(
            duration: duration, slotInterval: interval, beforeBuffer: before ?? 0, afterBuffer: after ?? 0, minimumNotice: notice ?? 0,
            bookingWindow: window, maxBookingsPerDay: perDay, maxBookingsPerWeek: perWeek)
        do {
            _ = try CompiledLimits(limits, pathPrefix: pathPrefix)
        } catch {
            return (nil, error.issues)
        }
        return (limits, [])
    }

    /// The fields as inputs named `<prefix><field>`, with messages from `errors` at `<pathPrefix>.<apiField>`.
    func views(prefix: String, pathPrefix: String = "", errors: FieldErrors, catalog t: Catalog) -> Views {
        func path(_ field: String) -> String { pathPrefix.isEmpty ? field : pathPrefix + "." + field }
        func field(_ name: String, _ label: String, _ value: String, _ api: String, required: Bool = false) -> FieldView {
            FieldView(
                id: prefix + name, name: prefix + name, label: t[label], value: value, type: "number", error: errors.message(for: path(api)),
                required: required)
        }
        return Views(
            duration: field("duration", "limits_duration", duration, "duration", required: true),
            numbers: [
                field("before_buffer", "limits_before_buffer", beforeBuffer, "beforeBuffer"),
                field("after_buffer", "limits_after_buffer", afterBuffer, "afterBuffer"),
                field("minimum_notice", "limits_minimum_notice", minimumNotice, "minimumNotice"),
                field("slot_interval", "limits_slot_interval", slotInterval, "slotInterval"),
                field("max_per_day", "limits_max_per_day", maxPerDay, "maxBookingsPerDay"),
                field("max_per_week", "limits_max_per_week", maxPerWeek, "maxBookingsPerWeek"),
            ],
            windowKinds: ["none", "rolling", "range"].map { OptionView(value: $0, label: t["limits_window_" + $0], selected: $0 == windowKind) },
            windowName: prefix + "window_kind",
            windowDays: field("window_days", "limits_window_days", windowDays, "bookingWindow.days"),
            windowStart: FieldView(
                id: prefix + "window_start", name: prefix + "window_start", label: t["limits_window_start"], value: windowStart, type: "date",
                error: errors.message(for: path("bookingWindow.startDate"))),
            windowEnd: FieldView(
                id: prefix + "window_end", name: prefix + "window_end", label: t["limits_window_end"], value: windowEnd, type: "date",
                error: errors.message(for: path("bookingWindow.endDate"))))
    }

    struct Views: Sendable {
        var duration: FieldView
        var numbers: [FieldView]
        var windowKinds: [OptionView]
        var windowName: String
        var windowDays: FieldView
        var windowStart: FieldView
        var windowEnd: FieldView
    }

    /// What a user's first event type starts from when they have set nothing.
    static let fallback = EventTypeLimits(duration: 30)
}
