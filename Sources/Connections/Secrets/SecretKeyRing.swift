public import Auth
import Foundation

/// Where the key that seals connection secrets comes from (CONNECTIONS.md §4.1). There is no
/// built-in key: `HORARIO_SECRET_KEYS_FILE` (a ring, `id:base64` lines, current first),
/// `HORARIO_SECRET_KEY_FILE` (32 raw bytes, base64 text, or a ring) or `HORARIO_SECRET_KEY`
/// (base64); with none of them, a ring file beside the database, created with mode 0600 on
/// first start so that `horario serve` keeps needing no set-up.
public enum SecretKeyRing {
    public struct Loaded: Sendable {
        public var box: SecretBox
        /// Where it came from, for the log (never the key).
        public var source: String
        /// The file, when the ring is one (`keys rotate` rewrites it).
        public var file: String?
        public var created: Bool
    }

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .unreadable(let message), .invalid(let message): return message
            }
        }
    }

    /// The default ring file of a database: `<database>.key`.
    public static func defaultFile(forDatabase path: String) -> String { path + ".key" }

    public static func load(environment: [String: String], defaultFile: String, create: Bool) throws(Failure) -> Loaded {
        if let file = environment["HORARIO_SECRET_KEYS_FILE"], !file.isEmpty {
            return Loaded(box: try ring(fromFile: file), source: "HORARIO_SECRET_KEYS_FILE", file: file, created: false)
        }
        if let file = environment["HORARIO_SECRET_KEY_FILE"], !file.isEmpty {
            return Loaded(box: try ring(fromFile: file), source: "HORARIO_SECRET_KEY_FILE", file: file, created: false)
        }
        if let text = environment["HORARIO_SECRET_KEY"], !text.isEmpty {
            guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
                let key = SecretBox.Key(id: 1, bytes: [UInt8](bytes))
            else { throw .invalid("HORARIO_SECRET_KEY must be 32 bytes in base64 (openssl rand -base64 32)") }
            return Loaded(box: SecretBox(keys: [key]), source: "HORARIO_SECRET_KEY", file: nil, created: false)
        }
        if FileManager.default.fileExists(atPath: defaultFile) {
            return Loaded(box: try ring(fromFile: defaultFile), source: defaultFile, file: defaultFile, created: false)
        }
        guard create else { throw .unreadable("no secret key: set HORARIO_SECRET_KEY_FILE or HORARIO_SECRET_KEY (\(defaultFile) does not exist)") }
        let key = SecretBox.Key(id: 1, bytes: SecureRandom.bytes(count: 32))!
        try write([key], to: defaultFile)
        return Loaded(box: SecretBox(keys: [key]), source: defaultFile, file: defaultFile, created: true)
    }

    /// A ring file's keys: `id:base64` lines, or a single key as 32 raw bytes or base64.
    public static func ring(fromFile path: String) throws(Failure) -> SecretBox {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable("cannot read the secret key file \(path)") }
        if data.count == 32, let key = SecretBox.Key(id: 1, bytes: [UInt8](data)) { return SecretBox(keys: [key]) }
        let text = String(decoding: data, as: UTF8.self)
        var keys: [SecretBox.Key] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = trimmed.split(separator: ":", maxSplits: 1)
            let (id, encoded) = parts.count == 2 ? (Int(parts[0]), String(parts[1])) : (1, String(parts[0]))
            guard let id, let bytes = Data(base64Encoded: encoded), let key = SecretBox.Key(id: id, bytes: [UInt8](bytes)) else {
                throw .invalid("the secret key file \(path) holds a line that is not `id:base64` of 32 bytes")
            }
            keys.append(key)
        }
        guard !keys.isEmpty else { throw .invalid("the secret key file \(path) holds no key") }
        return SecretBox(keys: keys)
    }

    /// Writes a ring with mode 0600, atomically (a temporary file renamed over the old one).
    public static func write(_ keys: [SecretBox.Key], to path: String) throws(Failure) {
        let text =
            "# Horario's keys for secrets at rest; the first one seals, the others only open. Keep this file private.\n"
            + keys.map { "\($0.id):\(Data($0.rawBytes).base64EncodedString())" }.joined(separator: "\n") + "\n"
        let temporary = path + ".tmp-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .unreadable("cannot write the secret key file \(path)")
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .unreadable("cannot write the secret key file \(path)")
        }
    }
}
