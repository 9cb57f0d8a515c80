/// The web UI's secrets: the session cookie's id (stored only as its SHA-256, like
/// ``BearerToken``) and the CSRF tokens forms carry.
public enum SessionSecret {
    /// A new random 256-bit secret, base64url without padding.
    public static func generate() -> String {
        Base64URL.encode(SecureRandom.bytes(count: 32))
    }

    /// The stored form of a session id (lowercase hex SHA-256).
    public static func hash(_ secret: String) -> String {
        SHA256Digest.hex(Array(secret.utf8))
    }

    /// Whether two secrets are equal, in time that does not depend on where they differ.
    public static func matches(_ presented: String, _ expected: String) -> Bool {
        LibCrypto.constantTimeEquals(Array(presented.utf8), Array(expected.utf8))
    }
}
