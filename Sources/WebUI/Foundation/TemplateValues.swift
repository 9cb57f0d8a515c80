/// A view model turned into dictionaries and arrays once, before rendering. swift-mustache
/// reads structs through `Mirror`, reflecting an object again for every `{{name}}` it looks
/// up (and for every enclosing object a name falls through); dictionaries it reads directly.
/// Reflecting each object once instead made the larger pages several times faster.
enum TemplateValues {
    static func convert(_ value: Any) -> Any {
        switch value {
        case is String, is Bool, is Int, is Double, is [String: String], is [String]:
            return value
        case let optional as any OptionalValue:
            guard let wrapped = optional.wrappedValue else { return value }
            return convert(wrapped)
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection, .set:
            return mirror.children.map { convert($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                // A nil is left out, as reading the struct through Mirror treats it: not there.
                guard let label = child.label else { continue }
                if let optional = child.value as? any OptionalValue, optional.wrappedValue == nil { continue }
                fields[label] = convert(child.value)
            }
            return fields
        default:
            return value
        }
    }
}

/// Lets ``TemplateValues`` see through an `Optional` held as `Any` without reflecting it.
protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    var wrappedValue: Any? { self.map { $0 as Any } }
}
