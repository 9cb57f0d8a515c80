import Foundation
import HTTPTypes
import Testing

/// What a live server answers is what the OpenAPI document says: for each request of a session
/// that touches every route, the status is documented for that operation, the content type is the
/// documented one, and the body matches the documented schema with no undocumented member.
struct OpenAPIConformanceTests {
    /// Checks answers against one document.
    struct Conformance: Sendable {
        let checker: OpenAPISchemaChecker

        /// Every way `answer` (to `method` on the path template `template`) departs from the document.
        func problems(_ answer: APIClient.Answer, _ method: String, _ template: String) -> [String] {
            let operationName = "\(method) \(template) → \(answer.status.code)"
            guard let operation = checker.document["paths"]?[template]?[method.lowercased()] else { return ["\(operationName): not documented"] }
            guard let response = checker.dereferenced(operation["responses"]?[String(answer.status.code)]) else {
                return ["\(operationName): status not documented"]
            }
            let mediaType = answer.headers[.contentType]?.split(separator: ";").first.map(String.init) ?? ""
            guard let content = response["content"]?[mediaType] else { return ["\(operationName): content type \(mediaType) not documented"] }
            guard mediaType.hasSuffix("json"), let schema = content["schema"] else { return [] }
            guard let body = try? OpenAPIJSON.parse(answer.text) else { return ["\(operationName): body is not JSON"] }
            return checker.problems(body, against: schema).map { "\(operationName): \($0)" }
        }
    }

    @Test("a session over every route answers with documented statuses, content types and shapes")
    func liveAnswersMatchDocument() async throws {
        try await TestServer.make().run { api in
            let document = try OpenAPIJSON.parse(try await api.get("/api/openapi.json", as: nil).text)
            let conformance = Conformance(checker: OpenAPISchemaChecker(document: document))
            var problems: [String] = []
            /// Sends nothing itself: records how `answer` departs from the document and returns it.
            @discardableResult func check(_ answer: APIClient.Answer, _ method: String, _ template: String) -> APIClient.Answer {
                problems += conformance.problems(answer, method, template)
                return answer
            }

            check(try await api.get("/healthz", as: nil), "GET", "/healthz")
            check(try await api.get("/api/openapi.json", as: nil), "GET", "/api/openapi.json")
            check(try await api.get("/api/me"), "GET", "/api/me")
            check(try await api.get("/api/me", as: nil), "GET", "/api/me")

            let schedules = "/api/availability/schedules"
            let clinic = """
                {"name": "Clinic Tuesdays", "timezone": "America/Sao_Paulo",
                 "availability": [{"day": "tuesday", "slots": [{"startTime": "14:00", "endTime": "18:00"}]}],
                 "dateOverrides": [{"date": "2025-12-25", "type": "unavailable", "reason": "Holiday"},
                                   {"date": "2025-12-26", "type": "custom", "slots": [{"startTime": "10:00", "endTime": "12:00"}]}],
                 "location": {"type": "inPerson", "address": {"name": "Partner Clinic", "street": "Av. Paulista, 1000", "city": "São Paulo",
                              "state": "SP", "postalCode": "01310-100", "country": "Brazil"}}}
                """
            let schedule = check(try await api.post(schedules, clinic), "POST", schedules)
            let scheduleId = schedule.object["id"] as? String ?? "missing"
            let second = check(try await api.post(schedules, #"{"name": "Evenings"}"#), "POST", schedules)
            let secondId = second.object["id"] as? String ?? "missing"
            check(try await api.post(schedules, #"{"name": ""}"#), "POST", schedules)
            check(try await api.post(schedules, #"{"name": "#), "POST", schedules)
            check(try await api.get(schedules), "GET", schedules)
            check(try await api.get("\(schedules)/\(scheduleId)"), "GET", "\(schedules)/{id}")
            check(try await api.get("\(schedules)/nope"), "GET", "\(schedules)/{id}")
            check(try await api.patch("\(schedules)/\(scheduleId)", #"{"isDefault": false}"#), "PATCH", "\(schedules)/{id}")
            check(try await api.patch("\(schedules)/\(secondId)", #"{"name": "Late Evenings"}"#), "PATCH", "\(schedules)/{id}")
            check(try await api.post("\(schedules)/\(secondId)/set-default"), "POST", "\(schedules)/{id}/set-default")

            let eventTypes = "/api/event-types"
            let eventType = check(
                try await api.post(eventTypes, #"{"title": "In-Person Consultation", "duration": 50, "scheduleId": "\#(scheduleId)"}"#), "POST",
                eventTypes)
            let eventTypeId = eventType.object["id"] as? String ?? "missing"
            check(try await api.post(eventTypes, #"{"title": "No duration"}"#), "POST", eventTypes)
            check(try await api.get(eventTypes), "GET", eventTypes)
            check(try await api.get("\(eventTypes)/\(eventTypeId)"), "GET", "\(eventTypes)/{id}")
            let patch = ##"""
                {"color": "#3b82f6", "locationOverride": {"type": "phone", "phoneNumber": "+55 11 5555-0100"},
                 "bookingWindow": {"type": "rolling", "days": 30}}
                """##
            check(try await api.patch("\(eventTypes)/\(eventTypeId)", patch), "PATCH", "\(eventTypes)/{id}")
            check(try await api.delete("\(schedules)/\(scheduleId)"), "DELETE", "\(schedules)/{id}")
            check(try await api.delete("\(eventTypes)/\(eventTypeId)"), "DELETE", "\(eventTypes)/{id}")
            check(try await api.get("\(eventTypes)/\(eventTypeId)"), "GET", "\(eventTypes)/{id}")

            check(try await api.get("/api/bookings?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&status=confirmed"), "GET", "/api/bookings")
            check(try await api.get("/api/bookings?from=yesterday"), "GET", "/api/bookings")
            check(try await api.get("/api/bookings/nope"), "GET", "/api/bookings/{id}")

            // The public booking flow, on an event type whose schedule is open round the clock.
            let allWeek = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
                .map { #"{"day": "\#($0)", "slots": [{"startTime": "00:00", "endTime": "24:00"}]}"# }.joined(separator: ",")
            let open = try await api.post(schedules, #"{"name": "Open", "timezone": "UTC", "availability": [\#(allWeek)]}"#)
            let openId = open.object["id"] as? String ?? "missing"
            _ = try await api.post(eventTypes, #"{"title": "Call", "slug": "call", "duration": 30, "scheduleId": "\#(openId)"}"#)
            let page = "/api/public/alice/call"
            check(try await api.get(page, as: nil), "GET", "/api/public/{username}/{slug}")
            check(try await api.get("/api/public/alice/nope", as: nil), "GET", "/api/public/{username}/{slug}")
            let slots = check(try await api.get(page + "/slots?timeZone=Europe/Lisbon", as: nil), "GET", "/api/public/{username}/{slug}/slots")
            check(try await api.get(page + "/slots", as: nil), "GET", "/api/public/{username}/{slug}/slots")
            check(try await api.get(page + "/slots?timeZone=Nowhere", as: nil), "GET", "/api/public/{username}/{slug}/slots")
            let starts = (slots.object["slots"] as? [[String: Any]] ?? []).compactMap { $0["start"] as? String }
            let attendee = #""attendee": {"name": "Carla", "email": "carla@example.org", "timeZone": "UTC"}"#
            let booked = check(
                try await api.post(page + "/bookings", #"{"start": "\#(starts.first ?? "")", \#(attendee)}"#, as: nil), "POST",
                "/api/public/{username}/{slug}/bookings")
            check(
                try await api.post(page + "/bookings", #"{"start": "\#(starts.first ?? "")", \#(attendee)}"#, as: nil), "POST",
                "/api/public/{username}/{slug}/bookings")
            check(try await api.post(page + "/bookings", #"{"start": "soon"}"#, as: nil), "POST", "/api/public/{username}/{slug}/bookings")
            let uid = (booked.object["booking"] as? [String: Any])?["uid"] as? String ?? "missing"
            let token = booked.object["managementToken"] as? String ?? "missing"
            let manage = "/api/public/bookings/\(uid)"
            check(try await api.get(manage + "?token=\(token)", as: nil), "GET", "/api/public/bookings/{uid}")
            check(try await api.get(manage + "?token=wrong", as: nil), "GET", "/api/public/bookings/{uid}")
            check(try await api.get(manage, as: nil), "GET", "/api/public/bookings/{uid}")
            check(try await api.get(manage + "/cancel?token=\(token)", as: nil), "GET", "/api/public/bookings/{uid}/cancel")
            check(try await api.get(manage + "/reschedule?token=\(token)", as: nil), "GET", "/api/public/bookings/{uid}/reschedule")
            check(
                try await api.post(manage + "/reschedule", #"{"token": "\#(token)", "start": "\#(starts.dropFirst().first ?? "")"}"#, as: nil),
                "POST",
                "/api/public/bookings/{uid}/reschedule")
            check(
                try await api.post(manage + "/reschedule", #"{"token": "\#(token)", "start": "2020-01-01T00:00:00Z"}"#, as: nil), "POST",
                "/api/public/bookings/{uid}/reschedule")
            let bookingId = try await api.get("/api/bookings").array.first?["id"] as? String ?? "missing"
            check(
                try await api.post("/api/bookings/\(bookingId)/reschedule", #"{"start": "\#(starts.last ?? "")"}"#), "POST",
                "/api/bookings/{id}/reschedule")
            check(try await api.post("/api/bookings/\(bookingId)/reschedule", #"{"start": "x"}"#), "POST", "/api/bookings/{id}/reschedule")
            let ics = check(try await api.get("/api/bookings.ics"), "GET", "/api/bookings.ics")
            #expect(ics.text.contains("BEGIN:VEVENT"))
            check(try await api.get("/api/bookings.ics?from=x"), "GET", "/api/bookings.ics")
            check(try await api.get("\(schedules)/\(openId)/bookings.ics"), "GET", "/api/availability/schedules/{id}/bookings.ics")
            check(try await api.get("\(schedules)/nope/bookings.ics"), "GET", "/api/availability/schedules/{id}/bookings.ics")
            check(try await api.post(manage + "/cancel?token=\(token)", as: nil), "POST", "/api/public/bookings/{uid}/cancel")
            check(try await api.post("/api/bookings/\(bookingId)/cancel", #"{"reason": "again"}"#), "POST", "/api/bookings/{id}/cancel")
            check(try await api.post("/api/bookings/nope/cancel"), "POST", "/api/bookings/{id}/cancel")

            let organizations = "/api/organizations"
            let organization = check(try await api.post(organizations, #"{"name": "Partner Clinic"}"#), "POST", organizations)
            let id = organization.object["id"] as? String ?? "missing"
            check(try await api.post(organizations, #"{"name": "Copy", "slug": "partner-clinic"}"#), "POST", organizations)
            check(try await api.get(organizations), "GET", organizations)
            check(try await api.get("\(organizations)/\(id)"), "GET", "\(organizations)/{id}")
            check(try await api.patch("\(organizations)/\(id)", #"{"name": "Clinic"}"#), "PATCH", "\(organizations)/{id}")
            check(try await api.post("\(organizations)/\(id)/members", #"{"username": "bob"}"#), "POST", "\(organizations)/{id}/members")
            check(try await api.get("\(organizations)/\(id)/members"), "GET", "\(organizations)/{id}/members")
            check(try await api.patch("\(organizations)/\(id)", #"{"name": "Bob's"}"#, as: "bob"), "PATCH", "\(organizations)/{id}")
            let member = "\(organizations)/{id}/members/{username}"
            check(try await api.patch("\(organizations)/\(id)/members/bob", #"{"role": "admin"}"#), "PATCH", member)
            check(try await api.patch("\(organizations)/\(id)/members/alice", #"{"role": "admin"}"#), "PATCH", member)
            check(try await api.delete("\(organizations)/\(id)/members/bob"), "DELETE", member)
            check(try await api.delete("\(organizations)/\(id)", as: "bob"), "DELETE", "\(organizations)/{id}")
            check(try await api.delete("\(organizations)/\(id)"), "DELETE", "\(organizations)/{id}")

            #expect(problems == [])
        }
    }
}
