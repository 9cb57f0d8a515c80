import ArgumentParser
import Auth

/// `--password-stdin`: where a new password comes from. Without the flag a strong one is
/// generated and shown once; with it, the first line of standard input is taken, so passwords
/// never appear in argument lists (`ps`) or shell history.
struct PasswordInput: ParsableArguments {
    @Flag(help: "Read the password from the first line of standard input instead of generating one.")
    var passwordStdin = false

    /// The password to set, and whether it was generated (and so must be printed).
    func password() throws -> (password: String, generated: Bool) {
        guard passwordStdin else { return (SecureRandom.password(), true) }
        guard let line = readLine(strippingNewline: true) else {
            throw CommandFailure("no password on standard input")
        }
        if let problem = PasswordPolicy.problem(with: line) { throw CommandFailure(problem) }
        return (line, false)
    }
}
