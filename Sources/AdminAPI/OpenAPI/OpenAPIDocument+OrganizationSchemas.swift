/// Organizations, members, and the problem details every error answers with.
extension OpenAPIDocument {
    static let organizationSchemas: [String: JSONValue] = [
        "Role": oneOfStrings(
            ["owner", "admin", "member"],
            "owner: everything, including deleting the organization and managing owners; admin: rename, add and remove non-owners; "
                + "member: see the organization and its members."),
        "Organization": object(
            "A clinic or practice, as one of its members sees it.", required: ["id", "name", "slug", "role", "createdAt"],
            [
                "id": string(), "name": string(example: "Partner Clinic"), "slug": slug,
                "role": ref("Role").merging(["description": "The caller's own role."]), "createdAt": timestamp(),
            ]),
        "CreateOrganization": object(
            "A new organization; the caller becomes its owner.", required: ["name"],
            ["name": name, "slug": slug.merging(["description": "Unique on the server; made from the name when omitted."])]),
        "UpdateOrganization": object("Present fields replace the stored ones.", ["name": name, "slug": slug]),
        "Member": object(
            "A member of an organization.", required: ["userId", "username", "displayName", "role", "joinedAt"],
            ["userId": string(), "username": string(), "displayName": string(), "role": ref("Role"), "joinedAt": timestamp()]),
        "AddMember": object(
            "Who to add, by username, and with which role (default member).", required: ["username"],
            ["username": string(), "role": ref("Role")]),
        "UpdateMember": object("The member's new role.", required: ["role"], ["role": ref("Role")]),
        "Problem": object(
            "An RFC 9457 problem (`application/problem+json`).", required: ["type", "title", "status"],
            [
                "type": string("Always `about:blank`: the status says what kind of problem it is.", format: "uri-reference"),
                "title": string(example: "Invalid request"),
                "status": integer(minimum: 400),
                "detail": string("What went wrong, for people."),
                "errors": arrayOf(ref("FieldError")).merging(["description": "Every invalid field, when the request had some."]),
                "reasons": arrayOf(ref("RefusalReason")).merging(["description": "Every rule that refuses a booking (409 on booking)."]),
            ]),
        "RefusalReason": object(
            "One rule that makes a time unbookable.", required: ["code", "message"],
            [
                "code": oneOfStrings([
                    "outside-hours", "date-unavailable", "not-a-slot-start", "runs-past-hours", "taken", "inside-buffer", "too-soon",
                    "beyond-booking-window", "day-limit-reached", "week-limit-reached", "schedule-inactive",
                ]),
                "message": string(example: "busy with booking 5b0e… from 2025-11-17T12:00:00Z to 2025-11-17T12:50:00Z"),
            ]),
        "FieldError": object(
            "One invalid field.", required: ["path", "message"],
            [
                "path": string("The field's path in the request body or the query parameter's name.", example: "availability[0].slots[1].endTime"),
                "message": string(example: "must be after startTime (10:00 – 09:00)"),
            ]),
    ]

    static let name = string("1–200 characters, not blank.")
    static let slug = string("Lower-case letters, digits and single dashes.", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", example: "partner-clinic")
}
