import Foundation
import HTTPTypes
import SQLiteStore
import Store
import Testing

/// `/api/bookings` against a live server and a real SQLite file: the JSON shape, every filter,
/// refused parameters, and isolation between users.
struct BookingAPITests {
    typealias F = EventTypeAPIFixtures

    /// Alice's bookings: on the online type, monday 12:00Z, tuesday 12:00Z (cancelled), and an
    /// overnight one from wednesday 23:30Z; on the clinic type, tuesday 17:00Z.
    struct Setup {
        var online: [String: Any]
        var clinic: [String: Any]
        var ids: [String: String]

        static func make(_ api: APIClient, _ server: TestServer) async throws -> Setup {
            _ = try await F.schedule(api, F.remoteWork)
            let clinicSchedule = try await F.schedule(api, F.clinic)
            let online = try await F.eventType(api, #"{"title": "Online", "duration": 50}"#)
            let clinic = try await F.eventType(api, #"{"title": "Clinic", "duration": 60, "scheduleId": "\#(clinicSchedule)"}"#)
            var ids: [String: String] = [:]
            ids["monday"] = try await F.book(server.store, online, "2025-11-17T12:00:00Z", notes: "First time").id
            ids["tuesday"] = try await F.book(server.store, online, "2025-11-18T12:00:00Z", status: .cancelled).id
            ids["clinic"] = try await F.book(server.store, clinic, "2025-11-18T17:00:00Z", minutes: 60).id
            ids["overnight"] = try await F.book(server.store, online, "2025-11-19T23:30:00Z", minutes: 90).id
            return Setup(online: online, clinic: clinic, ids: ids)
        }

        /// The short names of the bookings a list answer holds, in order.
        func names(_ answer: APIClient.Answer) -> [String] {
            let byId = Dictionary(uniqueKeysWithValues: ids.map { ($0.value, $0.key) })
            return answer.array.map { byId[$0["id"] as? String ?? ""] ?? "?" }
        }
    }

    @Test("a booking's JSON: ids, uid, RFC 3339 times, status, attendee, location, notes, sequence, timestamps")
    func shape() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            let setup = try await Setup.make(api, server)
            let id = try #require(setup.ids["monday"])
            let answer = try await api.get("/api/bookings/\(id)")
            #expect(answer.status == .ok)
            let booking = answer.object
            #expect(
                Set(booking.keys) == [
                    "id", "uid", "userId", "eventTypeId", "scheduleId", "start", "end", "status", "attendee", "location", "notes", "sequence",
                    "cancellationReason", "createdAt", "updatedAt",
                ])
            #expect(booking["id"] as? String == id && (booking["uid"] as? String)?.hasSuffix("@horario") == true)
            #expect(booking["userId"] as? String == server.userIDs["alice"])
            #expect(booking["eventTypeId"] as? String == setup.online["id"] as? String)
            #expect(booking["scheduleId"] as? String == setup.online["scheduleId"] as? String)
            #expect(booking["start"] as? String == "2025-11-17T12:00:00Z" && booking["end"] as? String == "2025-11-17T12:50:00Z")
            #expect(booking["status"] as? String == "confirmed")
            #expect(
                F.canonical(booking["attendee"])
                    == F.canonical(json: #"{"name": "Carla Souza", "email": "carla@example.org", "timeZone": "America/Sao_Paulo"}"#))
            #expect(booking["location"] as? String == "Video call (zoom)" && booking["notes"] as? String == "First time")
            #expect(booking["sequence"] as? Int == 0)
            #expect(booking["createdAt"] as? String == "2025-11-01T12:00:00Z" && booking["updatedAt"] as? String == "2025-11-01T12:00:00Z")

            let cancelled = try await api.get("/api/bookings/\(try #require(setup.ids["tuesday"]))")
            #expect(cancelled.object["status"] as? String == "cancelled" && cancelled.object["notes"] is NSNull)
            #expect(try await api.get("/api/bookings/nope").status == .notFound)
        }
    }

    @Test("the list is ordered by start; from/to select overlapping bookings; status, scheduleId and eventTypeId filter")
    func filters() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            let setup = try await Setup.make(api, server)
            let online = try #require(setup.online["id"] as? String)
            let clinicSchedule = try #require(setup.clinic["scheduleId"] as? String)
            let expectations: [(query: String, names: [String])] = [
                ("", ["monday", "tuesday", "clinic", "overnight"]),
                ("?from=2025-11-17T12:50:00Z&to=2025-11-18T12:00:00Z", []),
                ("?from=2025-11-17T12:49:59Z&to=2025-11-18T12:00:01Z", ["monday", "tuesday"]),
                ("?from=2025-11-17T09:10:00-03:00&to=2025-11-17T09:20:00-03:00", ["monday"]),
                ("?from=2025-11-17T12:10:00.500Z", ["monday", "tuesday", "clinic", "overnight"]),
                ("?from=2025-11-20T00:00:00%2B00:00", ["overnight"]),
                ("?to=2025-11-18T12:00:00Z", ["monday"]),
                ("?status=cancelled", ["tuesday"]),
                ("?status=confirmed", ["monday", "clinic", "overnight"]),
                ("?scheduleId=\(clinicSchedule)", ["clinic"]),
                ("?eventTypeId=\(online)", ["monday", "tuesday", "overnight"]),
                ("?eventTypeId=\(online)&status=confirmed&from=2025-11-18T00:00:00Z", ["overnight"]),
                ("?from=2025-11-18T00:00:00Z&to=2025-11-19T00:00:00Z&status=confirmed", ["clinic"]),
                ("?from=&status=", ["monday", "tuesday", "clinic", "overnight"]),
                ("?scheduleId=nope", []),
            ]
            for (query, names) in expectations {
                let answer = try await api.get("/api/bookings\(query)")
                #expect(answer.status == .ok, "\(query): \(answer.text)")
                #expect(setup.names(answer) == names, "\(query)")
            }
        }
    }

    @Test("a bad parameter is 422 naming it, all of them at once; from after to is 422")
    func badParameters() async throws {
        try await TestServer.make().run { api in
            let expectations: [(query: String, paths: [String])] = [
                ("?from=yesterday", ["from"]),
                ("?to=2025-11-17", ["to"]),
                ("?from=2025-11-17T25:00:00Z", ["from"]),
                ("?from=2025-11-17T12:00:00", ["from"]),
                ("?status=pending", ["status"]),
                ("?from=2025-11-18T00:00:00Z&to=2025-11-17T00:00:00Z", ["to"]),
                ("?from=soon&to=later&status=maybe", ["from", "to", "status"]),
            ]
            for (query, paths) in expectations {
                let answer = try await api.get("/api/bookings\(query)")
                #expect(answer.status == .unprocessableContent, "\(query)")
                #expect(answer.headers[.contentType] == "application/problem+json")
                #expect(answer.errorPaths == paths, "\(query): \(answer.text)")
            }
            let answer = try await api.get("/api/bookings?from=yesterday")
            #expect(answer.object["detail"] as? String == #"from: "yesterday" is not an RFC 3339 date-time (e.g. 2025-11-12T09:00:00Z)"#)
            #expect(try await api.get("/api/bookings?from=2025-11-17T00:00:00Z&to=2025-11-17T00:00:00Z").status == .ok)
        }
    }
}
