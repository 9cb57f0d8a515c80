import Foundation
import Store
import Testing

/// JSON bodies are read strictly: members the OpenAPI schema does not name, NUL characters,
/// deep nesting and out-of-range RFC 3339 offsets are refused with the field named, and
/// nothing is written.
struct StrictJSONTests {
    @Test("unknown members are refused with 422 naming each one, on schedules, event types and public bookings")
    func unknownMembers() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let schedule = try await client.json(
                "POST", "/api/availability/schedules",
                #"{"name": "Evenings", "timezone": "America/Sao_Paulo", "isActiv": true, "location": {"type": "remote", "videoLink2": "x"}}"#,
                as: "alice")
            #expect(schedule.status == 422, "\(schedule.text)")
            #expect(Set(schedule.errorPaths) == ["isActiv", "location.videoLink2"])
            let eventType = try await client.json(
                "POST", "/api/event-types", #"{"title": "Talk", "duration": 30, "minimumNotise": 60}"#, as: "alice")
            #expect(eventType.status == 422)
            #expect(eventType.errorPaths == ["minimumNotise"])
            let patch = try await client.json("PATCH", "/api/event-types/\(fixture.online.id)", #"{"durration": 45}"#, as: "alice")
            #expect(patch.status == 422)
            #expect(patch.errorPaths == ["durration"])
            let booking = try await client.json(
                "POST", "/api/public/alice/online-consultation/bookings",
                #"{"start": "2025-11-17T12:00:00Z", "attendee": {"name": "C", "email": "c@example.org", "timeZone": "UTC", "phone": "1"}}"#)
            #expect(booking.status == 422)
            #expect(booking.errorPaths == ["attendee.phone"])
            #expect(try await fixture.bookings().isEmpty)
            #expect(try await fixture.scheduleCount() == 2, "no schedule was stored")
        }
    }

    @Test("a NUL in a JSON string or name is 422 naming the field; nesting past 32 is 400 naming the limit")
    func nulAndDepth() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let nul = try await client.json("POST", "/api/availability/schedules", #"{"name": "Cut\u0000here"}"#, as: "alice")
            #expect(nul.status == 422, "\(nul.text)")
            #expect(nul.errorPaths == ["name"])
            let nulName = try await client.json("POST", "/api/availability/schedules", #"{"name": "A", "na\u0000me": 1}"#, as: "alice")
            #expect(nulName.status == 422)
            let deep = String(repeating: "[", count: 33) + String(repeating: "]", count: 33)
            let tooDeep = try await client.json("POST", "/api/availability/schedules", #"{"name": "A", "availability": "# + deep + "}", as: "alice")
            #expect(tooDeep.status == 400)
            #expect(tooDeep.text.contains("32 deep"))
            // At the limit (the object and 31 arrays): read, and refused for its shape instead.
            let edge = String(repeating: "[", count: 31) + String(repeating: "]", count: 31)
            let atLimit = try await client.json("POST", "/api/availability/schedules", #"{"name": "A", "availability": "# + edge + "}", as: "alice")
            #expect(atLimit.status == 422, "\(atLimit.text)")
            let bomb = String(repeating: "[", count: 100_000)
            #expect(try await client.json("POST", "/api/event-types", bomb, as: "alice").status == 400)
            #expect(try await fixture.scheduleCount() == 2, "no schedule was stored")
        }
    }

    @Test("RFC 3339 offsets beyond ±23:59 are refused with 422 naming the field, in slot windows and booking starts")
    func offsets() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            for offset in ["+25:00", "+99:00", "-24:00", "+05:60", "+0500"] {
                let slots = try await client.json(
                    "GET",
                    "/api/public/alice/online-consultation/slots?start=2025-11-17T00:00:00\(offset.replacingOccurrences(of: "+", with: "%2B"))&end=2025-11-18"
                )
                #expect(slots.status == 422, "\(offset): \(slots.text)")
                #expect(slots.errorPaths == ["start"], "\(offset)")
                let booking = try await client.book("alice", "online-consultation", start: "2025-11-17T12:00:00\(offset)")
                #expect(booking.status == 422, "\(offset)")
                #expect(booking.errorPaths == ["start"], "\(offset)")
            }
            #expect(try await client.book("alice", "online-consultation", start: "2025-11-17T09:00:00-03:00").status == 201)
        }
    }
}
