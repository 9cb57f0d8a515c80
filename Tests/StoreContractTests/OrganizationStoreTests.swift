import Availability
import Foundation
import Store
import Testing

/// Organizations, on each store: roles are checked in the write's own
/// transaction, an organization always keeps an owner, and deleting or leaving keeps schedules.
struct OrganizationStoreTests {
    /// A database with users ana (the clinic's owner to be), bruno, clara and davi.
    struct Fixture {
        let db: TestStore
        let ids: [String: String]

        static func make(_ kind: StoreKind) async throws -> Fixture {
            let db = try await kind.open()
            var ids: [String: String] = [:]
            for name in ["ana", "bruno", "clara", "davi"] {
                ids[name] = try await db.createUser(NewUser(username: name, email: "\(name)@example.org"), passwordHash: "x").id
            }
            return Fixture(db: db, ids: ids)
        }

        func id(_ name: String) -> String { ids[name]! }

        /// A clinic owned by ana, with bruno as admin and clara as member.
        func clinic() async throws -> String {
            let id = try await db.createOrganization(NewOrganization(name: "Partner Clinic"), by: self.id("ana")).organization.id
            _ = try await db.addMember(username: "bruno", role: .admin, toOrganization: id, by: self.id("ana"))
            _ = try await db.addMember(username: "clara", role: .member, toOrganization: id, by: self.id("ana"))
            return id
        }
    }

    @Test("the creator becomes the owner; slugs come from names and get a suffix when taken", arguments: StoreKind.available)
    func create(_ kind: StoreKind) async throws {
        let f = try await Fixture.make(kind)
        let first = try await f.db.createOrganization(NewOrganization(name: "  Clínica São Paulo "), by: f.id("ana"))
        #expect(first.role == .owner)
        #expect(first.organization.name == "Clínica São Paulo")
        #expect(first.organization.slug == "clinica-sao-paulo")
        let second = try await f.db.createOrganization(NewOrganization(name: "Clinica Sao Paulo"), by: f.id("bruno"))
        #expect(second.organization.slug == "clinica-sao-paulo-2")
        await #expect(throws: StoreError.self) {
            try await f.db.createOrganization(NewOrganization(name: "Other", slug: "clinica-sao-paulo"), by: f.id("clara"))
        }
        let mine = try await f.db.organizations(memberId: f.id("ana"))
        #expect(mine.map(\.organization.slug) == ["clinica-sao-paulo"])
        #expect(try await f.db.organizations(memberId: f.id("clara")).isEmpty)
    }

    @Test("names and slugs are validated with field paths before anything is written", arguments: StoreKind.available)
    func validation(_ kind: StoreKind) async throws {
        let f = try await Fixture.make(kind)
        do {
            _ = try await f.db.createOrganization(NewOrganization(name: " ", slug: "Bad Slug"), by: f.id("ana"))
            Issue.record("expected invalid")
        } catch StoreError.invalid(let issues) {
            #expect(issues.map(\.path) == ["name", "slug"])
        }
        for slug in ["-a", "a-", "a--b", "ÁB", "", String(repeating: "a", count: 65)] {
            #expect(!Organization.isValidSlug(slug), "\(slug)")
        }
        #expect(Organization.isValidSlug("clinic-2"))
        #expect(Organization.slug(from: "!!!") == "organization")
        #expect(try await f.db.organizations(memberId: f.id("ana")).isEmpty)
    }

    @Test("non-members are told the organization does not exist, on reads and writes alike", arguments: StoreKind.available)
    func nonMembers(_ kind: StoreKind) async throws {
        let f = try await Fixture.make(kind)
        let id = try await f.clinic()
        let davi = f.id("davi")
        #expect(try await f.db.organization(id: id, memberId: davi) == nil)
        await #expect(throws: StoreError.notFound("organization \(id)")) { try await f.db.members(ofOrganization: id, by: davi) }
        await #expect(throws: StoreError.notFound("organization \(id)")) {
            try await f.db.updateOrganization(id: id, OrganizationChanges(name: "Mine"), by: davi)
        }
        await #expect(throws: StoreError.notFound("organization \(id)")) { try await f.db.deleteOrganization(id: id, by: davi) }
        await #expect(throws: StoreError.notFound("organization \(id)")) {
            try await f.db.addMember(username: "davi", role: .owner, toOrganization: id, by: davi)
        }
        await #expect(throws: StoreError.notFound("organization \(id)")) {
            try await f.db.setMemberRole(username: "ana", role: .member, inOrganization: id, by: davi)
        }
        await #expect(throws: StoreError.notFound("organization \(id)")) {
            try await f.db.removeMember(username: "ana", fromOrganization: id, by: davi)
        }
    }

    @Test("roles: members only read, admins manage non-owners, only owners grant owner and delete", arguments: StoreKind.available)
    func roles(_ kind: StoreKind) async throws {
        let f = try await Fixture.make(kind)
        let id = try await f.clinic()
        let (bruno, clara) = (f.id("bruno"), f.id("clara"))
        #expect(try await f.db.members(ofOrganization: id, by: clara).map(\.username) == ["ana", "bruno", "clara"])
        await #expect(throws: OrganizationAccessError(role: .member, action: "change the organization")) {
            try await f.db.updateOrganization(id: id, OrganizationChanges(name: "x"), by: clara)
        }
        await #expect(throws: OrganizationAccessError.self) {
            try await f.db.addMember(username: "davi", role: .member, toOrganization: id, by: clara)
        }
        await #expect(throws: OrganizationAccessError.self) { try await f.db.removeMember(username: "bruno", fromOrganization: id, by: clara) }
        await #expect(throws: OrganizationAccessError(role: .admin, action: "make someone an owner")) {
            try await f.db.addMember(username: "davi", role: .owner, toOrganization: id, by: bruno)
        }
        await #expect(throws: OrganizationAccessError(role: .admin, action: "change an owner's role")) {
            try await f.db.setMemberRole(username: "ana", role: .member, inOrganization: id, by: bruno)
        }
        await #expect(throws: OrganizationAccessError(role: .admin, action: "remove an owner")) {
            try await f.db.removeMember(username: "ana", fromOrganization: id, by: bruno)
        }
        await #expect(throws: OrganizationAccessError(role: .admin, action: "delete the organization")) {
            try await f.db.deleteOrganization(id: id, by: bruno)
        }

        let renamed = try await f.db.updateOrganization(id: id, OrganizationChanges(name: "Clinic B", slug: "clinic-b"), by: bruno)
        #expect(renamed.organization.slug == "clinic-b" && renamed.role == .admin)
        let davi = try await f.db.addMember(username: "davi", role: .admin, toOrganization: id, by: bruno)
        #expect(davi.role == .admin && davi.displayName == "davi")
        #expect(try await f.db.setMemberRole(username: "clara", role: .admin, inOrganization: id, by: bruno).role == .admin)
        try await f.db.removeMember(username: "davi", fromOrganization: id, by: bruno)
        await #expect(throws: StoreError.conflict("bruno is already a member of this organization")) {
            try await f.db.addMember(username: "bruno", role: .member, toOrganization: id, by: f.id("ana"))
        }
        await #expect(throws: StoreError.notFound("user nobody")) {
            try await f.db.addMember(username: "nobody", role: .member, toOrganization: id, by: f.id("ana"))
        }
    }

    @Test("the last owner can be neither demoted nor removed, even by themself; a second owner frees the first", arguments: StoreKind.available)
    func lastOwner(_ kind: StoreKind) async throws {
        let f = try await Fixture.make(kind)
        let id = try await f.clinic()
        let ana = f.id("ana")
        await #expect(throws: StoreError.self) { try await f.db.setMemberRole(username: "ana", role: .admin, inOrganization: id, by: ana) }
        await #expect(throws: StoreError.self) { try await f.db.removeMember(username: "ana", fromOrganization: id, by: ana) }
        _ = try await f.db.setMemberRole(username: "bruno", role: .owner, inOrganization: id, by: ana)
        try await f.db.removeMember(username: "ana", fromOrganization: id, by: ana)
        #expect(try await f.db.organization(id: id, memberId: ana) == nil)
        // A member may always leave.
        try await f.db.removeMember(username: "clara", fromOrganization: id, by: f.id("clara"))
        #expect(try await f.db.members(ofOrganization: id, by: f.id("bruno")).map(\.username) == ["bruno"])
    }

    @Test("two owners demoting each other at once: one wins, the organization keeps an owner", arguments: StoreKind.available)
    func concurrentDemotion(_ kind: StoreKind) async throws {
        for _ in 0..<10 {
            let f = try await Fixture.make(kind)
            let id = try await f.clinic()
            _ = try await f.db.setMemberRole(username: "bruno", role: .owner, inOrganization: id, by: f.id("ana"))
            async let first: Bool = (try? await f.db.setMemberRole(username: "bruno", role: .member, inOrganization: id, by: f.id("ana"))) != nil
            async let second: Bool = (try? await f.db.setMemberRole(username: "ana", role: .member, inOrganization: id, by: f.id("bruno"))) != nil
            let results = await [first, second]
            #expect(results.filter { $0 }.count == 1)
            let owners = try await f.db.members(ofOrganization: id, by: f.id("clara")).filter { $0.role == .owner }
            #expect(owners.count == 1)
        }
    }

    @Test("deleting the organization or leaving it keeps the members' schedules, as personal ones", arguments: StoreKind.available)
    func schedulesSurvive(_ kind: StoreKind) async throws {
        let f = try await Fixture.make(kind)
        let id = try await f.clinic()
        func schedule(_ user: String) async throws -> String {
            let hours = [WeeklyHours(day: "tuesday", slots: [TimeSlot(startTime: "10:00", endTime: "16:00")])]
            let schedule = Schedule(organizationId: id, name: "Clinic Schedule", timezone: "America/Sao_Paulo", availability: hours)
            return try await f.db.createSchedule(schedule, ownedBy: f.id(user)).id
        }
        let claras = try await schedule("clara")
        let brunos = try await schedule("bruno")
        try await f.db.removeMember(username: "clara", fromOrganization: id, by: f.id("clara"))
        #expect(try await f.db.schedule(id: claras, ownedBy: f.id("clara"))?.schedule.organizationId == nil)
        #expect(try await f.db.schedule(id: brunos, ownedBy: f.id("bruno"))?.schedule.organizationId == id)
        try await f.db.deleteOrganization(id: id, by: f.id("ana"))
        let kept = try #require(try await f.db.schedule(id: brunos, ownedBy: f.id("bruno")))
        #expect(kept.schedule.organizationId == nil && kept.schedule.isDefault)
        #expect(try await f.db.organizations(memberId: f.id("bruno")).isEmpty)
    }
}
