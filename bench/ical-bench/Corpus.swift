import Foundation
import ICalendar

/// The `.ics` files of the corpus manifest, loaded into memory.
struct Corpus {
    /// One input file: its path relative to the corpus folder and its bytes.
    struct File {
        let path: String
        let bytes: [UInt8]
    }

    private struct Manifest: Decodable {
        struct Entry: Decodable {
            let path: String
            let kind: String
        }

        let files: [Entry]
    }

    /// Every `.ics` path of `manifest.json`, in manifest order.
    static func manifestPaths(corpus: String) throws -> [String] {
        let url = URL(fileURLWithPath: corpus).appendingPathComponent("manifest.json")
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingManifest(path: url.path) }
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
        return manifest.files.filter { $0.kind == "ics" && $0.path.hasSuffix(".ics") }.map(\.path)
    }

    /// The paths listed one per line in `listFile` (blank lines and `#` comments skipped).
    static func listedPaths(listFile: String) throws -> [String] {
        let text = try String(contentsOfFile: listFile, encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Reads the files at `paths` below `corpus`.
    static func load(corpus: String, paths: [String]) throws -> [File] {
        let base = URL(fileURLWithPath: corpus)
        return try paths.map { path in
            File(path: path, bytes: [UInt8](try Data(contentsOf: base.appendingPathComponent(path))))
        }
    }

    /// Parses (lenient) and serializes `file`; returns the output size, or the parser's error.
    static func roundTrip(_ file: File) -> Result<Int, ICalendarError> {
        do throws(ICalendarError) {
            let parsed = try ICalendarParser.parse(bytes: file.bytes, mode: .lenient)
            return .success(ICalendarSerializer.serialize(parsed.components).utf8.count)
        } catch {
            return .failure(error)
        }
    }
}

/// The corpus folder has no `manifest.json`.
struct MissingManifest: Error, CustomStringConvertible {
    let path: String

    var description: String { "no corpus manifest at \(path) (pass the corpus folder as the first argument)" }
}
