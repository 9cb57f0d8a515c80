import Foundation
import GRDB
import SQLiteStore
import Store
import Testing

/// PROPPATCH applied atomically, shown with a trigger that makes the SQLite file refuse one
/// property. The rest of the dead-property store is in StoreContractTests (DeadPropertyStoreTests).
struct DeadPropertySQLiteTests {
    static let color = DeadProperty(namespace: "urn:a", name: "color", xml: "<a:color xmlns:a=\"urn:a\">blue</a:color>")
    static let size = DeadProperty(namespace: "urn:a", name: "size", xml: "<a:size xmlns:a=\"urn:a\">3</a:size>")

    @Test("an update is all or nothing: when a later statement fails, the earlier removal and set are undone")
    func atomic() async throws {
        let home = try await SQLiteHome.make()
        let store = home.store
        let user = home.alice.id
        try await store.updateDeadProperties(path: "p", ownedBy: user, set: [Self.color], remove: [])
        // A trigger makes the database refuse one property, after the others have been written.
        try await DatabaseQueue(path: store.path).write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse_boom BEFORE INSERT ON dead_properties WHEN NEW.name = 'boom'
                    BEGIN SELECT RAISE(ABORT, 'boom refused'); END
                    """)
        }
        let boom = DeadProperty(namespace: "urn:a", name: "boom", xml: "<a:boom xmlns:a=\"urn:a\"/>")
        await #expect(throws: DatabaseError.self) {
            try await store.updateDeadProperties(
                path: "p", ownedBy: user, set: [Self.size, boom], remove: [XMLQualifiedName(namespace: "urn:a", name: "color")])
        }
        #expect(try await store.deadProperties(path: "p", ownedBy: user) == [Self.color])
        // Properties of an unknown user break the foreign key.
        await #expect(throws: DatabaseError.self) { try await store.updateDeadProperties(path: "p", ownedBy: "ghost", set: [Self.size], remove: []) }
    }
}
