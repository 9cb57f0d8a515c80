import Foundation

/// The parts of a stored password hash, and their text form
/// `pbkdf2-sha256$<iterations>$<base64 salt>$<base64 derived key>`.
///
/// Base64 is RFC 4648 §4 with padding; the iteration count is decimal digits without a sign,
/// 1 to ``maximumIterations``; the salt has 1 to 64 bytes (new hashes: 16) and the key 16 to 64
/// (new hashes: 32). Anything else does not parse, so a damaged row verifies false
/// instead of crashing or running PBKDF2 for hours.
public struct StoredPasswordHash: Hashable, Sendable {
    /// The scheme name that opens the stored string.
    public static let scheme = "pbkdf2-sha256"
    /// Salt bytes of new hashes.
    public static let saltLength = 16
    /// Derived-key bytes of new hashes: one SHA-256 block, so PBKDF2 runs its loop once.
    public static let keyLength = 32
    /// The most iterations a stored string may ask for (about 5 s of CPU).
    public static let maximumIterations = 10_000_000

    public var iterations: Int
    public var salt: [UInt8]
    public var key: [UInt8]

    public init(iterations: Int, salt: [UInt8], key: [UInt8]) {
        self.iterations = iterations
        self.salt = salt
        self.key = key
    }

    /// Parses a stored string; nil when it is not exactly this scheme with in-range values.
    public init?(_ text: String) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == Self.scheme else { return nil }
        let digits = parts[1]
        guard !digits.isEmpty, digits.count <= 9, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let iterations = Int(digits), (1...Self.maximumIterations).contains(iterations),
            let salt = Data(base64Encoded: String(parts[2])), (1...64).contains(salt.count),
            let key = Data(base64Encoded: String(parts[3])), (16...64).contains(key.count)
        else { return nil }
        self.init(iterations: iterations, salt: Array(salt), key: Array(key))
    }

    /// The text form stored in the users table.
    public var encoded: String {
        [Self.scheme, String(iterations), Data(salt).base64EncodedString(), Data(key).base64EncodedString()]
            .joined(separator: "$")
    }
}
