import Foundation

/// Locates test data: the shared corpus beside the repository (`../shared/fixtures`), or
/// where `HORARIO_SHARED` points, and this package's own `fixtures/`.
enum Fixtures {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `shared/fixtures`, the corpus the team shares; never copied into the repository.
    static let shared: URL = {
        if let override = ProcessInfo.processInfo.environment["HORARIO_SHARED"] {
            return URL(fileURLWithPath: override).appendingPathComponent("fixtures")
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    }()

    /// The project's own small fixtures.
    static let local: URL = packageRoot.appendingPathComponent("fixtures")

    static func data(_ url: URL) throws -> Data { try Data(contentsOf: url) }
}
