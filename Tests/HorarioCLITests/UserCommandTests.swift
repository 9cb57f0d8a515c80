import Foundation
import Testing

/// `horario user add|passwd|list` and `horario token create` end to end, through the real
/// binary, on a temporary `--data` file.
struct UserCommandTests {
    /// A fresh database path in the temporary folder, removed (with its WAL files) afterwards.
    static func withDataFile(_ body: (String) throws -> Void) rethrows {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("horario-cli-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try body(path)
    }

    static func stdin(_ line: String) -> Data { Data((line + "\n").utf8) }

    @Test("user add --password-stdin creates the user; list shows it; a second add of the name fails")
    func addAndList() throws {
        try Self.withDataFile { data in
            let added = try CLIRunner.run(
                [
                    "user", "add", "ana", "--email", "ana@example.com", "--display-name", "Dr. Ana", "--time-zone", "America/Sao_Paulo",
                    "--password-stdin", "--data", data,
                ],
                stdin: Self.stdin("a long password"))
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.stdout == "created user ana (ana@example.com, America/Sao_Paulo)\n")
            #expect(!added.stdout.contains("a long password"))

            let second = try CLIRunner.run(["user", "add", "bia", "--email", "bia@example.com", "--data", data])
            #expect(second.status == 0, "\(second.stderr)")
            let passwordLine = try #require(second.stdout.split(separator: "\n").first { $0.hasPrefix("password: ") })
            #expect(passwordLine.split(separator: " ")[1].count == 24)

            let listed = try CLIRunner.run(["user", "list", "--data", data])
            #expect(listed.status == 0, "\(listed.stderr)")
            let lines = listed.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("USERNAME"))
            #expect(lines[1].hasPrefix("ana ") && lines[1].contains("Dr. Ana") && lines[1].hasSuffix("America/Sao_Paulo"))
            #expect(lines[2].hasPrefix("bia ") && lines[2].contains("bia@example.com") && lines[2].hasSuffix("UTC"))

            let duplicate = try CLIRunner.run(
                ["user", "add", "ana", "--email", "other@example.com", "--password-stdin", "--data", data], stdin: Self.stdin("another password"))
            #expect(duplicate.status != 0)
            #expect(duplicate.stderr.contains("a user named \"ana\" already exists"))
            let sameEmail = try CLIRunner.run(
                ["user", "add", "ana2", "--email", "ANA@example.com", "--password-stdin", "--data", data], stdin: Self.stdin("another password"))
            #expect(sameEmail.status != 0)
            #expect(sameEmail.stderr.contains("already exists"))
        }
    }

    @Test("user add refuses short, empty or missing passwords, bad usernames, e-mails and zones, and writes nothing")
    func addRefusals() throws {
        try Self.withDataFile { data in
            let cases: [(arguments: [String], stdin: String?, message: String)] = [
                (["ana", "--email", "ana@example.com", "--password-stdin"], "short", "at least 8 characters"),
                (["ana", "--email", "ana@example.com", "--password-stdin"], "", "the password is empty"),
                (["ana", "--email", "ana@example.com", "--password-stdin"], nil, "no password on standard input"),
                (["a:b", "--email", "ana@example.com"], nil, "may contain only"),
                (["ana", "--email", "not-an-address"], nil, "is not an e-mail address"),
                (["ana", "--email", "ana@example.com", "--time-zone", "Mars/Olympus_Mons"], nil, "unknown time zone"),
            ]
            for testCase in cases {
                let result = try CLIRunner.run(
                    ["user", "add"] + testCase.arguments + ["--data", data], stdin: testCase.stdin.map { Data(($0 + "\n").utf8) } ?? Data())
                #expect(result.status != 0, "\(testCase.arguments)")
                #expect(result.stderr.contains(testCase.message), "\(testCase.arguments): \(result.stderr)")
            }
            let listed = try CLIRunner.run(["user", "list", "--data", data])
            #expect(listed.stdout == "no users\n" || listed.stderr.contains("no database"))
        }
    }

    @Test("user passwd sets a new password, generated or from stdin; unknown users and short passwords fail")
    func passwd() throws {
        try Self.withDataFile { data in
            _ = try CLIRunner.run(
                ["user", "add", "ana", "--email", "ana@example.com", "--password-stdin", "--data", data], stdin: Self.stdin("first password"))
            let fromStdin = try CLIRunner.run(["user", "passwd", "ana", "--password-stdin", "--data", data], stdin: Self.stdin("second password"))
            #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
            #expect(fromStdin.stdout == "password of ana changed\n")
            let generated = try CLIRunner.run(["user", "passwd", "ana", "--data", data])
            #expect(generated.status == 0, "\(generated.stderr)")
            #expect(generated.stdout.contains("password: "))

            let unknown = try CLIRunner.run(["user", "passwd", "nobody", "--password-stdin", "--data", data], stdin: Self.stdin("third password"))
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("unknown user \"nobody\""))
            let caseMatters = try CLIRunner.run(["user", "passwd", "ANA", "--password-stdin", "--data", data], stdin: Self.stdin("third password"))
            #expect(caseMatters.status != 0)
            let short = try CLIRunner.run(["user", "passwd", "ana", "--password-stdin", "--data", data], stdin: Self.stdin("1234567"))
            #expect(short.status != 0)
            #expect(short.stderr.contains("at least 8 characters"))
        }
    }

    @Test("token create prints only a new hor_ token; unknown users, empty names and missing databases fail")
    func tokenCreate() throws {
        try Self.withDataFile { data in
            let missing = try CLIRunner.run(["token", "create", "ci", "--user", "ana", "--data", data])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("no database at"))
            #expect(!FileManager.default.fileExists(atPath: data))

            _ = try CLIRunner.run(
                ["user", "add", "ana", "--email", "ana@example.com", "--password-stdin", "--data", data], stdin: Self.stdin("first password"))
            let created = try CLIRunner.run(["token", "create", "ci", "--user", "ana", "--data", data])
            #expect(created.status == 0, "\(created.stderr)")
            let token = created.stdout.trimmingCharacters(in: .newlines)
            #expect(token.hasPrefix("hor_") && token.count == 47)
            #expect(created.stderr.contains("shown only this once"))
            let again = try CLIRunner.run(["token", "create", "ci", "--user", "ana", "--data", data])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.trimmingCharacters(in: .newlines) != token)

            let unknown = try CLIRunner.run(["token", "create", "ci", "--user", "nobody", "--data", data])
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("unknown user \"nobody\""))
            let empty = try CLIRunner.run(["token", "create", " ", "--user", "ana", "--data", data])
            #expect(empty.status != 0)
            #expect(empty.stderr.contains("the token name is empty"))
        }
    }
}
