public import Foundation

/// Seals secrets at rest (calendar passwords, OAuth tokens) with AES-256-GCM under a key ring.
///
/// The envelope is `base64url(0x01 | key id (u16, big-endian) | nonce | ciphertext | tag)`; the
/// additional data binds it to its place (`horario/v1|table|row|column`), so a ciphertext
/// copied to another row or column does not open. New seals use the ring's first key; opening
/// picks the key by the id in the envelope, which is how rotation works.
public struct SecretBox: Sendable {
    public struct Key: Sendable {
        public var id: Int
        var bytes: [UInt8]
        /// The key itself, for writing a key file; nowhere else.
        public var rawBytes: [UInt8] { bytes }

        /// `bytes` must be 32 random bytes; `id` 1–65535.
        public init?(id: Int, bytes: [UInt8]) {
            guard (1...Int(UInt16.max)).contains(id), bytes.count == AESGCM.keySize else { return nil }
            self.id = id
            self.bytes = bytes
        }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Not an envelope of ours, or sealed for another place, key or by someone else.
        case cannotOpen
        /// The envelope names a key the ring does not hold.
        case unknownKey(Int)

        public var description: String {
            switch self {
            case .cannotOpen: return "the sealed secret cannot be opened (wrong key, wrong row, or altered)"
            case .unknownKey(let id): return "the sealed secret uses key \(id), which is not configured"
            }
        }
    }

    /// The current key first; older keys only open.
    public let keys: [Key]
    public var currentKeyId: Int { keys[0].id }

    public init(keys: [Key]) {
        precondition(!keys.isEmpty, "a SecretBox needs a key")
        self.keys = keys
    }

    /// Where a secret lives, bound into its seal.
    public static func place(table: String, row: String, column: String) -> String {
        "horario/v1|\(table)|\(row)|\(column)"
    }

    public func seal(_ plaintext: [UInt8], place: String) -> String {
        let key = keys[0]
        let nonce = SecureRandom.bytes(count: AESGCM.nonceSize)
        guard let (ciphertext, tag) = AESGCM.seal(plaintext, key: key.bytes, nonce: nonce, aad: Array(place.utf8)) else {
            // Only an allocation failure in libcrypto gets here; storing the secret unsealed is not an option.
            preconditionFailure("libcrypto AES-256-GCM encryption failed")
        }
        let header: [UInt8] = [1, UInt8(key.id >> 8), UInt8(key.id & 0xFF)]
        return Base64URL.encode(header + nonce + ciphertext + tag)
    }

    public func open(_ envelope: String, place: String) throws(Failure) -> [UInt8] {
        guard let bytes = Base64URL.decode(envelope), bytes.count >= 3 + AESGCM.nonceSize + AESGCM.tagSize, bytes[0] == 1 else {
            throw .cannotOpen
        }
        let keyId = Int(bytes[1]) << 8 | Int(bytes[2])
        guard let key = keys.first(where: { $0.id == keyId }) else { throw .unknownKey(keyId) }
        let nonce = Array(bytes[3..<(3 + AESGCM.nonceSize)])
        let ciphertext = Array(bytes[(3 + AESGCM.nonceSize)..<(bytes.count - AESGCM.tagSize)])
        let tag = Array(bytes[(bytes.count - AESGCM.tagSize)...])
        guard let plaintext = AESGCM.open(ciphertext, tag: tag, key: key.bytes, nonce: nonce, aad: Array(place.utf8)) else {
            throw .cannotOpen
        }
        return plaintext
    }

    /// The key id inside an envelope, without opening it.
    public static func keyId(of envelope: String) -> Int? {
        guard let bytes = Base64URL.decode(envelope), bytes.count >= 3 else { return nil }
        return Int(bytes[1]) << 8 | Int(bytes[2])
    }
}
