/// SHA-256 for callers outside this module (the web UI's asset ETags).
public enum SHA256Digest {
    /// Lowercase hex SHA-256 of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        HexString.encode(LibCrypto.sha256(bytes))
    }
}
