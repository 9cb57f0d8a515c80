/// Unpredictable bytes for salts, tokens and generated passwords, from libcrypto's CSPRNG
/// (`RAND_bytes`), never from `SystemRandomNumberGenerator`, whose quality the standard
/// library does not promise on every platform.
public enum SecureRandom {
    /// `count` random bytes; stops the process if the CSPRNG fails, since every secret made
    /// afterwards would be guessable.
    public static func bytes(count: Int) -> [UInt8] {
        LibCrypto.randomBytes(count: count)
    }

    /// A password for an account created without one: 18 random bytes (144 bits) in base64url,
    /// 24 characters that survive copying from a terminal and pasting into a login form.
    public static func password() -> String {
        Base64URL.encode(bytes(count: 18))
    }
}
