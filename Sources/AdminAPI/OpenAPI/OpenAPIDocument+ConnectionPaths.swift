/// External calendar connections (`/api/availability/calendars`).
extension OpenAPIDocument {
    static let connectionPaths: [String: JSONValue] = [
        "/api/availability/calendars": pathItem([
            "get": operation(
                "listCalendarConnections", tag: "Calendar connections", summary: "List the caller's calendar connections",
                description: "Each with its calendars, status and last error; never its secrets.",
                success: ("200", json("The connections.", arrayOf(ref("CalendarConnection")))))
        ]),
        "/api/availability/calendars/connect/{provider}": pathItem(
            parameters: ["provider"],
            [
                "get": operation(
                    "startCalendarAuthorization", tag: "Calendar connections", summary: "Start connecting an OAuth provider",
                    description: "Answers `{authUrl}` for Google (`google`) and Microsoft (`outlook`: tenant consumers, `office365`: "
                        + "tenant organizations) when their OAuth client is configured: the authorization-code flow with PKCE (S256) and "
                        + "a single-use state bound to the caller, valid 10 minutes. Otherwise 400 `provider_not_configured`. `apple` "
                        + "and `caldav` answer 400 `credentials_required`: POST instead.",
                    success: ("200", json("Where to send the user.", ref("AuthorizationStart"))), errors: [400, 404]),
                "post": operation(
                    "connectCalDAVAccount", tag: "Calendar connections", summary: "Connect a CalDAV or iCloud account",
                    description: "`apple` or `caldav` only. Discovers the account's calendars with the password (RFC 6764, 5397, 4791), "
                        + "stores the credentials encrypted and reads the busy time once. The same account again updates it in place. "
                        + "A refused password is 422 at `password` (`app_password_required` for iCloud); an address that is not "
                        + "CalDAV or is internal is 422 at `url`; a server that is down is 502.",
                    body: ref("ConnectCalDAV"), success: ("201", created("The connection.", ref("CalendarConnection"))),
                    errors: [400, 404, 413, 422, 502]),
            ]),
        "/api/availability/calendars/callback/{provider}": pathItem(
            parameters: ["provider"],
            [
                "get": operation(
                    "finishCalendarAuthorization", tag: "Calendar connections", summary: "OAuth callback (the browser's redirect target)",
                    description: "Where Google and Microsoft send the user back. It is authenticated by the web UI's session cookie — "
                        + "the one `/api` route that reads it, because the state must belong to the signed-in user who started "
                        + "(RFC 9700) — checks `state` before exchanging `code`, stores the tokens encrypted, lists the calendars and "
                        + "answers 303 to the Calendar connections page, or the connection as JSON for `Accept: application/json`. "
                        + "An unknown, used, expired or foreign state is 400 `authorization_refused`; without a session, 303 to sign-in.",
                    parameters: [
                        query("code", string(), "The authorization code."), query("state", string(), "The state issued by connect."),
                        query("error", string(), "The provider's refusal (`access_denied`)."),
                    ],
                    success: ("200", json("The connection.", ref("CalendarConnection"))), errors: [400, 404], authenticated: false)
            ]),
        "/api/availability/calendars/{id}": pathItem(
            parameters: ["id"],
            [
                "patch": operation(
                    "updateCalendarConnection", tag: "Calendar connections", summary: "Turn a connection or its calendars on or off",
                    description: "`isActive: false` ignores the connection on purpose (its calendars stop blocking time, even when it "
                        + "cannot be read). Each calendar's `checkForConflicts` decides whether its events block time.",
                    body: ref("UpdateCalendarConnection"), success: ("200", json("The connection.", ref("CalendarConnection"))),
                    errors: [400, 404, 413, 422]),
                "delete": operation(
                    "deleteCalendarConnection", tag: "Calendar connections", summary: "Disconnect",
                    description: "Deletes the credentials and the cached busy time. Bookings already written there stay there, no longer managed.",
                    success: ("204", ["description": "Disconnected."]), errors: [404]),
            ]),
        "/api/availability/calendars/{id}/refresh": pathItem(
            parameters: ["id"],
            [
                "post": operation(
                    "refreshCalendarConnection", tag: "Calendar connections", summary: "Read the calendars and busy time now",
                    description: "Lists the calendars again and reads their busy time; a failure is recorded in `status` and `lastError`.",
                    success: ("200", json("The connection after the refresh.", ref("CalendarConnection"))), errors: [404])
            ]),
    ]

    static let connectionSchemas: [String: JSONValue] = [
        "CalendarConnection": object(
            "An external calendar account.",
            required: ["id", "userId", "provider", "email", "calendars", "isActive", "status", "createdAt", "updatedAt"],
            [
                "id": string(), "userId": string(),
                "provider": oneOfStrings(["google", "outlook", "office365", "apple", "caldav"]),
                "email": string("The account's address (CalDAV: from `calendar-user-address-set`, else the user name)."),
                "calendars": arrayOf(ref("ConnectedCalendar")),
                "isActive": boolean("False: ignored on purpose."),
                "status": oneOfStrings(
                    ["ok", "syncing", "stale", "reauth_required", "error"],
                    "`stale`: not read for 15 minutes, its cache still counts for 24 hours; after that, in `reauth_required` or "
                        + "never read, the owner has no free slots until it is read again or set inactive."),
                "lastSyncAt": timestamp("Last successful read."), "lastAttemptAt": timestamp(), "nextRetryAt": timestamp(),
                "lastError": ref("ConnectionError"), "createdAt": timestamp(), "updatedAt": timestamp(),
            ]),
        "ConnectedCalendar": object(
            "One calendar of a connection.", required: ["id", "name", "isPrimary", "canWrite", "checkForConflicts"],
            [
                "id": string("The provider's id (CalDAV: the collection's URL)."), "name": string(), "isPrimary": boolean(),
                "color": string(example: "#1a73e8"), "canWrite": boolean("Bookings can be written to it."),
                "checkForConflicts": boolean("Its events block time."), "lastSyncAt": timestamp(), "error": string(),
            ]),
        "ConnectionError": object(
            "Why the last attempt failed.", required: ["code", "message", "at"],
            [
                "code": string(
                    "`unreachable`, `timeout`, `rate_limited`, `unauthorized`, `app_password_required`, `bad_response`, `not_allowed`…"),
                "message": string(), "at": timestamp(),
            ]),
        "ConnectCalDAV": object(
            "A CalDAV account's address and credentials. `url` may be the server, the well-known URI, a principal, the calendar home "
                + "or one calendar; it is optional for `apple` (iCloud).",
            required: ["username", "password"],
            [
                "url": string(example: "https://nextcloud.example.org/remote.php/dav"),
                "username": string(), "password": string("For iCloud, an app-specific password."),
            ]),
        "UpdateCalendarConnection": object(
            "Present fields replace the stored ones.",
            [
                "isActive": boolean(),
                "calendars": arrayOf(object("", required: ["id", "checkForConflicts"], ["id": string(), "checkForConflicts": boolean()])),
            ]),
        "AuthorizationStart": object("Where to send the user to grant access.", required: ["authUrl"], ["authUrl": string(format: "uri")]),
    ]
}
