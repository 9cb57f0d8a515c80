/// The secret in a booker's cancel and reschedule links: made here, shown once in the answer
/// to the booking, and stored only as its SHA-256 (random 256-bit secrets need no slow hash;
/// see ``BearerToken``).
public enum ManagementToken {
    /// What every management token starts with, so a leaked one is recognisable.
    public static let prefix = "hbk_"

    /// A new random token.
    public static func generate() -> String {
        prefix + Base64URL.encode(SecureRandom.bytes(count: 32))
    }

    /// The stored form of `token` (lowercase hex SHA-256).
    public static func hash(_ token: String) -> String {
        BearerToken.hash(token)
    }

    /// Whether `token` is the one whose hash is `storedHash`, in time that does not depend on
    /// where they differ.
    public static func matches(_ token: String, storedHash: String) -> Bool {
        LibCrypto.constantTimeEquals(Array(hash(token).utf8), Array(storedHash.utf8))
    }

    /// Where a token sealed for the links in booking messages lives (``SecretBox`` place): bound
    /// to its own hash, which is stored beside it.
    public static func sealPlace(hash: String) -> String {
        SecretBox.place(table: "bookings", row: hash, column: "management_token")
    }
}
