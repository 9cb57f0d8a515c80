import Auth
import Testing

/// Which usernames and passwords an account may have.
struct PolicyTests {
    @Test("passwords need 8 characters, counted as a person sees them")
    func passwords() {
        #expect(PasswordPolicy.problem(with: "") != nil)
        #expect(PasswordPolicy.problem(with: "1234567") != nil)
        #expect(PasswordPolicy.problem(with: "12345678") == nil)
        #expect(PasswordPolicy.problem(with: "e\u{301}e\u{301}e\u{301}e\u{301}") != nil)
    }

    @Test("usernames: letters, digits and . _ - @ +, no colon (Basic auth) or slash (URLs)")
    func usernames() {
        for good in ["ana", "Ana", "dr.joao", "maria_2", "ana@clinic.example", "joão"] {
            #expect(UsernamePolicy.problem(with: good) == nil, "\(good)")
        }
        for bad in ["", "a:b", "a/b", "a b", ".ana", "-ana", String(repeating: "a", count: 65), "tab\there"] {
            #expect(UsernamePolicy.problem(with: bad) != nil, "\(bad)")
        }
    }
}
