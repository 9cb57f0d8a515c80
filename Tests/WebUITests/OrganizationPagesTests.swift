import Availability
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLiteStore
import Store
import Testing

@Suite("Web UI organizations")
struct OrganizationPagesTests {
    @Test("a clinic's admin sees and edits a member's clinic schedule; the member cannot see others'; the API agrees")
    func clinicSchedules() async throws {
        let server = try await WebTestServer.make()
        let alice = server.userIDs["alice"]!
        let bob = server.userIDs["bob"]!
        let clinic = try await server.store.createOrganization(NewOrganization(name: "Clínica São Paulo"), by: alice)
        let id = clinic.organization.id
        _ = try await server.store.addMember(username: "bob", role: .member, toOrganization: id, by: alice)
        try await server.run { browser in
            // Bob makes a clinic schedule through the wizard.
            _ = try await browser.signIn("bob")
            let stepOne = try await browser.get("/availability/schedules/new")
            #expect(stepOne.html.contains("name=\"organization_id\""))
            let created = try await browser.post(
                "/availability/schedules/new",
                [
                    ("step", "3"), ("action", "create"), ("name", "Bob at the clinic"), ("timezone", "America/Sao_Paulo"),
                    ("location_type", "remote"),
                    ("organization_id", id), ("tuesday_on", "on"), ("tuesday_start", "14:00"), ("tuesday_end", "18:00"),
                ])
            #expect(created.status == .seeOther)
            // A member does not see the members' schedules.
            let memberView = try await browser.get("/organizations/\(id)")
            #expect(!memberView.html.contains("Bob at the clinic"))
        }
        let schedule = try #require(try await server.store.schedules(ownedBy: bob).first)
        #expect(schedule.schedule.organizationId == id)
        try await server.run { browser in
            _ = try await browser.signIn("bob")
            #expect(try await browser.get("/organizations/\(id)/schedules/\(schedule.id)").status == .notFound)
        }
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let page = try await browser.get("/organizations/\(id)")
            #expect(page.html.contains("Bob at the clinic"))
            _ = try await browser.get("/organizations/\(id)/schedules/\(schedule.id)")
            let bad = try await browser.post(
                "/organizations/\(id)/schedules/\(schedule.id)",
                [
                    ("name", "Bob at the clinic"), ("timezone", "America/Sao_Paulo"), ("tuesday_on", "on"), ("tuesday_start", "18:00"),
                    ("tuesday_end", "14:00"),
                ])
            #expect(bad.status == .unprocessableContent)
            let saved = try await browser.post(
                "/organizations/\(id)/schedules/\(schedule.id)",
                [
                    ("name", "Bob, Tuesdays"), ("timezone", "America/Sao_Paulo"), ("tuesday_on", "on"), ("tuesday_start", "13:00"),
                    ("tuesday_end", "17:00"),
                ])
            #expect(saved.status == .seeOther)
            let credentials = Data("alice:alice-password".utf8).base64EncodedString()
            let api = try await browser.client.execute(
                uri: "/api/organizations/\(id)/schedules", method: .get, headers: [.authorization: "Basic \(credentials)"], body: nil)
            #expect(api.status == .ok)
            #expect(String(buffer: api.body).contains("\"ownerUsername\":\"bob\""))
            let bobCredentials = Data("bob:bob-password".utf8).base64EncodedString()
            let refused = try await browser.client.execute(
                uri: "/api/organizations/\(id)/schedules", method: .get, headers: [.authorization: "Basic \(bobCredentials)"], body: nil)
            #expect(refused.status == .forbidden)
            let patched = try await browser.client.execute(
                uri: "/api/organizations/\(id)/schedules/\(schedule.id)", method: .patch,
                headers: [.authorization: "Basic \(credentials)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"name": "Bob (API)"}"#))
            #expect(patched.status == .ok)
        }
        let edited = try #require(try await server.store.schedule(id: schedule.id, ownedBy: bob)?.schedule)
        #expect(edited.name == "Bob (API)")
        #expect(edited.availability == [WeeklyHours(day: "tuesday", slots: [TimeSlot(startTime: "13:00", endTime: "17:00")])])
        #expect(edited.isDefault)
    }
}
