import Foundation

/// One language's strings, read once from the package's `Catalogs` resources. Templates read
/// them as `{{t.key}}`; code formats the ones with `{placeholders}`.
public struct Catalog: Sendable {
    public let language: Language
    public let strings: [String: String]

    /// The string for `key`; the key itself when missing (the catalog test keeps that from shipping).
    public subscript(_ key: String) -> String { strings[key] ?? key }

    /// `key`'s string with each `{name}` replaced by `values[name]`.
    func format(_ key: String, _ values: [String: String]) -> String {
        var text = self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The catalog of `language`.
    public static func shared(_ language: Language) -> Catalog {
        switch language {
        case .english: return english
        case .portugueseBrazil: return portugueseBrazil
        }
    }

    private static let english = load(.english)
    private static let portugueseBrazil = load(.portugueseBrazil)

    private static func load(_ language: Language) -> Catalog {
        guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Catalogs"),
            let data = try? Data(contentsOf: url),
            let strings = try? JSONDecoder().decode([String: String].self, from: data)
        else { fatalError("the web UI's catalog \(language.rawValue).json is missing from the package's resources") }
        return Catalog(language: language, strings: strings)
    }
}
