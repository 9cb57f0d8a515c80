import Auth
import Testing

/// API tokens: their shape and the hash stored for them.
struct BearerTokenTests {
    @Test("a token is hor_ and 43 base64url characters, and no two are alike")
    func shape() {
        let tokens = (0..<20).map { _ in BearerToken.generate() }
        #expect(Set(tokens).count == 20)
        for token in tokens {
            #expect(token.hasPrefix("hor_"))
            #expect(token.count == 4 + 43)
            #expect(token.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        }
    }

    @Test("the stored hash is the lowercase hex SHA-256 of the token, the same every time")
    func hash() {
        #expect(BearerToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let token = BearerToken.generate()
        #expect(BearerToken.hash(token) == BearerToken.hash(token))
        #expect(BearerToken.hash(token).count == 64)
        #expect(BearerToken.hash(token) != BearerToken.hash(BearerToken.generate()))
    }
}
