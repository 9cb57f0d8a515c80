/// API tokens: made here, shown to their owner once, and stored only as a hash.
///
/// A token is `hor_` followed by 32 random bytes in base64url (256 bits). The prefix lets a
/// secret scanner or a reader of a log recognise a leaked Horario token.
///
/// Tokens are hashed with one plain SHA-256, not PBKDF2: a slow hash protects passwords because
/// people choose guessable ones, but nobody can enumerate 2^256 random tokens however fast the
/// hash is. A fast hash also lets the store find a token by an indexed lookup of its hash on
/// every request, without a salt or 100 ms of work.
public enum BearerToken {
    /// What every Horario token starts with.
    public static let prefix = "hor_"

    /// A new random token.
    public static func generate() -> String {
        prefix + Base64URL.encode(SecureRandom.bytes(count: 32))
    }

    /// The stored form of `token`: lowercase hex SHA-256 of its UTF-8 bytes (64 characters).
    public static func hash(_ token: String) -> String {
        HexString.encode(LibCrypto.sha256(Array(token.utf8)))
    }
}
