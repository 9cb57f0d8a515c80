/// Checks the values the engine relies on, after the tree is built.
///
/// Strict mode turns the first problem into an error with its line; lenient mode records
/// each as a warning and keeps the raw value, so events are still recovered.
enum ValueValidator {
    static func validate(_ calendar: inout ParsedCalendar, mode: ParseMode) throws(ICalendarError) {
        var context = Context(mode: mode)
        for component in calendar.components {
            try context.check(component, parent: nil)
        }
        calendar.warnings += context.warnings
        calendar.warnings.sort { $0.line < $1.line }
    }

    private struct Context {
        let mode: ParseMode
        var warnings: [ParseWarning] = []

        /// A defect whose meaning is unambiguous: noted in both modes, never fatal.
        mutating func note(_ error: ICalendarError) {
            warnings.append(ParseWarning(line: error.line, message: error.message))
        }

        mutating func report(_ error: ICalendarError) throws(ICalendarError) {
            guard mode == .lenient else { throw error }
            var defect: ParseWarning.Defect?
            if case .invalidValue(_, let property, _) = error { defect = .invalidValue(property: property) }
            warnings.append(ParseWarning(line: error.line, message: error.message, defect: defect))
        }

        mutating func check(_ component: Component, parent: Component?) throws(ICalendarError) {
            if component.name == "VCALENDAR", component.properties.isEmpty, component.components.isEmpty {
                note(.structure(line: component.line, message: "VCALENDAR is empty (RFC 5545 requires PRODID, VERSION and a component)"))
            }
            for property in component.properties {
                try check(property, in: component)
            }
            try checkUntilType(component)
            for child in component.components {
                try check(child, parent: component)
            }
        }

        mutating func check(_ property: Property, in component: Component) throws(ICalendarError) {
            if Self.typedProperties.contains(property.name), ContentLineParser.trimmed(property.value[...]).count != property.value.count {
                // Benign (the value is read trimmed): an error only in strict mode.
                let error = ICalendarError.invalidValue(line: property.line, property: property.name, message: "whitespace around the value")
                if mode == .strict { throw error }
                note(error)
            }
            do throws(ICalendarError) {
                switch property.name {
                case "DTSTART", "DTEND", "DUE", "RECURRENCE-ID":
                    let value = try property.dateOrDateTime()
                    try checkDeclaredType(property, isDate: value.isDate)
                case "DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED":
                    let value = try property.dateOrDateTime()
                    if value.isDate { try report(.invalidValue(line: property.line, property: property.name, message: "must be a DATE-TIME")) }
                case "EXDATE":
                    guard !property.value.isEmpty else { throw emptyValue(property) }
                    let values = try property.dateList()
                    if let first = values.first { try checkDeclaredType(property, isDate: first.isDate) }
                case "RDATE":
                    guard !property.value.isEmpty else { throw emptyValue(property) }
                    if let type = property.valueType, !["DATE", "DATE-TIME", "PERIOD"].contains(type) {
                        throw ICalendarError.invalidValue(
                            line: property.line, property: property.name, message: "VALUE=\(type) is not allowed (DATE, DATE-TIME or PERIOD)")
                    }
                    _ = try property.recurrenceDates()
                case "RRULE", "EXRULE":
                    do throws(ICalendarError) {
                        _ = try property.recurrenceRule(lenient: false)
                    } catch {
                        // A rule that only lenient reading accepts is a warning in lenient mode.
                        guard mode == .lenient else { throw error }
                        _ = try property.recurrenceRule(lenient: true)
                        warnings.append(ParseWarning(line: property.line, message: "RRULE repaired: \(error.message)"))
                    }
                case "DURATION":
                    let duration = try property.duration()
                    if abs(duration.days) > 3_660_000 {
                        throw ICalendarError.invalidValue(
                            line: property.line, property: property.name, message: "duration is beyond any representable date")
                    }
                case "TRIGGER":
                    if property.valueType == "DATE-TIME" {
                        _ = try property.dateOrDateTime()
                    } else if let type = property.valueType, type != "DURATION" {
                        throw ICalendarError.invalidValue(
                            line: property.line, property: property.name, message: "VALUE=\(type) is not allowed (DURATION or DATE-TIME)")
                    } else {
                        _ = try property.duration()
                    }
                case "TZOFFSETFROM", "TZOFFSETTO":
                    _ = try property.utcOffset()
                case "FREEBUSY":
                    _ = try property.periods()
                case "SEQUENCE", "PRIORITY", "PERCENT-COMPLETE", "REPEAT":
                    _ = try property.integer()
                case "IMAGE", "ATTACH":
                    if let type = property.valueType, type != "URI", type != "BINARY" {
                        throw ICalendarError.invalidValue(
                            line: property.line, property: property.name, message: "VALUE=\(type) is not allowed (URI or BINARY)")
                    }
                default:
                    break
                }
            } catch {
                try report(error)
            }
        }

        /// A DATE without `VALUE=DATE` is invalid (the default type is DATE-TIME) but common.
        mutating func checkDeclaredType(_ property: Property, isDate: Bool) throws(ICalendarError) {
            if isDate, property.valueType != "DATE" {
                note(.invalidValue(line: property.line, property: property.name, message: "DATE value without VALUE=DATE"))
            }
        }

        /// RFC 5545 §3.3.10: UNTIL must have DTSTART's value type. Recurrence reads a mismatched
        /// UNTIL unambiguously (a DATE as the end of that day), so this is a warning.
        mutating func checkUntilType(_ component: Component) throws(ICalendarError) {
            guard let start = component.property("DTSTART"), let startValue = try? start.dateOrDateTime() else { return }
            for rule in component.properties(named: "RRULE") {
                guard let parsed = try? rule.recurrenceRule(lenient: true), let until = parsed.until else { continue }
                if until.isDate != startValue.isDate {
                    note(
                        .invalidValue(
                            line: rule.line, property: "RRULE",
                            message: "UNTIL must have the same value type as DTSTART (\(startValue.isDate ? "DATE" : "DATE-TIME"))"))
                }
            }
        }

        /// Properties whose values have a grammar without spaces.
        static let typedProperties: Set<String> = [
            "DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED", "EXDATE", "RDATE", "RRULE", "DURATION",
            "TZOFFSETFROM", "TZOFFSETTO",
        ]

        func emptyValue(_ property: Property) -> ICalendarError {
            .invalidValue(line: property.line, property: property.name, message: "empty value")
        }
    }
}
