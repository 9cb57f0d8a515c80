import Availability
import Foundation
import HTTPTypes

/// Checks a JSON request body against its OpenAPI schema before it is decoded: nesting
/// depth, members the schema does not name (a typo such as `minimumNotise` would otherwise
/// be dropped without a word), and NUL characters in names and strings (which the CalDAV
/// side and C strings would cut short). The document is the one source of the shapes, so the
/// API and `GET /api/openapi.json` cannot drift apart.
enum RequestBodyShape {
    /// Arrays and objects nested deeper than this are refused before anything is parsed; the
    /// API's bodies nest at most four deep.
    static let maxDepth = 32

    /// Throws a 400 for nesting beyond ``maxDepth``, a 422 naming every unknown member and
    /// every NUL; returns quietly for malformed JSON, which the decoder reports with its own 400.
    static func check(_ bytes: Data, schema name: String) throws {
        guard depth(of: bytes) <= maxDepth else {
            throw APIError(
                status: .badRequest, title: "Malformed JSON", detail: "the body nests arrays and objects more than \(maxDepth) deep (the limit)")
        }
        guard let value = try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]), let schema = schemas[name] else {
            return
        }
        var issues: [ValidationIssue] = []
        walk(value, schema: schema, path: "", issues: &issues)
        guard issues.isEmpty else {
            throw APIError(
                status: .unprocessableContent, title: "Invalid request", detail: issues.map(\.description).joined(separator: "; "), errors: issues)
        }
    }

    /// The deepest nesting of `[` and `{` outside strings: a byte scan, no recursion.
    static func depth(of bytes: Data) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    /// The component schemas of the API's OpenAPI document, by name.
    static let schemas: [String: JSONValue] = OpenAPIDocument.document.members?["components"]?.members?["schemas"]?.members ?? [:]

    /// Recursion is bounded: ``check(_:schema:)`` refused bodies deeper than ``maxDepth``.
    private static func walk(_ value: Any, schema: JSONValue, path: String, issues: inout [ValidationIssue]) {
        guard let keywords = resolved(schema).members else { return }
        if let choices = keywords["anyOf"]?.array {
            // `nullable(ref(…))`: null is fine; anything else is read as the referenced shape.
            guard !(value is NSNull) else { return }
            for choice in choices where resolved(choice).members?["type"] != .string("null") {
                walk(value, schema: choice, path: path, issues: &issues)
            }
            return
        }
        if let text = value as? String, text.unicodeScalars.contains("\u{0}") {
            issues.append(ValidationIssue(path: path, message: "must not contain a NUL character"))
        }
        if let members = value as? [String: Any], let properties = keywords["properties"]?.members {
            for key in members.keys.sorted() {
                let memberPath = path.isEmpty ? key : "\(path).\(key)"
                guard !key.unicodeScalars.contains("\u{0}") else {
                    issues.append(ValidationIssue(path: memberPath, message: "a member name must not contain a NUL character"))
                    continue
                }
                guard let memberSchema = properties[key] else {
                    let known = properties.keys.sorted().joined(separator: ", ")
                    issues.append(ValidationIssue(path: memberPath, message: "is not a known field (known: \(known))"))
                    continue
                }
                walk(members[key]!, schema: memberSchema, path: memberPath, issues: &issues)
            }
        }
        if let items = value as? [Any], let itemSchema = keywords["items"] {
            for (index, item) in items.enumerated() { walk(item, schema: itemSchema, path: "\(path)[\(index)]", issues: &issues) }
        }
    }

    private static func resolved(_ schema: JSONValue) -> JSONValue {
        guard case .string(let reference)? = schema.members?["$ref"] else { return schema }
        return schemas[String(reference.split(separator: "/").last ?? "")] ?? schema
    }
}
