import ArgumentParser
import Auth
import Foundation
import SQLiteStore
import Store

extension TokenCommand {
    /// `horario token create NAME --user USERNAME`: makes a token and prints it once.
    ///
    /// Only the token goes to standard output, so `TOKEN=$(horario token create ci --user ana)`
    /// works; the reminder that it cannot be shown again goes to standard error.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an API token for a user and print it (it is stored only as a hash)."
        )

        @Argument(help: "A name for the token, to recognise it later (e.g. \"ci\" or \"laptop\").")
        var name: String

        @Option(help: "Username of the token's owner.")
        var user: String

        @OptionGroup var data: DataOptions

        mutating func run() async throws {
            let tokenName = name.trimmingCharacters(in: .whitespaces)
            guard !tokenName.isEmpty else { throw CommandFailure("the token name is empty") }
            let database = try await data.open()
            guard let owner = try await database.user(username: user) else { throw CommandFailure("unknown user \"\(user)\"") }
            let token = BearerToken.generate()
            do {
                _ = try await database.createToken(userId: owner.id, name: tokenName, tokenHash: BearerToken.hash(token))
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            print(token)
            FileHandle.standardError.write(Data("token \"\(tokenName)\" created for \(owner.username); it is shown only this once\n".utf8))
        }
    }
}
