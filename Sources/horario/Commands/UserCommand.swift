import ArgumentParser

/// `horario user …`: accounts, managed from the server's shell before any API exists to do it.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Create users, set their passwords and list them.",
        subcommands: [Add.self, Passwd.self, List.self]
    )
}
