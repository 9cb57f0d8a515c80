/// The spec's schedule shapes (`Schedule`, `WeeklyHours`, `TimeSlot`, `DateOverride`,
/// `Location`), the user, and `{ success }`.
extension OpenAPIDocument {
    static let scheduleSchemas: [String: JSONValue] = [
        "User": object(
            "An account. The password hash never leaves the server.", required: ["id", "username", "displayName", "email", "timeZone", "createdAt"],
            [
                "id": string(), "username": string(), "displayName": string(), "email": string(format: "email"),
                "timeZone": string("IANA zone the user works in; the default for new schedules.", example: "America/Sao_Paulo"),
                "createdAt": timestamp(),
            ]),
        "Schedule": object(
            "The spec's Schedule: weekly hours and date overrides in one IANA zone, and where bookings on it happen.",
            required: [
                "id", "userId", "name", "isDefault", "timezone", "availability", "dateOverrides", "location", "isActive", "createdAt", "updatedAt",
            ],
            scheduleFields.merging([
                "id": string(), "userId": string("The owner."), "createdAt": timestamp(), "updatedAt": timestamp(),
                "organizationId": string("The organization (clinic) the schedule belongs to; absent for a personal schedule."),
            ]) { $1 }),
        "OrganizationSchedule": object(
            "A member's schedule in an organization, with its owner.",
            required: [
                "id", "userId", "name", "isDefault", "timezone", "availability", "dateOverrides", "location", "isActive", "createdAt", "updatedAt",
                "organizationId", "ownerUsername", "ownerName",
            ],
            scheduleFields.merging([
                "id": string(), "userId": string("The owner."), "createdAt": timestamp(), "updatedAt": timestamp(),
                "organizationId": string("The organization."), "ownerUsername": string(), "ownerName": string(),
            ]) { $1 }),
        "CreateSchedule": object(
            "CreateScheduleDto. Only `name` is required: the zone defaults to the user's, the hours to none, the location to remote.",
            required: ["name"], scheduleFields.merging(["organizationId": string("An organization the caller belongs to.")]) { $1 }),
        "UpdateSchedule": object("UpdateScheduleDto. Present fields replace the stored ones.", scheduleFields),
        "WeeklyHours": object(
            "One weekday's hours.", required: ["day", "slots"],
            [
                "day": oneOfStrings(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
                "slots": arrayOf(ref("TimeSlot")),
            ]),
        "TimeSlot": object(
            "A wall-clock range within a day, in the schedule's zone.", required: ["startTime", "endTime"],
            [
                "startTime": string("HH:MM, 00:00–23:59.", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$", example: "09:00"),
                "endTime": string(
                    "HH:MM, after startTime; 24:00 ends at midnight.", pattern: "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$", example: "17:00"),
            ]),
        "DateOverride": object(
            "A change for one local date: no hours at all, or custom hours instead of the weekly ones.", required: ["date", "type"],
            [
                "date": string("A local date in the schedule's zone.", format: "date", example: "2025-12-25"),
                "type": oneOfStrings(["unavailable", "custom"]),
                "slots": arrayOf(ref("TimeSlot")).merging(["description": "The hours of a `custom` date."]),
                "reason": string(example: "Holiday"),
            ]),
        "Location": object(
            "Where bookings happen. `inPerson` needs an address; `remote` may name a video provider or link; `phone` a number.",
            required: ["type"],
            [
                "type": oneOfStrings(["remote", "inPerson", "phone", "hybrid"]),
                "videoProvider": oneOfStrings(["zoom", "googleMeet", "teams", "custom"]),
                "videoLink": string("The meeting link (for `custom`, or a fixed room)."),
                "address": ref("Address"),
                "phoneNumber": string(),
                "phoneInstructions": string(),
            ]),
        "Address": object(
            "A postal address.", required: ["street", "city", "state", "postalCode", "country"],
            [
                "name": string("A place name, e.g. the clinic's."), "street": string(), "city": string(), "state": string(), "postalCode": string(),
                "country": string(), "additionalInfo": string("Suite number, building, …"),
            ]),
        "Success": object("The spec's answer to DELETE.", required: ["success"], ["success": boolean()]),
    ]

    /// The writable members of a schedule, shared by the response and the request bodies.
    static let scheduleFields: [String: JSONValue] = [
        "name": string(example: "Remote Work"),
        "isDefault": boolean("Exactly one schedule per user is the default."),
        "timezone": string("IANA zone of the hours and overrides.", example: "America/Sao_Paulo"),
        "availability": arrayOf(ref("WeeklyHours")),
        "dateOverrides": arrayOf(ref("DateOverride")),
        "location": ref("Location"),
        "isActive": boolean(),
    ]
}
