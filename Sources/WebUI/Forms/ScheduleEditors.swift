import Availability

/// The view models of the schedule form's parts — weekly hours, basic info, location — shared
/// by the create wizard and the schedule's details page.
enum ScheduleEditors {
    struct DayRow: Sendable {
        var key: String
        var label: String
        var isOn: Bool
        var ranges: [RangeRow]
        var error: String?
        var copyTargets: [OptionView]
    }

    struct RangeRow: Sendable {
        var day: String
        var dayLabel: String
        var index: Int
        var number: Int
        var start: String
        var end: String
        var startError: String?
        var endError: String?
    }

    static func weekly(_ draft: ScheduleDraft, errors: FieldErrors, catalog t: Catalog) -> [DayRow] {
        draft.days.map { day in
            let label = t["day_" + day.key]
            // A day that is off still draws a row (hidden by CSS until switched on), so switching it on
            // needs no round trip and no script.
            let rows = day.ranges.isEmpty ? [("09:00", "17:00")] : day.ranges
            return DayRow(
                key: day.key, label: label, isOn: day.isOn,
                ranges: rows.enumerated().map { index, range in
                    RangeRow(
                        day: day.key, dayLabel: label, index: index, number: index + 1, start: range.0, end: range.1,
                        startError: errors.message(for: "\(day.key)[\(index)].start") ?? errors.message(for: "\(day.key)[\(index)]"),
                        endError: errors.message(for: "\(day.key)[\(index)].end"))
                },
                error: errors.messages(exactly: day.key),
                copyTargets: Weekdays.keys.filter { $0 != day.key }.map { OptionView(value: $0, label: t["day_" + $0], selected: false) })
        }
    }

    struct Info: Sendable {
        var name: FieldView
        var timezone: FieldView
        var isDefault: Bool
        var locationTypes: [OptionView]
        /// "Personal" and the user's organizations; empty when they belong to none.
        var organizations: [OptionView]
        var hasOrganizations: Bool
    }

    static func info(_ draft: ScheduleDraft, errors: FieldErrors, catalog t: Catalog, organizations: [(id: String, name: String)] = []) -> Info {
        Info(
            name: FieldView(
                id: "name", name: "name", label: t["schedule_name"], value: draft.name, error: errors.message(for: "name"), required: true),
            timezone: FieldView(
                id: "timezone", name: "timezone", label: t["schedule_timezone"], value: draft.timezone, error: errors.message(for: "timezone"),
                required: true, hint: t["schedule_timezone_hint"]),
            isDefault: draft.isDefault,
            locationTypes: Location.Kind.allCases.map {
                OptionView(value: $0.rawValue, label: t["location_type_" + $0.rawValue], selected: $0.rawValue == draft.locationType)
            },
            organizations: organizations.isEmpty
                ? []
                : [OptionView(value: "", label: t["schedule_personal"], selected: draft.organizationId.isEmpty)]
                    + organizations.map { OptionView(value: $0.id, label: $0.name, selected: $0.id == draft.organizationId) },
            hasOrganizations: !organizations.isEmpty)
    }

    struct LocationParts: Sendable {
        var showsVideo: Bool
        var showsAddress: Bool
        var showsPhone: Bool
        var videoProviders: [OptionView]
        var videoLink: FieldView
        var addressError: String?
        var address: [FieldView]
        var phone: [FieldView]
    }

    static func location(_ draft: ScheduleDraft, errors: FieldErrors, catalog t: Catalog, prefix: String = "location") -> LocationParts {
        let kind = Location.Kind(rawValue: draft.locationType) ?? .remote
        func field(
            _ name: String, _ label: String, _ value: String, path: String, required: Bool = false, type: String = "text", autocomplete: String? = nil
        )
            -> FieldView
        {
            FieldView(
                id: name, name: name, label: t[label], value: value, type: type, error: errors.message(for: "\(prefix).\(path)"), required: required,
                autocomplete: autocomplete)
        }
        return LocationParts(
            showsVideo: kind == .remote || kind == .hybrid, showsAddress: kind == .inPerson || kind == .hybrid, showsPhone: kind == .phone,
            videoProviders: [OptionView(value: "", label: t["video_provider_none"], selected: draft.videoProvider.isEmpty)]
                + Location.VideoProvider.allCases.map {
                    OptionView(value: $0.rawValue, label: t["video_provider_" + $0.rawValue], selected: $0.rawValue == draft.videoProvider)
                },
            videoLink: field("video_link", "location_video_link", draft.videoLink, path: "videoLink", type: "url"),
            addressError: errors.messages(exactly: "\(prefix).address"),
            address: [
                field("location_name", "location_name", draft.locationName, path: "address.name", autocomplete: "organization"),
                field("street", "location_street", draft.street, path: "address.street", required: true, autocomplete: "address-line1"),
                field("suite", "location_suite", draft.suite, path: "address.suite", autocomplete: "address-line2"),
                field("city", "location_city", draft.city, path: "address.city", required: true, autocomplete: "address-level2"),
                field("state", "location_state", draft.state, path: "address.state", autocomplete: "address-level1"),
                field(
                    "postal_code", "location_postal_code", draft.postalCode, path: "address.postalCode", required: true, autocomplete: "postal-code"),
                field("country", "location_country", draft.country, path: "address.country", required: true, autocomplete: "country-name"),
                field("additional_info", "location_additional_info", draft.additionalInfo, path: "address.additionalInfo"),
            ],
            phone: [
                field("phone_number", "location_phone_number", draft.phoneNumber, path: "phoneNumber", required: true, type: "tel"),
                field("phone_instructions", "location_phone_instructions", draft.phoneInstructions, path: "phoneInstructions"),
            ])
    }
}

extension FieldErrors {
    /// The messages at exactly `path` (not beneath it).
    func messages(exactly path: String) -> String? {
        let found = summary.filter { $0.field == path }.map(\.message)
        return found.isEmpty ? nil : found.joined(separator: "; ")
    }
}
