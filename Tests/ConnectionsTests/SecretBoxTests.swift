import Auth
import Connections
import Foundation
import Testing

@Suite("Secrets at rest: AES-256-GCM bound to their row and column")
struct SecretBoxTests {
    static func key(_ id: Int) -> SecretBox.Key { SecretBox.Key(id: id, bytes: SecureRandom.bytes(count: 32))! }

    @Test("a sealed secret opens in its place, and only there")
    func boundToPlace() throws {
        let box = SecretBox(keys: [Self.key(1)])
        let place = SecretBox.place(table: "calendar_connections", row: "c1", column: "credentials")
        let sealed = box.seal(Array("hunter2".utf8), place: place)
        #expect(!sealed.contains("hunter2"))
        #expect(try box.open(sealed, place: place) == Array("hunter2".utf8))
        #expect(throws: SecretBox.Failure.cannotOpen) {
            try box.open(sealed, place: SecretBox.place(table: "calendar_connections", row: "c2", column: "credentials"))
        }
        // Two seals of one secret differ (a fresh nonce each time).
        #expect(box.seal(Array("hunter2".utf8), place: place) != sealed)
    }

    @Test("a changed byte, another key or garbage does not open")
    func tampering() throws {
        let box = SecretBox(keys: [Self.key(1)])
        let place = "horario/v1|t|r|c"
        var sealed = Array(box.seal(Array("secret".utf8), place: place).utf8)
        let index = sealed.count - 3
        sealed[index] = sealed[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let altered = String(decoding: sealed, as: UTF8.self)
        #expect(throws: SecretBox.Failure.self) { try box.open(altered, place: place) }
        let other = SecretBox(keys: [Self.key(1)])
        #expect(throws: SecretBox.Failure.cannotOpen) { try other.open(box.seal([1, 2, 3], place: place), place: place) }
        #expect(throws: SecretBox.Failure.cannotOpen) { try box.open("not an envelope", place: place) }
        #expect(throws: SecretBox.Failure.cannotOpen) { try box.open("", place: place) }
    }

    @Test("rotation: the new key seals, the old one still opens, an unknown one is named")
    func rotation() throws {
        let old = Self.key(1)
        let new = Self.key(2)
        let place = "horario/v1|t|r|c"
        let sealedOld = SecretBox(keys: [old]).seal(Array("a".utf8), place: place)
        let ring = SecretBox(keys: [new, old])
        #expect(try ring.open(sealedOld, place: place) == Array("a".utf8))
        let sealedNew = ring.seal(Array("a".utf8), place: place)
        #expect(SecretBox.keyId(of: sealedNew) == 2 && SecretBox.keyId(of: sealedOld) == 1)
        #expect(throws: SecretBox.Failure.unknownKey(2)) { try SecretBox(keys: [old]).open(sealedNew, place: place) }
    }

    @Test("the key ring: created once with mode 0600, read back, and the environment wins")
    func keyRing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ring-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/horario.sqlite.key"
        let created = try SecretKeyRing.load(environment: [:], defaultFile: file, create: true)
        #expect(created.created && created.file == file)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try SecretKeyRing.load(environment: [:], defaultFile: file, create: true)
        #expect(!again.created)
        let place = "horario/v1|t|r|c"
        #expect(try again.box.open(created.box.seal([7], place: place), place: place) == [7])
        #expect(throws: SecretKeyRing.Failure.self) { try SecretKeyRing.load(environment: [:], defaultFile: folder + "/none", create: false) }
        let fromEnvironment = try SecretKeyRing.load(
            environment: ["HORARIO_SECRET_KEY": Data(repeating: 9, count: 32).base64EncodedString()], defaultFile: file, create: true)
        #expect(fromEnvironment.source == "HORARIO_SECRET_KEY")
        #expect(throws: SecretKeyRing.Failure.self) {
            try SecretKeyRing.load(environment: ["HORARIO_SECRET_KEY": "short"], defaultFile: file, create: true)
        }
        try "2:\(Data(repeating: 1, count: 32).base64EncodedString())\n1:\(Data(repeating: 2, count: 32).base64EncodedString())\n"
            .write(toFile: folder + "/ring", atomically: true, encoding: .utf8)
        let ring = try SecretKeyRing.ring(fromFile: folder + "/ring")
        #expect(ring.keys.map(\.id) == [2, 1])
    }
}
