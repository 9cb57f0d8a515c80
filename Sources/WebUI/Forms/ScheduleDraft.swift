import Availability

/// A schedule's form as typed: the create wizard carries it from step to step in hidden fields,
/// and every edit re-renders it with the validator's messages beside the fields. Converting to
/// a ``Schedule`` remembers which row became which `availability[i].slots[j]`, so a message at
/// that path lands beside the row the user typed.
struct ScheduleDraft: Sendable {
    struct Day: Sendable {
        var key: String
        var isOn: Bool
        var ranges: [(start: String, end: String)]
    }

    var name = ""
    var timezone = ""
    var isDefault = false
    var locationType = Location.Kind.remote.rawValue
    /// The organization (clinic) the schedule belongs to; empty for a personal one.
    var organizationId = ""
    var days: [Day] = Weekdays.keys.map { Day(key: $0, isOn: false, ranges: []) }
    var videoProvider = ""
    var videoLink = ""
    var phoneNumber = ""
    var phoneInstructions = ""
    var locationName = ""
    var street = ""
    var suite = ""
    var city = ""
    var state = ""
    var postalCode = ""
    var country = ""
    var additionalInfo = ""

    init() {}

    /// The fields a form posted; absent groups keep their defaults.
    init(form: FormBody) {
        name = form["name"] ?? ""
        timezone = form["timezone"] ?? ""
        isDefault = form.isChecked("is_default")
        locationType = form["location_type"] ?? Location.Kind.remote.rawValue
        organizationId = form["organization_id"] ?? ""
        days = Weekdays.keys.map { key in
            let starts = form.values(key + "_start")
            let ends = form.values(key + "_end")
            let ranges = (0..<max(starts.count, ends.count)).map { index in
                (index < starts.count ? starts[index] : "", index < ends.count ? ends[index] : "")
            }
            return Day(key: key, isOn: form.isChecked(key + "_on"), ranges: ranges)
        }
        videoProvider = form["video_provider"] ?? ""
        videoLink = form["video_link"] ?? ""
        phoneNumber = form["phone_number"] ?? ""
        phoneInstructions = form["phone_instructions"] ?? ""
        locationName = form["location_name"] ?? ""
        street = form["street"] ?? ""
        suite = form["suite"] ?? ""
        city = form["city"] ?? ""
        state = form["state"] ?? ""
        postalCode = form["postal_code"] ?? ""
        country = form["country"] ?? ""
        additionalInfo = form["additional_info"] ?? ""
    }

    /// The form of a stored schedule.
    init(schedule: Schedule) {
        name = schedule.name
        timezone = schedule.timezone
        isDefault = schedule.isDefault
        locationType = schedule.location.type.rawValue
        organizationId = schedule.organizationId ?? ""
        let byDay = Dictionary(schedule.availability.map { ($0.day.lowercased(), $0.slots) }, uniquingKeysWith: +)
        days = Weekdays.keys.map { key in
            let slots = byDay[key] ?? []
            return Day(key: key, isOn: !slots.isEmpty, ranges: slots.map { ($0.startTime, $0.endTime) })
        }
        let location = schedule.location
        videoProvider = location.videoProvider?.rawValue ?? ""
        videoLink = location.videoLink ?? ""
        phoneNumber = location.phoneNumber ?? ""
        phoneInstructions = location.phoneInstructions ?? ""
        if let address = location.address {
            locationName = address.name ?? ""
            street = address.street
            city = address.city
            state = address.state
            postalCode = address.postalCode
            country = address.country
            // The spec's model keeps the suite in `additionalInfo`: its first line here.
            let info = (address.additionalInfo ?? "").split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            suite = info.first ?? ""
            additionalInfo = info.count > 1 ? info[1] : ""
        }
    }

    /// The weekly hours as the API's `availability`, and for each of its entries the weekday
    /// index and, for each slot, the row it came from. Rows left empty are dropped; a day that
    /// is on keeps its rows even when they are wrong, so the validator can say so.
    func availability() -> (hours: [WeeklyHours], rows: [(day: Int, rows: [Int])]) {
        var hours: [WeeklyHours] = []
        var rows: [(Int, [Int])] = []
        for (dayIndex, day) in days.enumerated() where day.isOn {
            let kept = day.ranges.enumerated().filter { !($0.element.start.isEmpty && $0.element.end.isEmpty) }
            guard !kept.isEmpty else { continue }
            hours.append(WeeklyHours(day: day.key, slots: kept.map { TimeSlot(startTime: $0.element.start, endTime: $0.element.end) }))
            rows.append((dayIndex, kept.map(\.offset)))
        }
        return (hours, rows)
    }

    var location: Location {
        let kind = Location.Kind(rawValue: locationType) ?? .remote
        var location = Location(type: kind)
        if kind == .remote || kind == .hybrid {
            location.videoProvider = Location.VideoProvider(rawValue: videoProvider)
            location.videoLink = videoLink.isEmpty ? nil : videoLink
        }
        if kind == .phone {
            location.phoneNumber = phoneNumber.isEmpty ? nil : phoneNumber
            location.phoneInstructions = phoneInstructions.isEmpty ? nil : phoneInstructions
        }
        if kind == .inPerson || kind == .hybrid {
            let info = [suite, additionalInfo].contains { !$0.isEmpty } ? (additionalInfo.isEmpty ? suite : suite + "\n" + additionalInfo) : nil
            location.address = Location.Address(
                name: locationName.isEmpty ? nil : locationName, street: street, city: city, state: state, postalCode: postalCode,
                country: country, additionalInfo: info)
        }
        return location
    }

    /// `base` with this draft's fields.
    func applied(to base: Schedule) -> Schedule {
        var schedule = base
        schedule.name = name
        schedule.timezone = timezone
        schedule.isDefault = isDefault || base.isDefault
        schedule.organizationId = organizationId.isEmpty ? nil : organizationId
        schedule.availability = availability().hours
        schedule.location = location
        return schedule
    }

    /// The validator's paths rewritten to the form's own (`availability[1].slots[0].endTime` →
    /// `tuesday[0].end`), so templates find each message by its row.
    func formPaths(_ issues: [ValidationIssue]) -> FieldErrors {
        let rows = availability().rows
        var errors = FieldErrors()
        for issue in issues {
            errors.add(formPath(issue.path, rows: rows), issue.message)
        }
        return errors
    }

    private func formPath(_ path: String, rows: [(day: Int, rows: [Int])]) -> String {
        guard path.hasPrefix("availability[") else { return path }
        let scanner = path.dropFirst("availability[".count)
        guard let close = scanner.firstIndex(of: "]"), let index = Int(scanner[..<close]), index < rows.count else { return "availability" }
        let day = days[rows[index].day].key
        let rest = scanner[scanner.index(after: close)...]
        guard rest.hasPrefix(".slots[") else { return day }
        let inner = rest.dropFirst(".slots[".count)
        guard let slotClose = inner.firstIndex(of: "]"), let slot = Int(inner[..<slotClose]), slot < rows[index].rows.count else { return day }
        let field = inner[inner.index(after: slotClose)...]
        let suffix = field.hasPrefix(".startTime") ? ".start" : field.hasPrefix(".endTime") ? ".end" : ""
        return "\(day)[\(rows[index].rows[slot])]\(suffix)"
    }

    // MARK: - Editing without JavaScript

    /// Applies an edit button of the weekly editor: `add:<day>`, `remove:<day>:<row>`,
    /// `copy:<day>` (to the days ticked in `copy_<day>`). Returns false for any other action.
    mutating func applyEdit(_ action: String, form: FormBody) -> Bool {
        let parts = action.split(separator: ":").map(String.init)
        guard parts.count >= 2, let dayIndex = Weekdays.keys.firstIndex(of: parts[1]) else { return false }
        switch parts[0] {
        case "add":
            let previousEnd = days[dayIndex].ranges.last?.end ?? ""
            let start = previousEnd.isEmpty ? "09:00" : previousEnd
            days[dayIndex].isOn = true
            days[dayIndex].ranges.append((start, Self.hourAfter(start)))
        case "remove":
            guard parts.count == 3, let row = Int(parts[2]), days[dayIndex].ranges.indices.contains(row) else { return false }
            days[dayIndex].ranges.remove(at: row)
            if days[dayIndex].ranges.isEmpty { days[dayIndex].isOn = false }
        case "copy":
            for target in form.values("copy_" + parts[1]) {
                guard let targetIndex = Weekdays.keys.firstIndex(of: target), targetIndex != dayIndex else { continue }
                days[targetIndex].isOn = days[dayIndex].isOn
                days[targetIndex].ranges = days[dayIndex].ranges
            }
        default:
            return false
        }
        return true
    }

    /// `"09:30"` → `"10:30"`, at most `"24:00"`.
    static func hourAfter(_ time: String) -> String {
        let parts = time.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2 else { return "" }
        let minutes = min(24 * 60, parts[0] * 60 + parts[1] + 60)
        let hour = minutes / 60
        let minute = minutes % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// Each field as a hidden input, so the wizard's other steps keep what was typed.
    var hiddenFields: [HiddenField] {
        var fields: [HiddenField] = [
            HiddenField(name: "name", value: name), HiddenField(name: "timezone", value: timezone),
            HiddenField(name: "location_type", value: locationType), HiddenField(name: "organization_id", value: organizationId),
            HiddenField(name: "video_provider", value: videoProvider), HiddenField(name: "video_link", value: videoLink),
            HiddenField(name: "phone_number", value: phoneNumber), HiddenField(name: "phone_instructions", value: phoneInstructions),
            HiddenField(name: "location_name", value: locationName), HiddenField(name: "street", value: street),
            HiddenField(name: "suite", value: suite), HiddenField(name: "city", value: city), HiddenField(name: "state", value: state),
            HiddenField(name: "postal_code", value: postalCode), HiddenField(name: "country", value: country),
            HiddenField(name: "additional_info", value: additionalInfo),
        ]
        if isDefault { fields.append(HiddenField(name: "is_default", value: "on")) }
        for day in days {
            if day.isOn { fields.append(HiddenField(name: day.key + "_on", value: "on")) }
            for range in day.ranges {
                fields.append(HiddenField(name: day.key + "_start", value: range.start))
                fields.append(HiddenField(name: day.key + "_end", value: range.end))
            }
        }
        return fields
    }

    /// Only the fields of `step`'s inputs are left out of ``hiddenFields`` on that step.
    func hiddenFields(except step: Int) -> [HiddenField] {
        let stepOne: Set = ["name", "timezone", "location_type", "is_default", "organization_id"]
        let stepThree: Set = [
            "video_provider", "video_link", "phone_number", "phone_instructions", "location_name", "street", "suite", "city", "state",
            "postal_code", "country", "additional_info",
        ]
        return hiddenFields.filter { field in
            switch step {
            case 1: return !stepOne.contains(field.name)
            case 2: return !Weekdays.keys.contains { field.name.hasPrefix($0 + "_") }
            default: return !stepThree.contains(field.name)
            }
        }
    }
}

/// A hidden input of a multi-step form.
struct HiddenField: Sendable {
    var name: String
    var value: String
}
