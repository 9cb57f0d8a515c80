import Foundation

/// The languages the web UI speaks. Every string lives in a catalog per language
/// (`Catalogs/<code>.json`); a test fails when their keys differ.
public enum Language: String, CaseIterable, Sendable {
    case english = "en"
    case portugueseBrazil = "pt-BR"

    /// The user's choice, else the first supported language of `Accept-Language`, else English.
    static func negotiate(userChoice: String?, acceptLanguage: String?) -> Language {
        if let userChoice, let chosen = Language(rawValue: userChoice) { return chosen }
        guard let acceptLanguage else { return .english }
        let ranked = acceptLanguage.split(separator: ",").enumerated().compactMap { index, part -> (String, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { return nil }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag.lowercased(), quality, index)
        }
        .filter { $0.1 > 0 }
        .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }
        for (tag, _, _) in ranked {
            if tag.hasPrefix("pt") { return .portugueseBrazil }
            if tag.hasPrefix("en") { return .english }
        }
        return .english
    }

    /// The language's own name, for the Account page's choice.
    var nativeName: String {
        switch self {
        case .english: return "English"
        case .portugueseBrazil: return "Português (Brasil)"
        }
    }

    /// Times of day in 24-hour form ("14:30") rather than 12-hour ("2:30 PM").
    var uses24HourClock: Bool { self == .portugueseBrazil }
}
