public import Foundation
import ICalendar

/// What an iMIP e-mail (RFC 6047) about a calendar user's own event says to an address of no
/// user here: an invitation, a change, a cancellation or a reply, with the event's title, time
/// (in the sender's zone, named) and place, in the sender's language.
public struct SchedulingMailText: Sendable {
    public var subject: String
    public var plain: String
    public var html: String

    static let phrases: [String: [String: String]] = [
        "en": [
            "REQUEST": "Invitation: {title}", "CANCEL": "Cancelled: {title}", "REPLY": "{who} answered: {title}",
            "lead.REQUEST": "{sender} invites you to this event.", "lead.CANCEL": "{sender} cancelled this event.",
            "lead.REPLY": "{who} answered your invitation: {answer}.", "when": "When", "where": "Where",
            "ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "maybe", "NEEDS-ACTION": "no answer yet",
            "attached": "The event is attached: your calendar app can add it or answer it.", "locale": "en_US",
        ],
        "pt-BR": [
            "REQUEST": "Convite: {title}", "CANCEL": "Cancelado: {title}", "REPLY": "{who} respondeu: {title}",
            "lead.REQUEST": "{sender} convida você para este evento.", "lead.CANCEL": "{sender} cancelou este evento.",
            "lead.REPLY": "{who} respondeu ao seu convite: {answer}.", "when": "Quando", "where": "Onde",
            "ACCEPTED": "aceito", "DECLINED": "recusado", "TENTATIVE": "talvez", "NEEDS-ACTION": "ainda sem resposta",
            "attached": "O evento vai anexo: seu aplicativo de calendário pode adicioná-lo ou respondê-lo.", "locale": "pt_BR",
        ],
    ]

    /// - Parameters:
    ///   - ics: the iTIP message (with METHOD).
    ///   - senderName: the user whose change it is.
    ///   - zone: the sender's zone, in which the time is given.
    public init(method: String, ics: String, senderName: String, zone: TimeZone, language: String) {
        let words = Self.phrases[language] ?? Self.phrases["en"]!
        func say(_ key: String, _ values: [String: String] = [:]) -> String {
            var text = words[key] ?? Self.phrases["en"]![key] ?? key
            for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
            return text
        }
        let calendar = try? ICalendarParser.parse(ics, mode: .lenient).calendar
        let event = calendar?.components.first { $0.name == "VEVENT" || $0.name == "VTODO" }
        let title = event?.property("SUMMARY")?.text ?? ""
        let location = event?.property("LOCATION")?.text ?? ""
        let attendee = event?.properties(named: "ATTENDEE").first
        let who = attendee?.parameter("CN") ?? attendee.map { $0.value.replacingOccurrences(of: "mailto:", with: "") } ?? ""
        let answer = say(attendee?.parameter("PARTSTAT")?.uppercased() ?? "NEEDS-ACTION")
        let locale = Locale(identifier: say("locale"))
        var when = ""
        if let calendar, let event, let start = Self.instant(event.property("DTSTART"), in: calendar) {
            let end = Self.instant(event.property("DTEND"), in: calendar)
            when =
                end.map { BookingMessageText.range(start, $0, zone: zone, locale: locale) }
                ?? BookingMessageText.day(start, zone: zone, locale: locale)
        }
        let values = ["title": title, "sender": senderName, "who": who, "answer": answer]
        subject = say(method, values)
        let lead = say("lead.\(method)", values)
        var lines = [lead, "", title]
        if !when.isEmpty { lines.append("\(say("when")): \(when)") }
        if !location.isEmpty { lines.append("\(say("where")): \(location)") }
        lines += ["", say("attached"), "", "— Horario"]
        plain = lines.joined(separator: "\r\n") + "\r\n"
        let escape = { (text: String) in
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        var body = "<p>\(escape(lead))</p><p><strong>\(escape(title))</strong></p><table>"
        if !when.isEmpty { body += "<tr><th align=\"left\">\(escape(say("when")))</th><td>\(escape(when))</td></tr>" }
        if !location.isEmpty { body += "<tr><th align=\"left\">\(escape(say("where")))</th><td>\(escape(location))</td></tr>" }
        body += "</table><p>\(escape(say("attached")))</p>"
        html =
            "<!doctype html><html lang=\"\(language)\"><head><meta charset=\"utf-8\"><title>\(escape(subject))</title></head><body>\(body)</body></html>"
    }

    /// A DTSTART/DTEND as an instant: UTC as written, zoned through the message's or IANA's
    /// rules, floating and DATE values read as UTC.
    static func instant(_ property: Property?, in calendar: Component) -> Date? {
        guard let property, let value = try? property.dateOrDateTime() else { return nil }
        let zone = value.tzid.flatMap { TimeZoneResolver(calendar: calendar).rules(for: $0) } ?? ZoneRules.utc
        return zone.instant(for: value.local).date
    }
}
