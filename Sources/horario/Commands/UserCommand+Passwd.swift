import ArgumentParser
import Auth
import SQLiteStore
import Store

extension UserCommand {
    /// `horario user passwd NAME`: replaces a user's password.
    ///
    /// Running servers refuse the old password at once: the change moves the user's credential
    /// version, which voids their cached verifications.
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
            let database = try await data.open()
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
