import Auth
import Foundation
import Testing

/// PBKDF2-HMAC-SHA256 hashing: published vectors, the stored format, and refusal of anything damaged.
struct PasswordHasherTests {
    /// 1,000 iterations: the same code path as production at a hundredth of the cost.
    static let fast = PasswordHasher(iterations: 1_000)

    static func base64(hex: String) -> String {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return Data(bytes).base64EncodedString()
    }

    /// Published PBKDF2-HMAC-SHA256 vectors: the common RFC 6070-style ones for SHA-256
    /// (P="password", S="salt", dkLen=32) and RFC 7914 §11 (dkLen=64).
    static let vectors: [(password: String, salt: String, iterations: Int, key: String)] = [
        ("password", "salt", 1, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
        ("password", "salt", 2, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"),
        ("password", "salt", 4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
        (
            "passwd", "salt", 1,
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
        ),
        (
            "Password", "NaCl", 80_000,
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"
        ),
    ]

    @Test("stored strings built from published PBKDF2-HMAC-SHA256 vectors verify, and fail for another password")
    func knownAnswers() {
        for vector in Self.vectors {
            let stored = "pbkdf2-sha256$\(vector.iterations)$\(Data(vector.salt.utf8).base64EncodedString())$\(Self.base64(hex: vector.key))"
            #expect(Self.fast.verify(vector.password, against: stored), "\(vector)")
            #expect(!Self.fast.verify(vector.password + "x", against: stored), "\(vector)")
        }
    }

    @Test("a hash verifies its password and no other")
    func roundTrip() {
        let stored = Self.fast.hash("correct horse battery staple")
        #expect(Self.fast.verify("correct horse battery staple", against: stored))
        #expect(!Self.fast.verify("correct horse battery stapler", against: stored))
        #expect(!Self.fast.verify("", against: stored))
        #expect(!Self.fast.verify("Correct horse battery staple", against: stored))
    }

    @Test("the default hasher uses 210,000 iterations, a 16-byte salt and a 32-byte key, and says so in the string")
    func defaultFormat() throws {
        #expect(PasswordHasher().iterations == 210_000)
        let stored = PasswordHasher().hash("pässwörd")
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2-sha256")
        #expect(parts[1] == "210000")
        #expect(Data(base64Encoded: String(parts[2]))?.count == 16)
        #expect(Data(base64Encoded: String(parts[3]))?.count == 32)
        let parsed = try #require(StoredPasswordHash(stored))
        #expect(parsed.iterations == 210_000)
        #expect(parsed.encoded == stored)
    }

    @Test("each hash gets its own salt, so equal passwords give different strings")
    func distinctSalts() {
        let hashes = (0..<5).map { _ in Self.fast.hash("same password") }
        #expect(Set(hashes).count == 5)
        #expect(Set(hashes.compactMap { StoredPasswordHash($0)?.salt }).count == 5)
    }

    @Test("the iteration count comes from the stored string, so old hashes verify after the default changes")
    func iterationsFromStoredString() {
        let stored = Self.fast.hash("an older password")
        #expect(stored.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(PasswordHasher().verify("an older password", against: stored))
        #expect(PasswordHasher().needsRehash(stored))
        #expect(!Self.fast.needsRehash(stored))
        #expect(PasswordHasher().needsRehash("garbage"))
    }

    @Test("NFC and NFD spellings of the same password are the same password")
    func unicodeNormalization() {
        let stored = Self.fast.hash("caf\u{E9}-senha")
        #expect(Self.fast.verify("cafe\u{301}-senha", against: stored))
    }

    @Test("tampered or malformed stored strings verify false and never crash")
    func malformedStoredStrings() {
        let good = Self.fast.hash("password123")
        let parts = good.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        var flippedKey = Array(Data(base64Encoded: parts[3])!)
        flippedKey[0] ^= 0x01
        var flippedSalt = Array(Data(base64Encoded: parts[2])!)
        flippedSalt[15] ^= 0x80
        let candidates = [
            "", "$", "$$$", "pbkdf2-sha256", "pbkdf2-sha256$1000", "pbkdf2-sha256$1000$\(parts[2])",
            "pbkdf2-sha256$1000$\(parts[2])$\(parts[3])$extra",
            "pbkdf2-sha512$1000$\(parts[2])$\(parts[3])", "PBKDF2-SHA256$1000$\(parts[2])$\(parts[3])",
            "pbkdf2-sha256$1001$\(parts[2])$\(parts[3])", "pbkdf2-sha256$0$\(parts[2])$\(parts[3])",
            "pbkdf2-sha256$-1000$\(parts[2])$\(parts[3])", "pbkdf2-sha256$+1000$\(parts[2])$\(parts[3])",
            "pbkdf2-sha256$ 1000$\(parts[2])$\(parts[3])", "pbkdf2-sha256$1e3$\(parts[2])$\(parts[3])",
            "pbkdf2-sha256$99999999999999999999$\(parts[2])$\(parts[3])",
            "pbkdf2-sha256$2147483648$\(parts[2])$\(parts[3])",
            "pbkdf2-sha256$1000$$\(parts[3])", "pbkdf2-sha256$1000$\(parts[2])$",
            "pbkdf2-sha256$1000$not base64!$\(parts[3])", "pbkdf2-sha256$1000$\(parts[2])$@@@@",
            "pbkdf2-sha256$1000$\(parts[2])$\(Data(flippedKey).base64EncodedString())",
            "pbkdf2-sha256$1000$\(Data(flippedSalt).base64EncodedString())$\(parts[3])",
            "pbkdf2-sha256$1000$\(parts[2])$\(Data(flippedKey.prefix(8)).base64EncodedString())",
            "pbkdf2-sha256$1000$\(parts[2])$\(Data(repeating: 0, count: 200).base64EncodedString())",
            "password123",
        ]
        #expect(Self.fast.verify("password123", against: good))
        for candidate in candidates {
            #expect(!Self.fast.verify("password123", against: candidate), "\(candidate)")
        }
    }
}
