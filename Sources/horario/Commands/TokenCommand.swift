import ArgumentParser

/// `horario token …`: API tokens, for scripts and integrations that should not hold a password.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create API tokens (sent as `Authorization: Bearer <token>`).",
        subcommands: [Create.self]
    )
}
