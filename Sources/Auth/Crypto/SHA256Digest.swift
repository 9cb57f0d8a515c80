/// SHA-256 for callers outside this module (the web UI's asset ETags, PKCE challenges).
public enum SHA256Digest {
    /// Lowercase hex SHA-256 of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        HexString.encode(LibCrypto.sha256(bytes))
    }

    /// The 32 bytes of the SHA-256 of `bytes`.
    public static func bytes(_ bytes: [UInt8]) -> [UInt8] {
        LibCrypto.sha256(bytes)
    }
}

/// RFC 4648 §5 base64url without padding, for callers outside this module (PKCE, JWT payloads).
public enum Base64URLText {
    public static func encode(_ bytes: [UInt8]) -> String { Base64URL.encode(bytes) }
    public static func decode(_ text: String) -> [UInt8]? { Base64URL.decode(text) }
}
