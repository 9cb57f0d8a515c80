import ArgumentParser
import SQLiteStore
import Store

extension UserCommand {
    /// `horario user list`: every account, one per line, in username order.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users.")

        @OptionGroup var data: DataOptions

        mutating func run() async throws {
            let users = try await data.open().users()
            guard !users.isEmpty else {
                print("no users")
                return
            }
            let rows = [["USERNAME", "DISPLAY NAME", "E-MAIL", "TIME ZONE"]] + users.map { [$0.username, $0.displayName, $0.email, $0.timeZone] }
            print(Self.table(rows))
        }

        /// Rows as left-aligned columns two spaces apart, without trailing spaces.
        static func table(_ rows: [[String]]) -> String {
            let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            return rows.map { row in
                row.enumerated().map { column, cell in
                    column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
                }
                .joined(separator: "  ")
            }
            .joined(separator: "\n")
        }
    }
}
