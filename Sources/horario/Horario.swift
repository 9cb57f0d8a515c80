import ArgumentParser

/// The `horario` command line: the server and the tools operators need around it.
@main
struct Horario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "horario",
        abstract: "Horario: a scheduling server with availability, bookings and CalDAV.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, UserCommand.self, TokenCommand.self, KeysCommand.self, MailCommand.self, ICalCommand.self,
            SlotsCommand.self,
        ]
    )
}

/// iCalendar tools: checking files clients send and expanding recurrences.
struct ICalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ical",
        abstract: "Inspect iCalendar data.",
        subcommands: [ICalCheckCommand.self, ICalExpandCommand.self]
    )
}
