import Foundation
import Testing

@testable import Auth

/// Reading `Authorization` header values (RFC 7617 Basic, RFC 6750 Bearer).
struct HTTPCredentialsTests {
    static func basic(_ text: String) -> String {
        "Basic " + Data(text.utf8).base64EncodedString()
    }

    @Test("Basic: username and password, the password may hold colons, the scheme any case")
    func basic() {
        #expect(HTTPCredentials(header: Self.basic("ana:secret")) == .basic(username: "ana", password: "secret"))
        #expect(HTTPCredentials(header: Self.basic("ana:a:b:c")) == .basic(username: "ana", password: "a:b:c"))
        #expect(HTTPCredentials(header: Self.basic("ana:")) == .basic(username: "ana", password: ""))
        #expect(HTTPCredentials(header: "bAsIc   " + Data("Ana:x".utf8).base64EncodedString()) == .basic(username: "Ana", password: "x"))
        #expect(HTTPCredentials(header: Self.basic("joão:señha")) == .basic(username: "joão", password: "señha"))
        #expect(HTTPCredentials(header: " \t" + Self.basic("ana:x") + "\t ") == .basic(username: "ana", password: "x"), "OWS around the value")
        #expect(HTTPCredentials(header: "Basic \t " + Data("ana:x".utf8).base64EncodedString()) == .basic(username: "ana", password: "x"))
    }

    @Test("Bearer: the token as sent")
    func bearer() {
        #expect(HTTPCredentials(header: "Bearer hor_abc-DEF_123") == .bearer(token: "hor_abc-DEF_123"))
        #expect(HTTPCredentials(header: "bearer x") == .bearer(token: "x"))
    }

    @Test("unreadable values are nil, never a crash")
    func malformed() {
        let values = [
            "", " ", "Basic", "Basic ", "Basic !!!!", "Basic not-base64", Self.basic("no colon"), Self.basic(":password"),
            "Basic " + Data([0x61, 0x3a, 0xff, 0xfe]).base64EncodedString(), "Bearer", "Bearer ", "Bearer a b",
            "Bearer tok\u{0}en", "Digest username=\"ana\"", "Negotiate abc", "Basic YW5hOnNlY3JldA== extra", "BasicYW5hOnNlY3JldA==",
        ]
        for value in values {
            #expect(HTTPCredentials(header: value) == nil, "\(value.debugDescription)")
        }
    }
}
