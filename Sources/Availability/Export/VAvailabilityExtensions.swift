import ICalendar

/// What the `X-HORARIO-*` properties of a VAVAILABILITY say; every member is nil or empty
/// when the property is absent (a foreign VAVAILABILITY).
struct VAvailabilityExtensions {
    /// One `X-HORARIO-OVERRIDE`: the type and reason of a date override.
    struct OverrideNote {
        var date: CalendarDate
        var type: DateOverride.Kind
        var reason: String?
    }

    var timezone: String?
    var location: Location?
    var isDefault: Bool?
    var isActive: Bool?
    var scheduleID: String?
    var userID: String?
    var organizationID: String?
    var overrides: [OverrideNote] = []

    init() {}

    /// Reads the X- properties of `component`; unreadable ones add issues named after the
    /// property (`x-horario-override[1]`).
    init(component: Component, issues: inout [ValidationIssue]) {
        typealias Name = VAvailabilityCodec.PropertyName
        timezone = component.property(Name.timezone)?.text
        if let property = component.property(Name.location) {
            location = VAvailabilityCodec.location(json: property.text)
            if location == nil {
                issues.append(ValidationIssue(path: Name.location.lowercased(), message: "is not a location in JSON (the spec's Location object)"))
            }
        }
        func flag(_ name: String) -> Bool? {
            guard let property = component.property(name) else { return nil }
            do {
                return try property.boolean()
            } catch {
                issues.append(ValidationIssue(path: name.lowercased(), message: error.message))
                return nil
            }
        }
        isDefault = flag(Name.isDefault)
        isActive = flag(Name.isActive)
        scheduleID = component.property(Name.scheduleID)?.text
        userID = component.property(Name.userID)?.text
        organizationID = component.property(Name.organizationID)?.text
        for (index, property) in component.properties(named: Name.override).enumerated() {
            let path = "\(Name.override.lowercased())[\(index)]"
            guard case .date(let date)? = try? property.dateOrDateTime() else {
                issues.append(ValidationIssue(path: path, message: "\"\(property.value)\" is not a DATE (YYYYMMDD)"))
                continue
            }
            guard let type = property.parameter("TYPE").flatMap({ DateOverride.Kind(rawValue: $0.lowercased()) }) else {
                issues.append(ValidationIssue(path: path + ".type", message: "TYPE must be unavailable or custom"))
                continue
            }
            // A reason with an unquoted comma arrives as several values; it is one text.
            let reason = property.parameters.first { $0.name == "REASON" }?.values.joined(separator: ",")
            overrides.append(OverrideNote(date: date, type: type, reason: reason))
        }
    }
}
