import Auth
import Foundation
import HTTPTypes
import SQLiteStore
import Store
import Testing

/// The organization and membership endpoints against a live server and a real SQLite file:
/// every route, every role rule, 404 for non-members everywhere, and the last owner kept.
struct OrganizationAPITests {
    /// The shared server with two more users: carol and dave (and `e.lima@clinic`, whose name
    /// needs escaping in a URL).
    static func server() async throws -> TestServer {
        var server = try await TestServer.make()
        let hasher = PasswordHasher(iterations: 1_000)
        for name in ["carol", "dave", "e.lima@clinic"] {
            let user = try await server.store.createUser(
                NewUser(username: name, displayName: name.capitalized, email: "\(name.prefix(5))@example.org"),
                passwordHash: hasher.hash(TestServer.password(name)))
            server.userIDs[name] = user.id
        }
        return server
    }

    /// alice's clinic with bob as admin and carol as member; its id.
    static func clinic(_ api: APIClient) async throws -> String {
        let created = try await api.post("/api/organizations", #"{"name": "Partner Clinic"}"#)
        let id = try #require(created.object["id"] as? String)
        #expect(try await api.post("/api/organizations/\(id)/members", #"{"username": "bob", "role": "admin"}"#).status == .created)
        #expect(try await api.post("/api/organizations/\(id)/members", #"{"username": "carol"}"#).status == .created)
        return id
    }

    @Test("create, list, get: the creator is the owner, the slug comes from the name, a taken slug is a conflict")
    func createListGet() async throws {
        try await Self.server().run { api in
            let created = try await api.post("/api/organizations", #"{"name": "Clínica São Paulo"}"#)
            #expect(created.status == .created)
            let id = try #require(created.object["id"] as? String)
            #expect(created.headers[.location] == "/api/organizations/\(id)")
            #expect(created.object["slug"] as? String == "clinica-sao-paulo")
            #expect(created.object["role"] as? String == "owner")
            #expect(created.object["createdAt"] is String)

            let explicit = try await api.post("/api/organizations", #"{"name": "Ana's Practice", "slug": "ana"}"#)
            #expect(explicit.status == .created && explicit.object["slug"] as? String == "ana")
            let taken = try await api.post("/api/organizations", #"{"name": "Another", "slug": "ana"}"#, as: "bob")
            #expect(taken.status == .conflict && taken.headers[.contentType] == "application/problem+json")

            let list = try await api.get("/api/organizations")
            #expect(list.array.map { $0["name"] as? String } == ["Ana's Practice", "Clínica São Paulo"])
            #expect(try await api.get("/api/organizations/\(id)").object["name"] as? String == "Clínica São Paulo")
            #expect(try await api.get("/api/organizations", as: "bob").array.isEmpty)
            #expect(try await api.get("/api/organizations", as: nil).status == .unauthorized)
        }
    }

    @Test("invalid names, slugs, roles and usernames are 422 with their paths, malformed JSON is 400, and nothing is written")
    func validation() async throws {
        try await Self.server().run { api in
            let bad = try await api.post("/api/organizations", #"{"name": "  ", "slug": "Bad Slug"}"#)
            #expect(bad.status == .unprocessableContent && bad.errorPaths == ["name", "slug"])
            #expect(try await api.post("/api/organizations", #"{"slug": "ok"}"#).errorPaths == ["name"])
            #expect(try await api.post("/api/organizations", #"{"name": 7}"#).errorPaths == ["name"])
            #expect(try await api.post("/api/organizations", #"{"name": "#).status == .badRequest)
            let huge = "{\"name\": \"" + String(repeating: "x", count: 2_000_000) + "\"}"
            #expect(try await api.post("/api/organizations", huge).status == .contentTooLarge)
            let long = try await api.post("/api/organizations", "{\"name\": \"\(String(repeating: "x", count: 201))\"}")
            #expect(long.status == .unprocessableContent && long.errorPaths == ["name"])
            #expect(try await api.get("/api/organizations").array.isEmpty)

            let id = try await Self.clinic(api)
            #expect(try await api.patch("/api/organizations/\(id)", #"{"slug": "-x"}"#).errorPaths == ["slug"])
            let role = try await api.post("/api/organizations/\(id)/members", #"{"username": "dave", "role": "boss"}"#)
            #expect(role.status == .unprocessableContent && role.errorPaths == ["role"])
            #expect((role.object["errors"] as? [[String: Any]])?.first?["message"] as? String == #""boss" is not a role (owner, admin, member)"#)
            #expect(try await api.post("/api/organizations/\(id)/members", #"{"username": "", "role": "boss"}"#).errorPaths == ["username", "role"])
            #expect(try await api.post("/api/organizations/\(id)/members", #"{"role": "admin"}"#).errorPaths == ["username"])
            #expect(try await api.patch("/api/organizations/\(id)/members/carol", #"{"role": "root"}"#).errorPaths == ["role"])
            #expect(try await api.patch("/api/organizations/\(id)/members/carol", "{}").errorPaths == ["role"])
            let members = try await api.get("/api/organizations/\(id)/members")
            #expect(members.array.map { $0["username"] as? String } == ["alice", "bob", "carol"])
            #expect(members.array.map { $0["role"] as? String } == ["owner", "admin", "member"])
        }
    }

    @Test("a non-member gets 404 on every organization route, exactly like an id that does not exist")
    func isolation() async throws {
        try await Self.server().run { api in
            let id = try await Self.clinic(api)
            for target in [id, "no-such-organization"] {
                let base = "/api/organizations/\(target)"
                let answers = [
                    try await api.get(base, as: "dave"),
                    try await api.patch(base, #"{"name": "Taken over"}"#, as: "dave"),
                    try await api.delete(base, as: "dave"),
                    try await api.get("\(base)/members", as: "dave"),
                    try await api.post("\(base)/members", #"{"username": "dave", "role": "owner"}"#, as: "dave"),
                    try await api.patch("\(base)/members/alice", #"{"role": "member"}"#, as: "dave"),
                    try await api.delete("\(base)/members/alice", as: "dave"),
                ]
                #expect(answers.map(\.status) == Array(repeating: .notFound, count: 7), "\(target)")
                #expect(answers.allSatisfy { $0.headers[.contentType] == "application/problem+json" })
                #expect(answers.allSatisfy { $0.object["detail"] as? String == "organization \(target) not found" })
            }
            #expect(try await api.get("/api/organizations", as: "dave").array.isEmpty)
            let members = try await api.get("/api/organizations/\(id)/members")
            #expect(members.array.map { $0["role"] as? String } == ["owner", "admin", "member"])
            #expect(try await api.get("/api/organizations/\(id)").object["name"] as? String == "Partner Clinic")
        }
    }

    @Test("a member reads but every change is 403; unknown members are 404")
    func memberRole() async throws {
        try await Self.server().run { api in
            let id = try await Self.clinic(api)
            let base = "/api/organizations/\(id)"
            let seen = try await api.get(base, as: "carol")
            #expect(seen.status == .ok && seen.object["role"] as? String == "member")
            #expect(try await api.get("\(base)/members", as: "carol").array.count == 3)
            let refused = [
                try await api.patch(base, #"{"name": "Mine"}"#, as: "carol"),
                try await api.delete(base, as: "carol"),
                try await api.post("\(base)/members", #"{"username": "dave"}"#, as: "carol"),
                try await api.patch("\(base)/members/carol", #"{"role": "admin"}"#, as: "carol"),
                try await api.delete("\(base)/members/bob", as: "carol"),
            ]
            #expect(refused.map(\.status) == Array(repeating: .forbidden, count: 5))
            #expect(refused.allSatisfy { $0.headers[.contentType] == "application/problem+json" })
            #expect(refused[0].object["detail"] as? String == "your role in this organization (member) does not allow you to change the organization")
            #expect(try await api.patch("\(base)/members/dave", #"{"role": "admin"}"#).status == .notFound)
            #expect(try await api.delete("\(base)/members/dave").status == .notFound)
            #expect(try await api.post("\(base)/members", #"{"username": "nobody"}"#).status == .notFound)
            #expect(try await api.post("\(base)/members", #"{"username": "carol"}"#).status == .conflict)
            #expect(try await api.get(base).object["name"] as? String == "Partner Clinic")
        }
    }

    @Test("an admin renames and manages non-owners, but cannot grant owner, touch an owner, or delete")
    func adminRole() async throws {
        try await Self.server().run { api in
            let id = try await Self.clinic(api)
            let base = "/api/organizations/\(id)"
            let renamed = try await api.patch(base, #"{"name": "Clinic B", "slug": "clinic-b"}"#, as: "bob")
            #expect(renamed.status == .ok && renamed.object["slug"] as? String == "clinic-b" && renamed.object["role"] as? String == "admin")
            let added = try await api.post("\(base)/members", #"{"username": "dave", "role": "admin"}"#, as: "bob")
            #expect(added.status == .created && added.headers[.location] == "\(base)/members/dave")
            #expect(added.object["displayName"] as? String == "Dave" && added.object["joinedAt"] is String)
            #expect(try await api.patch("\(base)/members/carol", #"{"role": "admin"}"#, as: "bob").object["role"] as? String == "admin")
            #expect(try await api.delete("\(base)/members/dave", as: "bob").object["success"] as? Bool == true)
            let refused = [
                try await api.post("\(base)/members", #"{"username": "dave", "role": "owner"}"#, as: "bob"),
                try await api.patch("\(base)/members/carol", #"{"role": "owner"}"#, as: "bob"),
                try await api.patch("\(base)/members/alice", #"{"role": "member"}"#, as: "bob"),
                try await api.delete("\(base)/members/alice", as: "bob"),
                try await api.delete(base, as: "bob"),
            ]
            #expect(refused.map(\.status) == Array(repeating: .forbidden, count: 5))
            let members = try await api.get("\(base)/members", as: "bob")
            #expect(
                members.array.map { "\($0["username"] as? String ?? ""):\($0["role"] as? String ?? "")" } == [
                    "alice:owner", "bob:admin", "carol:admin",
                ])
        }
    }

    @Test("the last owner can be neither demoted nor removed; after naming another owner they may leave; members may leave")
    func lastOwner() async throws {
        try await Self.server().run { api in
            let id = try await Self.clinic(api)
            let base = "/api/organizations/\(id)"
            let demote = try await api.patch("\(base)/members/alice", #"{"role": "admin"}"#)
            #expect(demote.status == .conflict)
            #expect(demote.object["detail"] as? String == "cannot demote the last owner of the organization; make another member an owner first")
            #expect(try await api.delete("\(base)/members/alice").status == .conflict)
            #expect(try await api.patch("\(base)/members/bob", #"{"role": "owner"}"#).object["role"] as? String == "owner")
            #expect(try await api.delete("\(base)/members/alice").status == .ok)
            #expect(try await api.get(base).status == .notFound)
            #expect(try await api.delete("\(base)/members/carol", as: "carol").status == .ok)
            #expect(try await api.get(base, as: "carol").status == .notFound)
            #expect(try await api.get("\(base)/members", as: "bob").array.map { $0["username"] as? String } == ["bob"])
        }
    }

    @Test("usernames in the path may be percent-encoded")
    func escapedUsername() async throws {
        try await Self.server().run { api in
            let id = try await Self.clinic(api)
            let base = "/api/organizations/\(id)/members"
            let added = try await api.post(base, #"{"username": "e.lima@clinic"}"#)
            #expect(added.status == .created)
            #expect(try await api.patch("\(base)/e.lima%40clinic", #"{"role": "admin"}"#).object["role"] as? String == "admin")
            #expect(try await api.delete("\(base)/e.lima@clinic").status == .ok)
        }
    }

    @Test("deleting needs the owner; afterwards every route is 404 and the clinic's schedules stay as personal ones")
    func delete() async throws {
        try await Self.server().run { api in
            let id = try await Self.clinic(api)
            let schedule = try await api.post("/api/availability/schedules", #"{"name": "Clinic Schedule", "organizationId": "\#(id)"}"#, as: "bob")
            #expect(schedule.status == .created && schedule.object["organizationId"] as? String == id)
            let scheduleId = try #require(schedule.object["id"] as? String)
            let deleted = try await api.delete("/api/organizations/\(id)")
            #expect(deleted.status == .ok && deleted.object["success"] as? Bool == true)
            #expect(try await api.get("/api/organizations/\(id)").status == .notFound)
            #expect(try await api.get("/api/organizations/\(id)/members", as: "bob").status == .notFound)
            #expect(try await api.get("/api/organizations", as: "carol").array.isEmpty)
            let kept = try await api.get("/api/availability/schedules/\(scheduleId)", as: "bob")
            #expect(kept.status == .ok && kept.object["organizationId"] == nil)
        }
    }
}
