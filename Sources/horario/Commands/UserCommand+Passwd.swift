import ArgumentParser
import Auth
import SQLiteStore
import Store

extension UserCommand {
    /// `horario user passwd NAME`: replaces a user's password.
    ///
    /// A running server keeps accepting the old password from clients it verified in the last
    /// few minutes (its credential cache), at most `CredentialCache.defaultTTL`.
    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd",
            abstract: "Set a user's password. Without --password-stdin a new one is generated and printed once."
        )

        @Argument(help: "Username (case-sensitive).")
        var username: String

        @OptionGroup var passwordInput: PasswordInput
        @OptionGroup var data: DataOptions

        mutating func run() async throws {
            let database = try data.open()
            guard try await database.user(username: username) != nil else { throw CommandFailure("unknown user \"\(username)\"") }
            let (password, generated) = try passwordInput.password()
            do {
                try await database.setPasswordHash(PasswordHasher().hash(password), username: username)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            print("password of \(username) changed")
            if generated { print("password: \(password)  (shown only this once)") }
        }
    }
}
