import Foundation

/// A JSON value decoded strictly (true is not 1), for walking the OpenAPI document and checking
/// answers against it.
enum OpenAPIJSON: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([OpenAPIJSON])
    case object([String: OpenAPIJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([OpenAPIJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: OpenAPIJSON].self))
        }
    }

    static func parse(_ text: String) throws -> OpenAPIJSON { try JSONDecoder().decode(OpenAPIJSON.self, from: Data(text.utf8)) }

    subscript(key: String) -> OpenAPIJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [OpenAPIJSON]? {
        if case .array(let values) = self { return values }
        return nil
    }

    var members: [String: OpenAPIJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// Every `$ref` string anywhere inside, with the path where it stands.
    func references(at path: String = "#") -> [(path: String, ref: String)] {
        switch self {
        case .object(let members):
            var found: [(String, String)] = []
            if let ref = members["$ref"]?.string { found.append((path, ref)) }
            for (key, value) in members.sorted(by: { $0.key < $1.key }) { found += value.references(at: "\(path)/\(key)") }
            return found
        case .array(let values):
            return values.enumerated().flatMap { $0.element.references(at: "\(path)/\($0.offset)") }
        default:
            return []
        }
    }
}

/// Checks JSON values against the schemas of an OpenAPI 3.1 document, for the JSON Schema
/// keywords the document uses: `$ref`, `type` (one or a list), `properties`, `required`, `items`,
/// `enum`, `const`, `anyOf`, `oneOf`. It is strict where the document must be complete: a member
/// the schema does not list is a problem, so an undocumented field fails the test.
struct OpenAPISchemaChecker {
    let document: OpenAPIJSON

    /// The value at a local JSON pointer (`#/components/schemas/Schedule`), or nil.
    func resolve(_ ref: String) -> OpenAPIJSON? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: OpenAPIJSON? = document
        for token in ref.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            node = node?[key]
        }
        return node
    }

    /// `node`, or what its `$ref` points to.
    func dereferenced(_ node: OpenAPIJSON?) -> OpenAPIJSON? {
        guard let ref = node?["$ref"]?.string else { return node }
        return resolve(ref)
    }

    /// Every way `value` breaks `schema`, each prefixed with the value's path.
    func problems(_ value: OpenAPIJSON, against schema: OpenAPIJSON, at path: String = "$") -> [String] {
        guard let keywords = schema.members else { return [] }
        var problems: [String] = []
        if let ref = keywords["$ref"]?.string {
            guard let target = resolve(ref) else { return ["\(path): unresolved \(ref)"] }
            problems += self.problems(value, against: target, at: path)
        }
        if let type = keywords["type"] {
            let types = type.array?.compactMap(\.string) ?? [type.string ?? ""]
            if !types.contains(where: { Self.value(value, is: $0) }) { problems.append("\(path): \(Self.describe(value)) is not \(types)") }
        }
        if let allowed = keywords["enum"]?.array, !allowed.contains(value) {
            problems.append("\(path): \(Self.describe(value)) is not one of the enum")
        }
        if let constant = keywords["const"], constant != value { problems.append("\(path): \(Self.describe(value)) is not the constant") }
        if let members = value.members, let properties = keywords["properties"]?.members {
            for key in keywords["required"]?.array?.compactMap(\.string) ?? [] where members[key] == nil {
                problems.append("\(path).\(key): required member missing")
            }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                guard let propertySchema = properties[key] else {
                    problems.append("\(path).\(key): member not in the schema")
                    continue
                }
                problems += self.problems(member, against: propertySchema, at: "\(path).\(key)")
            }
        }
        if let items = value.array, let itemSchema = keywords["items"] {
            for (index, item) in items.enumerated() { problems += self.problems(item, against: itemSchema, at: "\(path)[\(index)]") }
        }
        if let choices = keywords["anyOf"]?.array, !choices.contains(where: { self.problems(value, against: $0, at: path).isEmpty }) {
            problems.append("\(path): matches none of anyOf")
        }
        if let choices = keywords["oneOf"]?.array {
            let matches = choices.filter { self.problems(value, against: $0, at: path).isEmpty }.count
            if matches != 1 { problems.append("\(path): matches \(matches) of oneOf, not exactly one") }
        }
        return problems
    }

    static func value(_ value: OpenAPIJSON, is type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object): return true
        case ("integer", .number(let number)): return number.rounded() == number
        default: return false
        }
    }

    static func describe(_ value: OpenAPIJSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let value): return "\(value)"
        case .number(let value): return "\(value)"
        case .string(let value): return "\"\(value.prefix(40))\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
