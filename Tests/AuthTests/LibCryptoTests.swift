import Testing

@testable import Auth

/// The libcrypto wrappers against published answers, so a wrong pointer or length shows here first.
struct LibCryptoTests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    @Test("SHA-256 of \"abc\" and of nothing (FIPS 180-4 examples)")
    func sha256() {
        #expect(Self.hex(LibCrypto.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex(LibCrypto.sha256([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("HMAC-SHA256 of RFC 4231 test case 2")
    func hmac() {
        let mac = LibCrypto.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Self.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("PBKDF2-HMAC-SHA256 with P=\"password\", S=\"salt\", c=1, dkLen=32")
    func pbkdf2() throws {
        let key = try #require(LibCrypto.pbkdf2SHA256(password: Array("password".utf8), salt: Array("salt".utf8), iterations: 1, keyLength: 32))
        #expect(Self.hex(key) == "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
        #expect(LibCrypto.pbkdf2SHA256(password: [], salt: [1], iterations: 0, keyLength: 32) == nil)
    }

    @Test("constant-time comparison: equal, different, different lengths, empty")
    func comparison() {
        #expect(LibCrypto.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!LibCrypto.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!LibCrypto.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(LibCrypto.constantTimeEquals([], []))
    }

    @Test("random bytes have the asked length and differ between calls")
    func randomBytes() {
        #expect(SecureRandom.bytes(count: 0).isEmpty)
        #expect(SecureRandom.bytes(count: 32).count == 32)
        #expect(SecureRandom.bytes(count: 32) != SecureRandom.bytes(count: 32))
        let password = SecureRandom.password()
        #expect(password.count == 24)
        #expect(PasswordPolicy.problem(with: password) == nil)
    }
}
