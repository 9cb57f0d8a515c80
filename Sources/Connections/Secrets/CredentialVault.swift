public import Auth
import Foundation
public import Store

/// Seals and opens a connection's credentials, bound to its row: what the store keeps is an
/// AES-256-GCM envelope of the JSON (`{username, password}` for CalDAV, the tokens for OAuth).
public struct CredentialVault: Sendable {
    public let box: SecretBox

    public init(box: SecretBox) {
        self.box = box
    }

    static func place(_ connectionId: String) -> String {
        SecretBox.place(table: "calendar_connections", row: connectionId, column: "credentials")
    }

    public func seal(_ credentials: ConnectionCredentials, connectionId: String) -> SealedCredentials {
        SealedCredentials(ciphertext: box.seal([UInt8](credentials.json), place: Self.place(connectionId)), keyId: box.currentKeyId)
    }

    public func open(_ sealed: SealedCredentials, connectionId: String) throws -> ConnectionCredentials {
        var plaintext = try box.open(sealed.ciphertext, place: Self.place(connectionId))
        defer { for index in plaintext.indices { plaintext[index] = 0 } }
        return try ConnectionCredentials.decode(Data(plaintext))
    }

    /// The same secret sealed under the ring's current key (rotation).
    public func reseal(_ sealed: SealedCredentials, connectionId: String) throws -> SealedCredentials {
        var plaintext = try box.open(sealed.ciphertext, place: Self.place(connectionId))
        defer { for index in plaintext.indices { plaintext[index] = 0 } }
        return SealedCredentials(ciphertext: box.seal(plaintext, place: Self.place(connectionId)), keyId: box.currentKeyId)
    }
}
