import Availability
import Foundation
import HTTPTypes
import SQLiteStore
import Store
import Testing

/// The spec's schedule endpoints against a live server and a real SQLite file.
struct ScheduleAPITests {
    static let remoteWork = """
        {"name": "Remote Work", "timezone": "America/Sao_Paulo",
         "availability": [{"day": "monday", "slots": [{"startTime": "09:00", "endTime": "17:00"}]}],
         "location": {"type": "remote", "videoProvider": "zoom"}}
        """
    static let clinic = """
        {"name": "Clinic - In-Person", "timezone": "America/Sao_Paulo",
         "availability": [{"day": "tuesday", "slots": [{"startTime": "14:00", "endTime": "18:00"}]},
                          {"day": "thursday", "slots": [{"startTime": "14:00", "endTime": "18:00"}]}],
         "dateOverrides": [{"date": "2025-12-25", "type": "unavailable", "reason": "Holiday"}],
         "location": {"type": "inPerson", "address": {"street": "Av. Paulista, 1000", "city": "São Paulo", "state": "SP",
                      "postalCode": "01310-100", "country": "Brazil"}}}
        """

    @Test("requests without or with wrong credentials get 401 with a Basic challenge, as problem+json")
    func authenticationRequired() async throws {
        try await TestServer.make().run { api in
            let anonymous = try await api.get("/api/availability/schedules", as: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Basic realm=\"Horario\"") == true)
            #expect(anonymous.headers[.contentType] == "application/problem+json")
            let me = try await api.get("/api/me")
            #expect(me.status == .ok && me.object["username"] as? String == "alice")
            #expect(me.object["passwordHash"] == nil)
        }
    }

    @Test("create, list, get: the first schedule is the default; the zone defaults to the user's")
    func createListGet() async throws {
        try await TestServer.make().run { api in
            let created = try await api.post("/api/availability/schedules", Self.remoteWork)
            #expect(created.status == .created)
            let id = try #require(created.object["id"] as? String)
            #expect(created.headers[.location] == "/api/availability/schedules/\(id)")
            #expect(created.object["isDefault"] as? Bool == true)
            #expect(created.object["isActive"] as? Bool == true)
            #expect((created.object["location"] as? [String: Any])?["videoProvider"] as? String == "zoom")
            #expect(created.object["createdAt"] is String && created.object["updatedAt"] is String)

            let minimal = try await api.post("/api/availability/schedules", #"{"name": "Evenings"}"#)
            #expect(minimal.status == .created)
            #expect(minimal.object["timezone"] as? String == "America/Sao_Paulo")
            #expect(minimal.object["isDefault"] as? Bool == false)

            let list = try await api.get("/api/availability/schedules")
            #expect(list.array.map { $0["name"] as? String } == ["Remote Work", "Evenings"])
            let one = try await api.get("/api/availability/schedules/\(id)")
            #expect(one.object["name"] as? String == "Remote Work")
            #expect(try await api.get("/api/availability/schedules/no-such-id").status == .notFound)
        }
    }

    @Test("every invalid field is named with its path, the answer is 422, and nothing is written")
    func validationErrors() async throws {
        try await TestServer.make().run { api in
            let bad = """
                {"name": "", "timezone": "Mars/Olympus",
                 "availability": [{"day": "monday", "slots": [{"startTime": "10:00", "endTime": "09:00"}]}],
                 "location": {"type": "inPerson"}}
                """
            let answer = try await api.post("/api/availability/schedules", bad)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.headers[.contentType] == "application/problem+json")
            #expect(answer.errorPaths == ["name", "timezone", "availability[0].slots[0].endTime", "location.address"])
            #expect(try await api.get("/api/availability/schedules").array.isEmpty)

            let wrongType = try await api.post("/api/availability/schedules", #"{"name": "x", "availability": "always"}"#)
            #expect(wrongType.status == .unprocessableContent && wrongType.errorPaths == ["availability"])
            let missing = try await api.post("/api/availability/schedules", #"{"timezone": "UTC"}"#)
            #expect(missing.status == .unprocessableContent && missing.errorPaths == ["name"])
            #expect(try await api.post("/api/availability/schedules", #"{"name": "#).status == .badRequest)
            let huge = "{\"name\": \"" + String(repeating: "x", count: 2_000_000) + "\"}"
            #expect(try await api.post("/api/availability/schedules", huge).status == .contentTooLarge)
            #expect(try await api.get("/api/availability/schedules").array.isEmpty)
        }
    }

    @Test("PATCH replaces what is present; an invalid PATCH changes nothing")
    func patch() async throws {
        try await TestServer.make().run { api in
            let id = try #require(try await api.post("/api/availability/schedules", Self.remoteWork).object["id"] as? String)
            let renamed = try await api.patch("/api/availability/schedules/\(id)", #"{"name": "Remote", "isActive": false}"#)
            #expect(renamed.status == .ok)
            #expect(renamed.object["name"] as? String == "Remote" && renamed.object["isActive"] as? Bool == false)
            #expect((renamed.object["availability"] as? [Any])?.count == 1)
            let invalid = try await api.patch(
                "/api/availability/schedules/\(id)", #"{"name": "Changed", "dateOverrides": [{"date": "2025-02-30", "type": "unavailable"}]}"#)
            #expect(invalid.status == .unprocessableContent && invalid.errorPaths == ["dateOverrides[0].date"])
            #expect(try await api.get("/api/availability/schedules/\(id)").object["name"] as? String == "Remote")
        }
    }

    @Test("one default per user: set-default moves it, the default cannot be unset or deleted, others can be deleted")
    func defaultRule() async throws {
        try await TestServer.make().run { api in
            let first = try #require(try await api.post("/api/availability/schedules", Self.remoteWork).object["id"] as? String)
            let second = try #require(try await api.post("/api/availability/schedules", Self.clinic).object["id"] as? String)
            let moved = try await api.post("/api/availability/schedules/\(second)/set-default")
            #expect(moved.status == .ok && moved.object["isDefault"] as? Bool == true)
            #expect(try await api.get("/api/availability/schedules/\(first)").object["isDefault"] as? Bool == false)
            let unset = try await api.patch("/api/availability/schedules/\(second)", #"{"isDefault": false}"#)
            #expect(unset.status == .conflict)
            let deleteDefault = try await api.delete("/api/availability/schedules/\(second)")
            #expect(deleteDefault.status == .conflict)
            #expect((deleteDefault.object["detail"] as? String)?.contains("default") == true)
            let newDefault = try await api.post("/api/availability/schedules", #"{"name": "Third", "isDefault": true}"#)
            #expect(newDefault.object["isDefault"] as? Bool == true)
            #expect(try await api.get("/api/availability/schedules/\(second)").object["isDefault"] as? Bool == false)
            let deleted = try await api.delete("/api/availability/schedules/\(first)")
            #expect(deleted.status == .ok && deleted.object["success"] as? Bool == true)
            #expect(try await api.get("/api/availability/schedules/\(first)").status == .notFound)
        }
    }

    @Test("concurrent set-default calls leave exactly one default schedule")
    func concurrentSetDefault() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            var ids: [String] = []
            for index in 0..<4 {
                ids.append(try #require(try await api.post("/api/availability/schedules", "{\"name\": \"S\(index)\"}").object["id"] as? String))
            }
            let targets = ids
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for round in 0..<24 {
                    group.addTask { try await api.post("/api/availability/schedules/\(targets[round % targets.count])/set-default").status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok })
            let defaults = try await api.get("/api/availability/schedules").array.filter { $0["isDefault"] as? Bool == true }
            #expect(defaults.count == 1)
        }
        let stored = try await server.store.schedules(ownedBy: try #require(server.userIDs["alice"]))
        #expect(stored.filter(\.schedule.isDefault).count == 1)
    }

    @Test("another user's schedules are 404 on every route, and never listed")
    func isolation() async throws {
        try await TestServer.make().run { api in
            let id = try #require(try await api.post("/api/availability/schedules", Self.remoteWork).object["id"] as? String)
            _ = try await api.post("/api/availability/schedules", Self.clinic)
            #expect(try await api.get("/api/availability/schedules", as: "bob").array.isEmpty)
            #expect(try await api.get("/api/availability/schedules/\(id)", as: "bob").status == .notFound)
            #expect(try await api.patch("/api/availability/schedules/\(id)", #"{"name": "mine"}"#, as: "bob").status == .notFound)
            #expect(try await api.post("/api/availability/schedules/\(id)/set-default", as: "bob").status == .notFound)
            #expect(try await api.delete("/api/availability/schedules/\(id)", as: "bob").status == .notFound)
            #expect(try await api.get("/api/availability/schedules/\(id)").object["name"] as? String == "Remote Work")
        }
    }
}

extension ScheduleAPITests {
    @Test("a schedule can belong only to an organization its owner is a member of; others are 404, never 500")
    func organizationMembershipRequired() async throws {
        try await TestServer.make().run { api in
            let organization = try await api.post("/api/organizations", #"{"name": "Clínica São Paulo"}"#)
            let orgId = try #require(organization.object["id"] as? String)
            let mine = try await api.post("/api/availability/schedules", "{\"name\": \"Clinic\", \"organizationId\": \"\(orgId)\"}")
            #expect(mine.status == .created && mine.object["organizationId"] as? String == orgId)
            let foreign = try await api.post("/api/availability/schedules", "{\"name\": \"Sneaky\", \"organizationId\": \"\(orgId)\"}", as: "bob")
            #expect(foreign.status == .notFound)
            let unknown = try await api.post("/api/availability/schedules", #"{"name": "Ghost", "organizationId": "no-such-org"}"#)
            #expect(unknown.status == .notFound)
            #expect(try await api.get("/api/availability/schedules", as: "bob").array.isEmpty)
        }
    }
}
