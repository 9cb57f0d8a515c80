public import ICalendar

extension ComponentSelection {
    /// `component` reduced to what this selection asks for (RFC 4791 §9.6.1–9.6.4): exactly
    /// the listed properties (in their stored order) and sub-components, nothing added.
    public func apply(to component: Component) -> Component {
        var result = Component(name: component.name, line: component.line)
        switch properties {
        case .all:
            result.properties = component.properties
        case .named(let requests):
            for property in component.properties {
                guard let request = requests.first(where: { $0.name == property.name }) else { continue }
                var kept = property
                if request.noValue { kept.value = "" }
                result.properties.append(kept)
            }
        }
        switch components {
        case .all:
            result.components = component.components
        case .named(let selections):
            for child in component.components {
                guard let selection = selections.first(where: { $0.name == child.name }) else { continue }
                result.components.append(selection.apply(to: child))
            }
        }
        return result
    }
}
