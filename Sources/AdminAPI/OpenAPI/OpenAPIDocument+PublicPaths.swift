/// The public booking API: no credentials, what a booking page calls.
extension OpenAPIDocument {
    static let publicPaths: [String: JSONValue] = [
        "/api/public/{username}/{slug}": pathItem(
            parameters: ["username", "slug"],
            [
                "get": operation(
                    "publicEventType", tag: "Public booking", summary: "An event type as a booker sees it",
                    success: ("200", json("The event type.", ref("PublicEventType"))), errors: [404], authenticated: false)
            ]),
        "/api/public/{username}/{slug}/slots": pathItem(
            parameters: ["username", "slug"],
            [
                "get": operation(
                    "publicSlots", tag: "Public booking", summary: "The free slots of a window",
                    description: "Slots start at each available range's start and step by the slot interval; each is free of every "
                        + "booking of the expert (any schedule) and their opaque CalDAV events, with buffers, minimum notice, booking "
                        + "window and day/week limits applied (days and weeks in the schedule's zone). At most "
                        + "\(SlotWindowQuery.maxDays) days per request.",
                    parameters: [
                        query("start", ["type": "string"], "RFC 3339 date-time, or `YYYY-MM-DD` (start of that day in `timeZone`). Default: now."),
                        query("end", ["type": "string"], "RFC 3339 date-time, or `YYYY-MM-DD` (that day included). Default: start + 7 days."),
                        query("timeZone", ["type": "string"], "The booker's IANA zone: adds `days`, the slots grouped by local date."),
                    ],
                    success: ("200", json("The slots.", ref("Slots"))), errors: [404, 422], authenticated: false)
            ]),
        "/api/public/{username}/{slug}/bookings": pathItem(
            parameters: ["username", "slug"],
            [
                "post": addingResponse(
                    "200", json("The earlier booking of this idempotency key.", ref("BookingConfirmation")),
                    to: operation(
                        "book", tag: "Public booking", summary: "Book a slot",
                        description: "The slot is re-checked inside the inserting transaction: of concurrent requests for one slot exactly one "
                            + "succeeds and the others get 409 with `reasons`. A start that is not a slot start is refused the same way. "
                            + "With an `Idempotency-Key` header already used for the same request, the first booking is answered again "
                            + "(200, `Idempotent-Replayed: true`, without the management token, which is shown only once); the same key with another "
                            + "start or e-mail is a 422.",
                        parameters: [
                            [
                                "name": "Idempotency-Key", "in": "header", "required": false, "schema": ["type": "string", "maxLength": 255],
                                "description": "Makes retries safe: one booking per key and event type.",
                            ]
                        ],
                        body: ref("NewBooking"), success: ("201", created("The booking and its management token.", ref("BookingConfirmation"))),
                        errors: [400, 404, 409, 413, 422], authenticated: false))
            ]),
        "/api/public/bookings/{uid}": pathItem(
            parameters: ["uid"],
            [
                "get": operation(
                    "publicBooking", tag: "Public booking", summary: "The booker's view of a booking", parameters: [tokenParameter],
                    success: ("200", json("The booking.", ref("PublicBooking"))), errors: [404, 422], authenticated: false)
            ]),
        "/api/public/bookings/{uid}/cancel": pathItem(
            parameters: ["uid"],
            [
                "get": operation(
                    "publicCancelPage", tag: "Public booking", summary: "The booking a cancel link would cancel", parameters: [tokenParameter],
                    success: ("200", json("The booking.", ref("PublicBooking"))), errors: [404, 422], authenticated: false),
                "post": operation(
                    "publicCancel", tag: "Public booking", summary: "Cancel as the booker",
                    description: "Refused (409) once the booking has started. The token may be in the body or the query; the body is optional.",
                    parameters: [tokenParameter], body: ref("PublicCancel"),
                    success: ("200", json("The cancelled booking.", ref("PublicBooking"))), errors: [400, 404, 409, 413, 422],
                    authenticated: false),
            ]),
        "/api/public/bookings/{uid}/reschedule": pathItem(
            parameters: ["uid"],
            [
                "get": operation(
                    "publicReschedulePage", tag: "Public booking", summary: "The booking a reschedule link would move",
                    parameters: [tokenParameter], success: ("200", json("The booking.", ref("PublicBooking"))), errors: [404, 422],
                    authenticated: false),
                "post": operation(
                    "publicReschedule", tag: "Public booking", summary: "Move to another free slot as the booker",
                    description: "The same rules as a new booking, without the booking itself in the way; 409 with `reasons` otherwise.",
                    parameters: [tokenParameter], body: ref("PublicReschedule"),
                    success: ("200", json("The moved booking.", ref("PublicBooking"))), errors: [400, 404, 409, 413, 422], authenticated: false),
            ]),
    ]

    /// `operation` with one more answer.
    static func addingResponse(_ status: String, _ response: JSONValue, to operation: JSONValue) -> JSONValue {
        guard let responses = operation.members?["responses"] else { return operation }
        return operation.merging(["responses": responses.merging([status: response])])
    }

    static let tokenParameter: JSONValue = query("token", ["type": "string"], "The management token returned with the booking.")

    static let publicSchemas: [String: JSONValue] = [
        "PublicEventType": object(
            "What a booking page shows.",
            required: ["username", "expertName", "title", "slug", "description", "duration", "locationType", "timeZone", "color"],
            [
                "username": string(), "expertName": string(), "title": string(), "slug": string(), "description": string(),
                "duration": integer("Minutes.", minimum: 1), "locationType": oneOfStrings(["remote", "inPerson", "phone", "hybrid"]),
                "timeZone": string("The schedule's IANA zone, where days and limits are counted."), "color": nullable(string()),
            ]),
        "Slots": object(
            "Free slots of a window.", required: ["start", "end", "duration", "timeZone", "slots"],
            [
                "start": timestamp(), "end": timestamp(), "duration": integer("Minutes.", minimum: 1),
                "timeZone": nullable(string("The booker's zone, when given.")),
                "slots": arrayOf(object("A slot.", required: ["start", "end"], ["start": timestamp(), "end": timestamp()])),
                "days": arrayOf(
                    object(
                        "The slots of one local date of the booker.", required: ["date", "slots"],
                        [
                            "date": string(format: "date"),
                            "slots": arrayOf(
                                object(
                                    "A slot with the booker's local start time.", required: ["start", "end", "localTime"],
                                    ["start": timestamp(), "end": timestamp(), "localTime": string(pattern: "^[0-2][0-9]:[0-5][0-9]$")])),
                        ])),
            ]),
        "NewBooking": object(
            "A booking request.", required: ["start", "attendee"],
            [
                "start": timestamp("A slot start (RFC 3339)."),
                "attendee": ref("Attendee"),
                "notes": string("For the expert; at most \(NewBookingRequest.maxNotesLength) characters."),
            ]),
        "PublicBooking": object(
            "A booking as its booker sees it.",
            required: [
                "uid", "status", "start", "end", "title", "expertName", "username", "eventTypeSlug", "attendee", "location", "notes", "sequence",
                "cancellationReason",
            ],
            [
                "uid": string(), "status": oneOfStrings(["confirmed", "cancelled"]), "start": timestamp(), "end": timestamp(), "title": string(),
                "expertName": string(), "username": string(), "eventTypeSlug": string(), "attendee": ref("Attendee"), "location": string(),
                "notes": nullable(string()), "sequence": integer(minimum: 0), "cancellationReason": nullable(string()),
            ]),
        "BookingConfirmation": object(
            "A new booking and the secret that manages it (shown once: an idempotent replay answers the booking alone).",
            required: ["booking"],
            [
                "booking": ref("PublicBooking"),
                "managementToken": string("Authorizes the booker's cancel and reschedule; only its hash is stored.", pattern: "^hbk_"),
                "links": object(
                    "The booker's links (relative).", required: ["manage", "cancel", "reschedule"],
                    ["manage": string(), "cancel": string(), "reschedule": string()]),
            ]),
        "PublicCancel": object("The booker's cancellation.", ["token": string(), "reason": string()]),
        "PublicReschedule": object("The booker's new slot.", required: ["start"], ["token": string(), "start": timestamp("A slot start.")]),
    ]
}
