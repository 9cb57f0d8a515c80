import ArgumentParser
import Auth
import Foundation
import SQLiteStore
import Store

extension UserCommand {
    /// `horario user add NAME --email E`: creates an account with a hashed password.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Create a user. Without --password-stdin a password is generated and printed once."
        )

        @Argument(help: "Username (case-sensitive; letters, digits and . _ - @ +).")
        var username: String

        @Option(help: "E-mail address.")
        var email: String

        @Option(help: "Name shown to others (default: the username).")
        var displayName: String?

        @Option(help: "IANA time zone the user works in.")
        var timeZone = "UTC"

        @OptionGroup var passwordInput: PasswordInput
        @OptionGroup var data: DataOptions

        mutating func run() async throws {
            if let problem = UsernamePolicy.problem(with: username) { throw CommandFailure(problem) }
            let trimmedEmail = email.trimmingCharacters(in: .whitespaces)
            guard let at = trimmedEmail.firstIndex(of: "@"), at != trimmedEmail.startIndex, at != trimmedEmail.index(before: trimmedEmail.endIndex)
            else { throw CommandFailure("\"\(email)\" is not an e-mail address") }
            guard TimeZone(identifier: timeZone) != nil else { throw CommandFailure("unknown time zone \"\(timeZone)\"") }
            let (password, generated) = try passwordInput.password()
            let database = try await data.open(creating: true)
            if try await database.user(username: username) != nil {
                throw CommandFailure("a user named \"\(username)\" already exists")
            }
            let hash = PasswordHasher().hash(password)
            let user: User
            do {
                user = try await database.createUser(
                    NewUser(username: username, displayName: displayName, email: trimmedEmail, timeZone: timeZone), passwordHash: hash)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            print("created user \(user.username) (\(user.email), \(user.timeZone))")
            if generated { print("password: \(password)  (shown only this once)") }
        }
    }
}
