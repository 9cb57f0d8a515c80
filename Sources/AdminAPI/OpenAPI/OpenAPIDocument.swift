import Foundation
import Hummingbird
import NIOCore

/// The OpenAPI 3.1 description of every route `AdminAPI.mount` registers, served without
/// authentication at `GET /api/openapi.json`.
///
/// It is written by hand as Swift data rather than generated, because the routes are plain
/// Hummingbird closures that carry no schema. `OpenAPIDocumentTests` keeps it true: every
/// registered route must be documented and every documented operation registered, every `$ref`
/// must resolve, and the answers of a live server must match the documented schemas.
///
/// ## Topics
/// - Paths: `OpenAPIDocument+Paths.swift` (health, metrics, me, schedules), `+EventTypePaths.swift`
///   (event types, bookings), `+OrganizationPaths.swift`, `+PublicPaths.swift` (public booking, with its schemas)
/// - Schemas: `OpenAPIDocument+Schemas.swift` (schedules), `+EventTypeSchemas.swift`,
///   `+OrganizationSchemas.swift` (organizations, members, problems)
/// - Building blocks: `OpenAPIDocument+Builders.swift`
enum OpenAPIDocument {
    /// The path the document is served at.
    static let path = "/api/openapi.json"

    /// The whole document.
    static let document: JSONValue = [
        "openapi": "3.1.0",
        "info": [
            "title": "Horario admin API",
            "version": "1.0.0",
            "summary": "Schedules, event types, bookings and organizations of a Horario server.",
            "description": .string(description),
        ],
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "servers": [["url": "/", "description": "This server"]],
        // Every operation needs credentials unless it says `security: []`.
        "security": [["basicAuth": []], ["bearerAuth": []]],
        "tags": [
            ["name": "Server", "description": "Health and this document."],
            ["name": "Account", "description": "The authenticated user."],
            ["name": "Schedules", "description": "The spec's schedules: weekly hours, date overrides, location, one default per user."],
            ["name": "Event types", "description": "Bookable kinds of appointment, each on one schedule."],
            ["name": "Bookings", "description": "Appointments: the calendar view, the expert's cancel and reschedule, iCalendar feeds."],
            ["name": "Public booking", "description": "What a booking page calls, without credentials: slots, booking, the booker's links."],
            ["name": "Organizations", "description": "Clinics and their members (spec Use Case 3)."],
        ],
        "paths": .object(
            serverPaths.merging(schedulePaths) { $1 }.merging(eventTypePaths) { $1 }.merging(organizationPaths) { $1 }.merging(publicPaths) { $1 }
                .merging(connectionPaths) { $1 }),
        "components": [
            "schemas": .object(
                scheduleSchemas.merging(eventTypeSchemas) { $1 }.merging(organizationSchemas) { $1 }.merging(publicSchemas) { $1 }
                    .merging(connectionSchemas) { $1 }),
            "responses": .object(problemResponses),
            "parameters": .object(pathParameters),
            "securitySchemes": [
                "basicAuth": ["type": "http", "scheme": "basic", "description": "Username and password (RFC 7617)."],
                "bearerAuth": [
                    "type": "http", "scheme": "bearer",
                    "description": "An API token from `horario token create NAME` (`hor_…`, RFC 6750); only its hash is stored.",
                ],
            ],
        ],
    ]

    static let description = """
        JSON in and out, camelCase keys, RFC 3339 times. Every failure is an RFC 9457 problem \
        (`application/problem+json`) whose `errors` list names each invalid field by its path \
        (`availability[0].slots[1].endTime`): 400 for malformed JSON, 401 without valid credentials, \
        403 for an organization role that does not allow the action, 404 for what does not exist \
        or belongs to someone else (never 403 for those), 409 for conflicts, 413 for bodies over 1 MiB, \
        422 for invalid values. A failed request writes nothing.
        """

    /// The document as served: UTF-8 JSON with sorted keys, encoded once.
    static let data: Data = {
        // Only strings, integers and booleans: encoding cannot fail.
        try! APIJSON.encoder.encode(document)
    }()

    /// Adds `GET /api/openapi.json` to `router`, outside the authenticated group: clients and
    /// tools read the description before they have credentials.
    static func addRoute(to router: Router<AppRequestContext>) {
        router.get(RouterPath(path)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
