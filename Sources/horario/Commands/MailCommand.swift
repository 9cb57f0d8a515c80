import ArgumentParser
import Foundation
import Mail
import Store

/// `horario mail test`: sends one sample booking message through the configured relay, so an
/// operator can check `HORARIO_SMTP_URL` and `HORARIO_MAIL_FROM` before bookings depend on them.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Check e-mail delivery.", subcommands: [Test.self])

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test", abstract: "Send a sample booking message (plain text, HTML and its invitation) to an address.")

        @Option(help: "Where to send it.")
        var to: String

        @Option(help: "The relay, e.g. smtp://user:password@host:587 or smtps://…:465 (default: HORARIO_SMTP_URL).")
        var smtpURL: String?

        @Option(help: "The sender address (default: HORARIO_MAIL_FROM).")
        var from: String?

        mutating func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            guard let url = smtpURL ?? environment["HORARIO_SMTP_URL"], !url.isEmpty else {
                throw CommandFailure("no relay: pass --smtp-url or set HORARIO_SMTP_URL (smtp://user:password@host:587)")
            }
            guard let sender = from ?? environment["HORARIO_MAIL_FROM"], sender.contains("@") else {
                throw CommandFailure("no sender: pass --from or set HORARIO_MAIL_FROM (e.g. agenda@clinic.example)")
            }
            let client: SMTPClient
            do {
                client = SMTPClient(configuration: try SMTPClient.Configuration(url: url, caFile: environment["HORARIO_SMTP_CA_FILE"]))
            } catch {
                throw CommandFailure(error.description)
            }
            let message = SampleMessage.make(from: sender, to: to)
            let results = try await client.send([SMTPClient.Envelope(from: sender, to: to, data: message.rendered())])
            if let failure = results.first ?? nil { throw CommandFailure(failure.description) }
            print("sent a sample booking message to \(to)")
        }
    }
}

/// The sample: a confirmation in Portuguese for a booking at "Clínica São Paulo" with Dr. João,
/// so that non-ASCII names, both alternatives and the invitation are all exercised.
enum SampleMessage {
    static func make(from: String, to: String) -> MIMEMessage {
        let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3600).rounded(.up) * 3600 + 86_400)
        let booking = Booking(
            id: UUID().uuidString.lowercased(), uid: UUID().uuidString.lowercased(), userId: "sample", eventTypeId: "sample", scheduleId: "sample",
            start: start, end: start.addingTimeInterval(3000), status: .confirmed,
            attendee: .init(name: "Carla Souza", email: to, timeZone: "America/Sao_Paulo"), location: "Clínica São Paulo, Av. Paulista, 1000",
            notes: nil, sequence: 0, createdAt: Date(), updatedAt: Date())
        let ics = BookingInvitation.ics(booking, eventTypeTitle: "Consulta", expertName: "Dr. João", expertEmail: from)
        let text = "Olá Carla,\r\n\r\nSua consulta com Dr. João na Clínica São Paulo está confirmada.\r\n\r\n(Mensagem de teste do Horario.)\r\n"
        let html =
            "<!doctype html><html lang=\"pt-BR\"><body><p>Olá Carla,</p><p>Sua consulta com <strong>Dr. João</strong> na Clínica São Paulo está confirmada.</p><p>(Mensagem de teste do Horario.)</p></body></html>"
        return MIMEMessage(
            from: .init(name: "Clínica São Paulo", email: from), to: .init(name: "Carla Souza", email: to),
            subject: "Consulta confirmada com Dr. João", date: Date(), messageId: "\(booking.uid)@horario",
            alternatives: [
                .init(contentType: "text/plain; charset=utf-8", body: Array(text.utf8)),
                .init(contentType: "text/html; charset=utf-8", body: Array(html.utf8)),
                .init(contentType: BookingInvitation.contentType(booking), body: Array(ics.utf8)),
            ],
            attachments: [.init(contentType: "application/ics", body: Array(ics.utf8), filename: "invite.ics")])
    }
}
