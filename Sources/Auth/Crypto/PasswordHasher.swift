import Foundation

/// Hashes and verifies account passwords with PBKDF2-HMAC-SHA256 through libcrypto.
///
/// Each hash gets its own 16-byte random salt and records its iteration count, so raising
/// ``defaultIterations`` later leaves existing hashes verifying (and ``needsRehash(_:)`` says
/// which to upgrade at the next login). The stored form is described in ``StoredPasswordHash``:
///
/// ```
/// pbkdf2-sha256$210000$<base64 salt>$<base64 derived key>
/// ```
///
/// At 210,000 iterations (OWASP's 2023 figure for PBKDF2-HMAC-SHA256) one hash or verification
/// costs about 100 ms of CPU; callers that verify on every request cache the result
/// (``CredentialCache``).
public struct PasswordHasher: Sendable {
    /// The iteration count new hashes get unless told otherwise.
    public static let defaultIterations = 210_000

    /// Iterations used for new hashes. Lower it only in tests.
    public let iterations: Int

    /// - Parameter iterations: PBKDF2 iteration count for new hashes; between 1 and
    ///   ``StoredPasswordHash/maximumIterations``.
    public init(iterations: Int = PasswordHasher.defaultIterations) {
        precondition(
            (1...StoredPasswordHash.maximumIterations).contains(iterations),
            "PBKDF2 iterations must be between 1 and \(StoredPasswordHash.maximumIterations)")
        self.iterations = iterations
    }

    /// A self-describing hash of `password` with a fresh random salt, for the users table.
    public func hash(_ password: String) -> String {
        let salt = SecureRandom.bytes(count: StoredPasswordHash.saltLength)
        let key = Self.derive(password, salt: salt, iterations: iterations, keyLength: StoredPasswordHash.keyLength)
        // The parameters are in range by construction, so libcrypto has no reason to refuse them.
        guard let key else { preconditionFailure("libcrypto PBKDF2 refused valid parameters") }
        return StoredPasswordHash(iterations: iterations, salt: salt, key: key).encoded
    }

    /// Whether `password` matches `stored`, compared in constant time. A stored string that is
    /// malformed, of another scheme or out of range verifies false.
    public func verify(_ password: String, against stored: String) -> Bool {
        guard let parsed = StoredPasswordHash(stored),
            let key = Self.derive(password, salt: parsed.salt, iterations: parsed.iterations, keyLength: parsed.key.count)
        else { return false }
        return LibCrypto.constantTimeEquals(key, parsed.key)
    }

    /// Whether `stored` was made with fewer iterations than this hasher uses (or cannot be read),
    /// so it should be replaced after the next successful verification.
    public func needsRehash(_ stored: String) -> Bool {
        guard let parsed = StoredPasswordHash(stored) else { return true }
        return parsed.iterations < iterations
    }

    /// Spends the time of one verification without a stored hash, so a login for an unknown
    /// username takes as long as one with a wrong password and does not reveal which names exist.
    public func burnVerificationTime(_ password: String) {
        let zeros = [UInt8](repeating: 0, count: StoredPasswordHash.saltLength)
        _ = Self.derive(password, salt: zeros, iterations: iterations, keyLength: StoredPasswordHash.keyLength)
    }

    /// PBKDF2-HMAC-SHA256 of the password's UTF-8 bytes after Unicode NFC normalisation, so
    /// "é" typed as one code point or as "e" + combining accent is the same password
    /// (as RFC 8265's OpaqueString profile asks).
    static func derive(_ password: String, salt: [UInt8], iterations: Int, keyLength: Int) -> [UInt8]? {
        let bytes = Array(password.precomposedStringWithCanonicalMapping.utf8)
        return LibCrypto.pbkdf2SHA256(password: bytes, salt: salt, iterations: iterations, keyLength: keyLength)
    }
}
