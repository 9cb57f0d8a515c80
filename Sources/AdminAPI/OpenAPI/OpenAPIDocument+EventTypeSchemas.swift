/// Event types (with their limits flat beside the other fields) and bookings.
extension OpenAPIDocument {
    static let eventTypeSchemas: [String: JSONValue] = [
        "EventType": object(
            "A bookable kind of appointment on one schedule. Every member is present; unset optionals are `null`.",
            required: [
                "id", "userId", "title", "slug", "description", "color", "scheduleId", "locationOverride", "effectiveLocation", "calendarDestination",
                "duration", "slotInterval", "beforeBuffer", "afterBuffer", "minimumNotice", "bookingWindow", "maxBookingsPerDay",
                "maxBookingsPerWeek", "reminderMinutes", "createdAt", "updatedAt",
            ],
            eventTypeFields.merging([
                "id": string(), "userId": string(), "createdAt": timestamp(), "updatedAt": timestamp(),
                "effectiveLocation": nullable(ref("Location")).merging([
                    "description": "Where bookings happen: the override if set, else the schedule's location."
                ]),
            ]) { $1 }),
        "CreateEventType": object(
            "A new event type. `title` and `duration` are required; the schedule defaults to the caller's default schedule, the slug to "
                + "one made from the title, the destination to app-only.",
            required: ["title", "duration"], eventTypeFields),
        "UpdateEventType": object(
            "Present fields replace the stored ones; `null` clears `locationOverride`, `color`, `slotInterval`, `bookingWindow`, the "
                + "booking maximums and `reminderMinutes`.",
            eventTypeFields),
        "CalendarDestination": object(
            "Where bookings are saved: in the app only, or also in a writable calendar of one of the caller's connections "
                + "(`connectionId` and `calendarId` from `GET /api/availability/calendars`; `provider` is filled in from the connection).",
            required: ["type"],
            [
                "type": oneOfStrings(["app-only", "external"]),
                "provider": oneOfStrings(["google", "outlook", "office365", "apple", "caldav"]),
                "connectionId": string(),
                "calendarId": string(),
                "createMeetLink": boolean(),
            ]),
        "BookingWindow": [
            "description": "How far ahead a booker may book: a rolling number of days, or a fixed range of local dates.",
            "oneOf": [
                object(
                    "Up to `days` days after today (schedule's zone).", required: ["type", "days"],
                    ["type": ["const": "rolling"], "days": integer(minimum: 0)]),
                object(
                    "Inclusive local dates.", required: ["type", "startDate", "endDate"],
                    ["type": ["const": "range"], "startDate": string(format: "date"), "endDate": string(format: "date")]),
            ],
        ],
        "Booking": object(
            "A client's appointment. Cancelled bookings stay, with status `cancelled`.",
            required: [
                "id", "uid", "userId", "eventTypeId", "scheduleId", "start", "end", "status", "attendee", "location", "notes", "sequence",
                "cancellationReason", "createdAt", "updatedAt",
            ],
            [
                "id": string(), "uid": string("The iCalendar UID of the booking's VEVENT."), "userId": string(), "eventTypeId": string(),
                "scheduleId": string(), "start": timestamp("UTC."), "end": timestamp("UTC."), "status": oneOfStrings(["confirmed", "cancelled"]),
                "attendee": ref("Attendee"),
                "location": string("The effective location when the booking was made (address, link or phone)."),
                "notes": nullable(string()), "sequence": integer("iCalendar SEQUENCE, incremented on every change.", minimum: 0),
                "cancellationReason": nullable(string("Why it was cancelled, when the canceller said.")),
                "createdAt": timestamp(), "updatedAt": timestamp(),
            ]),
        "CancelBooking": object("The expert's cancellation.", ["reason": string("Why; kept with the booking.")]),
        "RescheduleBooking": object(
            "The booking's new time.", required: ["start"],
            ["start": timestamp("RFC 3339."), "end": timestamp("RFC 3339; default: start plus the booking's length.")]),
        "Attendee": object(
            "Who booked.", required: ["name", "email", "timeZone"],
            ["name": string(), "email": string(format: "email"), "timeZone": string("The attendee's IANA zone, to show times locally.")]),
    ]

    /// The writable members of an event type, shared by the response and the request bodies.
    static let eventTypeFields: [String: JSONValue] = [
        "title": string(example: "Online Consultation"),
        "slug": string("Unique per user; the booking page's URL segment.", example: "online-consultation"),
        "description": string(),
        "color": nullable(string(example: "#3b82f6")),
        "scheduleId": string("The schedule whose hours the event type is booked in."),
        "locationOverride": nullable(ref("Location")).merging(["description": "Replaces the schedule's location for this event type."]),
        "calendarDestination": ref("CalendarDestination"),
        "duration": integer("Minutes.", minimum: 1),
        "slotInterval": nullable(integer("Minutes between slot starts; `null` means the duration.", minimum: 1)),
        "beforeBuffer": integer("Minutes kept free before a booking.", minimum: 0),
        "afterBuffer": integer("Minutes kept free after a booking.", minimum: 0),
        "minimumNotice": integer("Minutes between now and the earliest bookable start.", minimum: 0),
        "bookingWindow": nullable(ref("BookingWindow")),
        "maxBookingsPerDay": nullable(integer(minimum: 1)),
        "maxBookingsPerWeek": nullable(integer(minimum: 1)),
        "reminderMinutes": nullable(
            integer("Minutes before each booking a reminder e-mail goes to the booker and the expert; null: none.", minimum: 1)),
    ]
}
