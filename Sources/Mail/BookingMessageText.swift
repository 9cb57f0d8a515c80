public import Foundation
public import Store

/// What a booking message says, in the recipient's language (English or Portuguese) with the
/// time in the recipient's zone and the zone named: a subject, a plain-text and an HTML body.
public struct BookingMessageText: Sendable {
    public var subject: String
    public var plain: String
    public var html: String

    /// Everything one message needs to know.
    public struct Facts: Sendable {
        public var kind: BookingMessage.Kind
        public var recipient: BookingMessage.Recipient
        public var language: String
        public var title: String
        public var expertName: String
        public var bookerName: String
        public var start: Date
        public var end: Date
        /// The recipient's zone.
        public var zone: TimeZone
        public var location: String
        public var notes: String?
        /// The booker's page (manage, cancel, reschedule), when the booker has a token.
        public var manageURL: String?
        public var cancelURL: String?
        public var rescheduleURL: String?
        /// The expert's page of the booking.
        public var detailsURL: String?

        public init(
            kind: BookingMessage.Kind, recipient: BookingMessage.Recipient, language: String, title: String, expertName: String, bookerName: String,
            start: Date, end: Date, zone: TimeZone, location: String, notes: String?, manageURL: String?, cancelURL: String?, rescheduleURL: String?,
            detailsURL: String?
        ) {
            self.kind = kind
            self.recipient = recipient
            self.language = language
            self.title = title
            self.expertName = expertName
            self.bookerName = bookerName
            self.start = start
            self.end = end
            self.zone = zone
            self.location = location
            self.notes = notes
            self.manageURL = manageURL
            self.cancelURL = cancelURL
            self.rescheduleURL = rescheduleURL
            self.detailsURL = detailsURL
        }
    }

    static let phrases: [String: [String: String]] = [
        "en": [
            "created.booker": "Confirmed: {title} with {other}", "created.expert": "New booking: {title} with {other}",
            "rescheduled.booker": "Moved: {title} with {other}", "rescheduled.expert": "Moved: {title} with {other}",
            "cancelled.booker": "Cancelled: {title} with {other}", "cancelled.expert": "Cancelled: {title} with {other}",
            "reminder.booker": "Reminder: {title} with {other}", "reminder.expert": "Reminder: {title} with {other}",
            "lead.created": "Your booking is confirmed.", "lead.created.expert": "{other} booked a time with you.",
            "lead.rescheduled": "The booking has moved to a new time.", "lead.cancelled": "The booking has been cancelled.",
            "lead.reminder": "A reminder of your booking.", "hello": "Hello {name},", "when": "When", "where": "Where", "notes": "Notes",
            "manage": "See, move or cancel your booking", "cancel": "Cancel", "reschedule": "Reschedule",
            "details": "See it in Horario", "invitation": "The invitation is attached: your calendar app can add it.",
            "locale": "en_US",
        ],
        "pt-BR": [
            "created.booker": "Confirmado: {title} com {other}", "created.expert": "Novo agendamento: {title} com {other}",
            "rescheduled.booker": "Remarcado: {title} com {other}", "rescheduled.expert": "Remarcado: {title} com {other}",
            "cancelled.booker": "Cancelado: {title} com {other}", "cancelled.expert": "Cancelado: {title} com {other}",
            "reminder.booker": "Lembrete: {title} com {other}", "reminder.expert": "Lembrete: {title} com {other}",
            "lead.created": "Seu agendamento está confirmado.", "lead.created.expert": "{other} agendou um horário com você.",
            "lead.rescheduled": "O agendamento foi remarcado para um novo horário.", "lead.cancelled": "O agendamento foi cancelado.",
            "lead.reminder": "Um lembrete do seu agendamento.", "hello": "Olá, {name},", "when": "Quando", "where": "Onde",
            "notes": "Observações", "manage": "Ver, remarcar ou cancelar o agendamento", "cancel": "Cancelar", "reschedule": "Remarcar",
            "details": "Ver no Horario", "invitation": "O convite vai anexo: seu aplicativo de calendário pode adicioná-lo.",
            "locale": "pt_BR",
        ],
    ]

    public init(_ facts: Facts) {
        let words = Self.phrases[facts.language] ?? Self.phrases["en"]!
        func say(_ key: String, _ values: [String: String] = [:]) -> String {
            var text = words[key] ?? Self.phrases["en"]![key] ?? key
            for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
            return text
        }
        let other = facts.recipient == .booker ? facts.expertName : facts.bookerName
        let name = facts.recipient == .booker ? facts.bookerName : facts.expertName
        let when = Self.range(facts.start, facts.end, zone: facts.zone, locale: Locale(identifier: say("locale")))
        let date = Self.day(facts.start, zone: facts.zone, locale: Locale(identifier: say("locale")))
        subject = say("\(facts.kind.rawValue).\(facts.recipient.rawValue)", ["title": facts.title, "other": other]) + " — " + date
        let lead =
            facts.kind == .created && facts.recipient == .expert ? say("lead.created.expert", ["other": other]) : say("lead.\(facts.kind.rawValue)")
        var lines = [say("hello", ["name": name]), "", lead, "", "\(facts.title) — \(other)", "\(say("when")): \(when)"]
        if !facts.location.isEmpty { lines.append("\(say("where")): \(facts.location)") }
        if let notes = facts.notes, !notes.isEmpty { lines.append("\(say("notes")): \(notes)") }
        var links: [(String, String)] = []
        if facts.kind != .cancelled {
            if let manage = facts.manageURL { links.append((say("manage"), manage)) }
            if let cancel = facts.cancelURL { links.append((say("cancel"), cancel)) }
            if let reschedule = facts.rescheduleURL { links.append((say("reschedule"), reschedule)) }
        }
        if let details = facts.detailsURL { links.append((say("details"), details)) }
        lines.append("")
        for (label, url) in links { lines.append("\(label): \(url)") }
        lines += ["", say("invitation"), "", "— Horario"]
        plain = lines.joined(separator: "\r\n") + "\r\n"
        let escape = { (text: String) in
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        var body = "<p>\(escape(say("hello", ["name": name])))</p><p>\(escape(lead))</p>"
        body += "<p><strong>\(escape(facts.title))</strong> — \(escape(other))</p><table>"
        body += "<tr><th align=\"left\">\(escape(say("when")))</th><td>\(escape(when))</td></tr>"
        if !facts.location.isEmpty { body += "<tr><th align=\"left\">\(escape(say("where")))</th><td>\(escape(facts.location))</td></tr>" }
        if let notes = facts.notes, !notes.isEmpty { body += "<tr><th align=\"left\">\(escape(say("notes")))</th><td>\(escape(notes))</td></tr>" }
        body += "</table>"
        body += links.map { "<p><a href=\"\(escape($0.1))\">\(escape($0.0))</a></p>" }.joined()
        body += "<p>\(escape(say("invitation")))</p>"
        html =
            "<!doctype html><html lang=\"\(facts.language)\"><head><meta charset=\"utf-8\"><title>\(escape(subject))</title></head><body>\(body)</body></html>"
    }

    /// "Monday, December 14, 2026, 9:00 AM – 9:50 AM (America/Sao_Paulo)".
    static func range(_ start: Date, _ end: Date, zone: TimeZone, locale: Locale) -> String {
        let from = formatter(zone: zone, locale: locale, date: .full, time: .short).string(from: start)
        let to = formatter(zone: zone, locale: locale, date: .none, time: .short).string(from: end)
        return "\(from) – \(to) (\(zone.identifier))"
    }

    /// "Dec 14, 2026, 9:00 AM", for subjects.
    static func day(_ date: Date, zone: TimeZone, locale: Locale) -> String {
        formatter(zone: zone, locale: locale, date: .medium, time: .short).string(from: date)
    }

    static func formatter(zone: TimeZone, locale: Locale, date: DateFormatter.Style, time: DateFormatter.Style) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = zone
        formatter.dateStyle = date
        formatter.timeStyle = time
        return formatter
    }
}
