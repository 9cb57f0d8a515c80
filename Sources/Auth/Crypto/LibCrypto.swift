import CLibCrypto

/// The few libcrypto (OpenSSL) calls Horario makes, behind Swift signatures, so no other file
/// touches C pointers: PBKDF2-HMAC-SHA256, HMAC-SHA256, SHA-256, random bytes and constant-time
/// comparison.
enum LibCrypto {
    /// Size in bytes of a SHA-256 digest.
    static let sha256Size = 32

    /// PBKDF2 with HMAC-SHA256 as the pseudorandom function (RFC 8018 §5.2).
    /// - Parameters:
    ///   - password: the password bytes, used as the HMAC key.
    ///   - salt: the salt bytes.
    ///   - iterations: the iteration count `c`, at least 1.
    ///   - keyLength: bytes of derived key to produce.
    /// - Returns: the derived key, or nil when libcrypto refuses the parameters.
    static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int, keyLength: Int) -> [UInt8]? {
        guard iterations >= 1, iterations <= Int(Int32.max), keyLength >= 1, keyLength <= 1024,
            password.count <= Int(Int32.max), salt.count <= Int(Int32.max)
        else { return nil }
        var key = [UInt8](repeating: 0, count: keyLength)
        let status = password.withUnsafeBufferPointer { passwordBuffer in
            salt.withUnsafeBufferPointer { saltBuffer in
                key.withUnsafeMutableBufferPointer { keyBuffer in
                    passwordBuffer.withMemoryRebound(to: CChar.self) { passwordChars in
                        PKCS5_PBKDF2_HMAC(
                            passwordChars.baseAddress, Int32(passwordBuffer.count),
                            saltBuffer.baseAddress, Int32(saltBuffer.count),
                            Int32(iterations), EVP_sha256(),
                            Int32(keyLength), keyBuffer.baseAddress)
                    }
                }
            }
        }
        return status == 1 ? key : nil
    }

    /// HMAC-SHA256 (RFC 2104) of `message` under `key`.
    static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: sha256Size)
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBufferPointer { messageBuffer in
                mac.withUnsafeMutableBufferPointer { macBuffer in
                    HMAC(
                        EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                        messageBuffer.baseAddress, messageBuffer.count,
                        macBuffer.baseAddress, &length)
                }
            }
        }
        // HMAC only fails when libcrypto cannot allocate; carrying on would compare garbage.
        precondition(result != nil && Int(length) == sha256Size, "libcrypto HMAC-SHA256 failed")
        return mac
    }

    /// SHA-256 (FIPS 180-4) of `message`.
    static func sha256(_ message: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: sha256Size)
        var length: UInt32 = 0
        let status = message.withUnsafeBytes { messageBytes in
            digest.withUnsafeMutableBufferPointer { digestBuffer in
                EVP_Digest(messageBytes.baseAddress, messageBytes.count, digestBuffer.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        precondition(status == 1 && Int(length) == sha256Size, "libcrypto SHA-256 failed")
        return digest
    }

    /// Fills `count` bytes from the operating system's CSPRNG, as seeded by libcrypto.
    static func randomBytes(count: Int) -> [UInt8] {
        precondition(count >= 0 && count <= Int(Int32.max), "random byte count out of range")
        var bytes = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return bytes }
        let status = bytes.withUnsafeMutableBufferPointer { buffer in
            RAND_bytes(buffer.baseAddress, Int32(count))
        }
        // Without randomness every salt and token would be predictable: stop rather than go on.
        precondition(status == 1, "libcrypto RAND_bytes failed")
        return bytes
    }

    /// Compares two byte arrays in time that depends only on their length, never on where they
    /// first differ, so a timing observer learns nothing about a stored hash.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard !lhs.isEmpty else { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }
}
