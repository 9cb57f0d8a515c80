public import Auth
public import Foundation
public import Logging
public import Store

/// Delivers the booking messages' outbox: every tick it queues the reminders that are due and
/// sends the pending messages over one SMTP connection, with retries and backoff. Without a
/// relay configured the messages wait (and the log says once how to configure one).
public final class BookingMessenger: Sendable {
    public struct Settings: Sendable {
        public var smtp: SMTPClient.Configuration?
        /// `HORARIO_MAIL_FROM`: the sender address of every message.
        public var from: String?
        /// The base of every link.
        public var publicURL: URL
        public var tick: TimeInterval = 2
        /// First retry after this many seconds, doubling to an hour.
        public var retryBase: TimeInterval = 30
        /// A message the relay refuses outright (5xx) is given up after this many tries.
        public var maxPermanentFailures = 3

        public init(smtp: SMTPClient.Configuration?, from: String?, publicURL: URL) {
            self.smtp = smtp
            self.from = from
            self.publicURL = publicURL
        }

        /// From `HORARIO_SMTP_URL`, `HORARIO_MAIL_FROM`, `HORARIO_SMTP_CA_FILE` (and, for tests,
        /// `HORARIO_MAIL_TICK`, `HORARIO_MAIL_RETRY_BASE`).
        public static func fromEnvironment(_ environment: [String: String], publicURL: URL) throws(SMTPError) -> Settings {
            let smtp = try environment["HORARIO_SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 }.map {
                url throws(SMTPError) in try SMTPClient.Configuration(url: url, caFile: environment["HORARIO_SMTP_CA_FILE"])
            }
            var settings = Settings(smtp: smtp, from: environment["HORARIO_MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 }, publicURL: publicURL)
            if let tick = environment["HORARIO_MAIL_TICK"].flatMap(TimeInterval.init), tick > 0 { settings.tick = tick }
            if let base = environment["HORARIO_MAIL_RETRY_BASE"].flatMap(TimeInterval.init), base > 0 { settings.retryBase = base }
            return settings
        }
    }

    let store: any HorarioStore & SchedulingStore
    let settings: Settings
    let tokenBox: SecretBox
    let logger: Logger

    public init(store: any HorarioStore & SchedulingStore, settings: Settings, tokenBox: SecretBox, logger: Logger) {
        self.store = store
        self.settings = settings
        self.tokenBox = tokenBox
        self.logger = logger
    }

    /// Runs until the task is cancelled.
    public func run() async {
        if settings.smtp == nil || settings.from == nil {
            logger.notice(
                "booking messages wait in the outbox: set HORARIO_SMTP_URL (smtp://user:password@host:587) and HORARIO_MAIL_FROM to deliver them")
        }
        while !Task.isCancelled {
            await deliverDue(now: Date())
            try? await Task.sleep(for: .seconds(settings.tick))
        }
    }

    /// One tick: reminders queued, due messages sent, then due iMIP e-mails of the users' own
    /// events (``SchedulingMail``).
    public func deliverDue(now: Date) async {
        do {
            try await store.queueReminders(at: now)
            guard let smtp = settings.smtp, let from = settings.from else { return }
            try await deliverBookingMessages(now: now, smtp: smtp, from: from)
            try await deliverSchedulingMail(now: now, smtp: smtp, from: from)
        } catch {
            logger.warning("booking messages: \(error)")
        }
    }

    func deliverBookingMessages(now: Date, smtp: SMTPClient.Configuration, from: String) async throws {
        do {
            let due = try await store.messagesDue(at: now, limit: 20)
            guard !due.isEmpty else { return }
            var prepared: [(BookingMessage, SMTPClient.Envelope)] = []
            for message in due {
                if let envelope = try await envelope(message, from: from, now: now) {
                    prepared.append((message, envelope))
                } else {
                    try await store.recordMessage(
                        id: message.id, state: .failed, attempts: message.attempts + 1, nextAttemptAt: nil, lastError: "the booking is gone",
                        sentAt: nil)
                }
            }
            guard !prepared.isEmpty else { return }
            let results: [SMTPError?]
            do {
                results = try await SMTPClient(configuration: smtp).send(prepared.map(\.1))
            } catch {
                // The relay could not be reached: every message waits for the next try.
                for (message, _) in prepared { try await retry(message, error: "\(error)", permanent: false, now: now) }
                return
            }
            for ((message, _), result) in zip(prepared, results) {
                if let result {
                    try await retry(message, error: result.description, permanent: result.isPermanent, now: now)
                } else {
                    try await store.recordMessage(
                        id: message.id, state: .sent, attempts: message.attempts + 1, nextAttemptAt: nil, lastError: nil, sentAt: now)
                }
            }
        }
    }

    /// Invitations, cancellations and replies of CalDAV events to addresses of no user here.
    func deliverSchedulingMail(now: Date, smtp: SMTPClient.Configuration, from: String) async throws {
        let due = try await store.schedulingMailDue(at: now, limit: 20)
        guard !due.isEmpty else { return }
        var prepared: [(SchedulingMail, SMTPClient.Envelope)] = []
        for mail in due {
            guard let sender = try await store.user(id: mail.senderId) else {
                try await store.recordSchedulingMail(
                    id: mail.id, state: .failed, attempts: mail.attempts + 1, nextAttemptAt: nil, lastError: "the sender is gone")
                continue
            }
            let text = SchedulingMailText(
                method: mail.method, ics: mail.ics, senderName: sender.displayName, zone: TimeZone(identifier: sender.timeZone) ?? .gmt,
                language: sender.language ?? "en")
            var mime = MIMEMessage(
                from: .init(name: sender.displayName, email: from), to: .init(email: mail.recipient), subject: text.subject, date: now,
                messageId: "itip-\(mail.id)@horario",
                alternatives: [
                    .init(contentType: "text/plain; charset=utf-8", body: Array(text.plain.utf8)),
                    .init(contentType: "text/html; charset=utf-8", body: Array(text.html.utf8)),
                    .init(contentType: "text/calendar; method=\(mail.method); charset=utf-8", body: Array(mail.ics.utf8)),
                ],
                attachments: [.init(contentType: "application/ics", body: Array(mail.ics.utf8), filename: mail.method.lowercased() + ".ics")])
            mime.replyTo = .init(name: sender.displayName, email: sender.email)
            prepared.append((mail, SMTPClient.Envelope(from: from, to: mail.recipient, data: mime.rendered())))
        }
        guard !prepared.isEmpty else { return }
        let results: [SMTPError?]
        do {
            results = try await SMTPClient(configuration: smtp).send(prepared.map(\.1))
        } catch {
            // The relay could not be reached: every e-mail waits for the next try.
            results = prepared.map { _ in SMTPError.timeout("the relay could not be reached: \(error)") }
        }
        for ((mail, _), result) in zip(prepared, results) {
            let attempts = mail.attempts + 1
            if let result {
                logger.warning("scheduling e-mail \(mail.id) not delivered (attempt \(attempts)): \(result)")
                let giveUp = result.isPermanent && attempts >= settings.maxPermanentFailures
                try await store.recordSchedulingMail(
                    id: mail.id, state: giveUp ? .failed : .pending, attempts: attempts,
                    nextAttemptAt: giveUp ? nil : now.addingTimeInterval(retryDelay(attempts)),
                    lastError: result.description)
            } else {
                try await store.recordSchedulingMail(id: mail.id, state: .sent, attempts: attempts, nextAttemptAt: nil, lastError: nil)
            }
        }
    }

    func retry(_ message: BookingMessage, error: String, permanent: Bool, now: Date) async throws {
        let attempts = message.attempts + 1
        logger.warning("booking message \(message.id) not delivered (attempt \(attempts)): \(error)")
        if permanent, attempts >= settings.maxPermanentFailures {
            try await store.recordMessage(id: message.id, state: .failed, attempts: attempts, nextAttemptAt: nil, lastError: error, sentAt: nil)
            return
        }
        try await store.recordMessage(
            id: message.id, state: .pending, attempts: attempts, nextAttemptAt: now.addingTimeInterval(retryDelay(attempts)), lastError: error,
            sentAt: nil)
    }

    /// After the `attempts`th failure: the retry base, doubling to an hour.
    func retryDelay(_ attempts: Int) -> TimeInterval {
        min(3600, settings.retryBase * pow(2, Double(min(attempts - 1, 12))))
    }

    /// The message as it goes out, or nil when its booking no longer exists.
    func envelope(_ message: BookingMessage, from: String, now: Date) async throws -> SMTPClient.Envelope? {
        guard var booking = try await store.booking(id: message.bookingId, ownedBy: message.expertId),
            let expert = try await store.user(id: message.expertId)
        else { return nil }
        let title = try await store.eventType(id: booking.eventTypeId, ownedBy: expert.id)?.title ?? ""
        // The invitation shows the booking as it was after this change.
        booking.start = message.start
        booking.end = message.end
        booking.sequence = message.sequence
        booking.status = message.kind == .cancelled ? .cancelled : .confirmed
        let ics = BookingInvitation.ics(booking, eventTypeTitle: title, expertName: expert.displayName, expertEmail: expert.email)
        var manage: String?
        if message.recipient == .booker, let (_, hash) = try await store.managedBooking(uid: booking.uid), let hash,
            let sealed = try await store.sealedManagementToken(bookingId: booking.id),
            let token = try? tokenBox.open(sealed, place: ManagementToken.sealPlace(hash: hash))
        {
            manage = String(decoding: token, as: UTF8.self)
        }
        let base =
            settings.publicURL.absoluteString.hasSuffix("/")
            ? String(settings.publicURL.absoluteString.dropLast()) : settings.publicURL.absoluteString
        let query = manage.map {
            "?token=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_"))) ?? $0)
        }
        let zoneName = message.recipient == .booker ? booking.attendee.timeZone : expert.timeZone
        let text = BookingMessageText(
            .init(
                kind: message.kind, recipient: message.recipient, language: expert.language ?? "en", title: title, expertName: expert.displayName,
                bookerName: booking.attendee.name, start: message.start, end: message.end, zone: TimeZone(identifier: zoneName) ?? .gmt,
                location: booking.location, notes: booking.notes,
                manageURL: query.map { "\(base)/booking/\(booking.uid)\($0)" }, cancelURL: query.map { "\(base)/booking/\(booking.uid)/cancel\($0)" },
                rescheduleURL: query.map { "\(base)/booking/\(booking.uid)/reschedule\($0)" },
                detailsURL: message.recipient == .expert ? "\(base)/appointments/\(booking.id)" : nil))
        let to =
            message.recipient == .booker
            ? MIMEMessage.Address(name: booking.attendee.name, email: booking.attendee.email) : .init(name: expert.displayName, email: expert.email)
        let mime = MIMEMessage(
            from: .init(name: expert.displayName, email: from), to: to, subject: text.subject, date: now,
            messageId: "\(booking.uid)-\(message.kind.rawValue)-\(message.sequence)-\(message.recipient.rawValue)@horario",
            alternatives: [
                .init(contentType: "text/plain; charset=utf-8", body: Array(text.plain.utf8)),
                .init(contentType: "text/html; charset=utf-8", body: Array(text.html.utf8)),
                .init(contentType: BookingInvitation.contentType(booking), body: Array(ics.utf8)),
            ],
            attachments: [
                .init(contentType: "application/ics", body: Array(ics.utf8), filename: message.kind == .cancelled ? "cancel.ics" : "invite.ics")
            ])
        return SMTPClient.Envelope(from: from, to: to.email, data: mime.rendered())
    }
}
