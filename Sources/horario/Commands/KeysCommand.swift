import ArgumentParser
import Auth
import Connections
import Foundation
import SQLiteStore
import Store

/// `horario keys …`: the key that seals calendar connection secrets at rest.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the key that encrypts calendar passwords and tokens at rest.",
        subcommands: [Rotate.self]
    )

    /// `horario keys rotate`: a new current key in the ring file, every secret sealed again
    /// under it, then the old keys dropped once no row uses them.
    ///
    /// The ring is the file `serve` reads: `HORARIO_SECRET_KEYS_FILE`, `HORARIO_SECRET_KEY_FILE`,
    /// or `<database>.key`. A key given inline in `HORARIO_SECRET_KEY` cannot be rewritten:
    /// move it to a file first. Run it with the server stopped, or restart the server after:
    /// a running server opens only the keys it read at start.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate", abstract: "Seal every stored secret under a new key and retire the old one.")

        @OptionGroup var data: DataOptions

        mutating func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let loaded: SecretKeyRing.Loaded
            do {
                loaded = try SecretKeyRing.load(
                    environment: environment, defaultFile: SecretKeyRing.defaultFile(forDatabase: data.sqlitePath), create: false)
            } catch {
                throw CommandFailure("\(error)")
            }
            guard let file = loaded.file else {
                throw CommandFailure("the key comes from HORARIO_SECRET_KEY; put it in a file (HORARIO_SECRET_KEYS_FILE) to rotate it")
            }
            let database = try await data.open()
            let newKey = SecretBox.Key(id: (loaded.box.keys.map(\.id).max() ?? 0) % Int(UInt16.max) + 1, bytes: SecureRandom.bytes(count: 32))!
            // Written first, old keys kept: a crash half way leaves every row readable.
            do {
                try SecretKeyRing.write([newKey] + loaded.box.keys, to: file)
            } catch {
                throw CommandFailure("\(error)")
            }
            let vault = CredentialVault(box: SecretBox(keys: [newKey] + loaded.box.keys))
            var resealed = 0
            var unreadable: [String] = []
            for (connectionId, _) in try await database.sealedConnectionKeys() {
                guard let sealed = try await database.credentials(connectionId: connectionId) else { continue }
                do {
                    try await database.replaceCredentials(connectionId: connectionId, with: vault.reseal(sealed, connectionId: connectionId))
                    resealed += 1
                } catch {
                    unreadable.append(connectionId)
                }
            }
            let left = try await database.sealedConnectionKeys().filter { $0.keyId != newKey.id }.count
            if left == 0 {
                do {
                    try SecretKeyRing.write([newKey], to: file)
                } catch {
                    throw CommandFailure("\(error)")
                }
            }
            print("key \(newKey.id) now seals; \(resealed) connection secret(s) sealed again; \(left) row(s) left on old keys")
            if !unreadable.isEmpty {
                FileHandle.standardError.write(
                    Data("could not open the secrets of \(unreadable.joined(separator: ", ")) with the configured keys; reconnect them\n".utf8))
            }
            FileHandle.standardError.write(Data("restart horario serve to use the new key\n".utf8))
        }
    }
}
