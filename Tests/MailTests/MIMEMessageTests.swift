import Foundation
import Mail
import Store
import Testing

@Suite("MIME building and the SMTP client's pieces")
struct MIMEMessageTests {
    @Test("non-ASCII header text becomes encoded words of at most 75 characters that decode back; ASCII stays as it is")
    func encodedWords() throws {
        #expect(MIMEMessage.encodedWord("Consulta confirmada") == "Consulta confirmada")
        let long = String(repeating: "Clínica São Paulo — Dr. João ", count: 4)
        let encoded = MIMEMessage.encodedWord(long)
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        var decoded = Data()
        for word in words {
            #expect(word.count <= 75 && word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            decoded += try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
        }
        // Words split between whole characters: each decodes on its own.
        #expect(String(decoding: decoded, as: UTF8.self) == long)
    }

    @Test("a message is multipart/mixed around the alternatives, with base64 bodies in lines of 76 and CRLF everywhere")
    func structure() {
        let message = MIMEMessage(
            from: .init(name: "Clínica São Paulo", email: "agenda@clinic.example"), to: .init(name: "Carla", email: "carla@example.org"),
            subject: "Consulta com Dr. João", date: Date(timeIntervalSince1970: 0), messageId: "m1@horario",
            alternatives: [
                .init(contentType: "text/plain; charset=utf-8", body: Array(String(repeating: "ã", count: 200).utf8)),
                .init(contentType: "text/html; charset=utf-8", body: Array("<p>oi</p>".utf8)),
            ],
            attachments: [.init(contentType: "application/ics", body: Array("BEGIN:VCALENDAR".utf8), filename: "invite.ics")])
        let text = message.rendered(boundarySeed: "b")
        #expect(text.contains("From: =?UTF-8?B?") && text.contains(" <agenda@clinic.example>\r\n"))
        #expect(text.contains("To: \"Carla\" <carla@example.org>\r\n"))
        #expect(text.contains("Date: Thu, 1 Jan 1970 00:00:00 +0000\r\n"))
        #expect(text.contains("Content-Type: multipart/mixed; boundary=\"mixed-b\"\r\n"))
        #expect(text.contains("Content-Type: multipart/alternative; boundary=\"alt-b\"\r\n"))
        #expect(text.contains("Content-Disposition: attachment; filename=\"invite.ics\""))
        #expect(text.hasSuffix("--mixed-b--\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 998) }
        let base64Lines = text.components(separatedBy: "\r\n").filter { $0.count == 76 }
        #expect(!base64Lines.isEmpty)
    }

    @Test("relay URLs: STARTTLS with credentials, implicit TLS, plain without; anything else refused")
    func relayURLs() throws {
        let starttls = try SMTPClient.Configuration(url: "smtp://agenda%40clinic.example:s%C3%A9cret@mail.example:2525")
        #expect(
            starttls.security == .startTLS && starttls.port == 2525 && starttls.username == "agenda@clinic.example" && starttls.password == "sécret")
        let implicit = try SMTPClient.Configuration(url: "smtps://u:p@mail.example")
        #expect(implicit.security == .implicitTLS && implicit.port == 465)
        let plain = try SMTPClient.Configuration(url: "smtp://localhost")
        #expect(plain.security == .none && plain.port == 25 && plain.username == nil)
        #expect(throws: SMTPError.self) { try SMTPClient.Configuration(url: "http://mail.example") }
        #expect(throws: SMTPError.self) { try SMTPClient.Configuration(url: "smtp://") }
    }

    @Test("the invitation is the booking's object with METHOD:REQUEST, or CANCEL once cancelled")
    func invitation() {
        var booking = Booking(
            id: "b1", uid: "u1", userId: "x", eventTypeId: "e", scheduleId: "s", start: Date(timeIntervalSince1970: 1_800_000_000),
            end: Date(timeIntervalSince1970: 1_800_003_000), status: .confirmed,
            attendee: .init(name: "Carla", email: "carla@example.org", timeZone: "UTC"), location: "", notes: nil, sequence: 2, createdAt: Date(),
            updatedAt: Date())
        let request = BookingInvitation.ics(booking, eventTypeTitle: "Consulta", expertName: "Dr. João", expertEmail: "joao@example.org")
        #expect(request.hasPrefix("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n") && request.contains("SEQUENCE:2") && request.contains("UID:u1"))
        booking.status = .cancelled
        let cancel = BookingInvitation.ics(booking, eventTypeTitle: "Consulta", expertName: "Dr. João", expertEmail: "joao@example.org")
        #expect(cancel.contains("METHOD:CANCEL") && cancel.contains("STATUS:CANCELLED"))
        #expect(BookingInvitation.contentType(booking) == "text/calendar; method=CANCEL; charset=utf-8")
    }
}
