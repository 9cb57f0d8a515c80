import Foundation
import GRDB
import Store
import Testing

@testable import SQLiteStore

/// The SQLite side of the listing behind PROPFIND Depth 1: stored date text read as SQLite reads
/// it, and a second connection pool on the same file. The listing's agreement with the object
/// reads is in StoreContractTests (ObjectListingTests).
struct ObjectListingSQLiteTests {
    typealias D = DAVFixtures

    @Test("stored date text is read as SQLite's julianday reads it, in every form SQLite accepts here")
    func dateText() throws {
        let queue = try DatabaseQueue()
        let texts = [
            "2026-12-05 21:41:41.857", "1970-01-01 00:00:00.000", "2000-02-29 23:59:59.999", "1969-12-31 23:59:59.001", "2026-12-05T21:41:41",
            "2026-12-05 21:41:41.8", "2026-12-05 21:41:41.12345", "2400-03-01 00:00:00.000", "1900-01-01 12:00:00.500",
        ]
        for text in texts {
            let expected = try queue.read { db in
                try Double.fetchOne(db, sql: "SELECT (julianday(?) - 2440587.5) * 86400000.0", arguments: [text])
            }
            let read = Array(text.utf8).withUnsafeBufferPointer { StoredDateText.milliseconds($0) }
            #expect(read.map(Double.init) == expected.map { $0.rounded() }, "\(text)")
        }
        for garbage in ["", "2026-12-05", "2026-13-05 00:00:00", "2026-12-05 21:41:41.", "2026-12-05 21:41:4x", "yesterday"] {
            #expect(Array(garbage.utf8).withUnsafeBufferPointer { StoredDateText.milliseconds($0) } == nil, "\(garbage)")
        }
    }

    @Test("a listing cached by one connection pool is not served after another one wrote to the same file")
    func cachedListingAcrossInstances() async throws {
        let home = try await SQLiteHome.make()
        let second = try SQLiteDatabase(path: home.store.path)
        let personal = home.personal.id
        _ = try await home.store.putCalendarObject(D.object("a.ics"), in: personal, condition: .none)
        #expect(try await second.objectListing(in: personal).objects.map(\.name) == ["a.ics"])
        _ = try await home.store.putCalendarObject(D.object("b.ics"), in: personal, condition: .none)
        #expect(try await second.objectListing(in: personal).objects.map(\.name) == ["a.ics", "b.ics"])
    }
}
