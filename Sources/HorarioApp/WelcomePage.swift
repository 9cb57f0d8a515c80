import AdminAPI
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /`: what a person who opens the server's address in a browser sees — what is running
/// and how to use it — until the web UI takes this address over. Static HTML with no script or
/// style, served under a strict Content-Security-Policy.
enum WelcomePage {
    static func addRoute(to router: Router<AppRequestContext>) {
        router.get("") { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8", .contentSecurityPolicy: "default-src 'self'",
                    .init("X-Content-Type-Options")!: "nosniff",
                ],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }

    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Horario</title>
        </head>
        <body>
        <main>
        <h1>Horario is running</h1>
        <p>Horario is a scheduling server: experts keep schedules and event types, clients book free slots,
        and every schedule is a calendar that CalDAV apps can sync.</p>
        <p>The web interface is not part of this version yet. Everything is available today through:</p>
        <ul>
        <li><strong>A calendar app</strong> (Thunderbird, Apple Calendar, DAVx5, Evolution): add a CalDAV account with the
        address of this server (the one in your browser's address bar) and your Horario username and password.</li>
        <li><strong>The JSON API</strong> for schedules, event types, bookings and organizations, described in
        <a href="/api/openapi.json">the OpenAPI document</a> (HTTP Basic credentials or an API token from
        <code>horario token create</code>).</li>
        <li><strong>Booking pages' API</strong> under <code>/api/public/{username}/{event-type}</code>, which needs no credentials.</li>
        </ul>
        <p>The first start created the user <code>admin</code> and printed its password; <code>horario user add</code>
        creates more. Server status: <a href="/healthz">/healthz</a>.</p>
        </main>
        </body>
        </html>

        """
}
