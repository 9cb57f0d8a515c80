public import Foundation

/// An e-mail as RFC 5322 text with MIME parts (RFC 2045, 2046), built for booking messages:
/// a plain-text and an HTML alternative, and an iCalendar part. Header texts that are not
/// ASCII are encoded words (RFC 2047); bodies are UTF-8 in base64, lines of 76 characters.
public struct MIMEMessage: Sendable {
    public struct Address: Sendable, Equatable {
        public var name: String?
        public var email: String

        public init(name: String? = nil, email: String) {
            self.name = name
            self.email = email
        }
    }

    /// One leaf part.
    public struct Part: Sendable {
        public var contentType: String
        public var body: [UInt8]
        /// `attachment; filename=…`, or nil for an inline part.
        public var filename: String?

        public init(contentType: String, body: [UInt8], filename: String? = nil) {
            self.contentType = contentType
            self.body = body
            self.filename = filename
        }
    }

    public var from: Address
    public var to: Address
    /// Where answers go when not to `from` (the user whose event it is, for iMIP).
    public var replyTo: Address?
    public var subject: String
    public var date: Date
    /// Without angle brackets: `uuid@host`.
    public var messageId: String
    /// Shown as alternatives of one another (plain text first, the richest last).
    public var alternatives: [Part]
    public var attachments: [Part]

    public init(
        from: Address, to: Address, subject: String, date: Date, messageId: String, alternatives: [Part], attachments: [Part] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageId = messageId
        self.alternatives = alternatives
        self.attachments = attachments
    }

    /// The whole message, CRLF line ends, ready for SMTP DATA (before dot-stuffing).
    public func rendered(boundarySeed: String = UUID().uuidString) -> String {
        let mixed = "mixed-" + boundarySeed
        let alternative = "alt-" + boundarySeed
        var lines = [
            "From: " + Self.header(from), "To: " + Self.header(to), "Subject: " + Self.encodedWord(subject), "Date: " + Self.rfc5322(date),
            "Message-ID: <\(messageId)>", "MIME-Version: 1.0",
        ]
        if let replyTo { lines.insert("Reply-To: " + Self.header(replyTo), at: 2) }
        let alternativeBody = Self.multipart(alternatives.map(Self.leaf), boundary: alternative)
        if attachments.isEmpty {
            lines.append("Content-Type: multipart/alternative; boundary=\"\(alternative)\"")
            lines.append("")
            lines.append(alternativeBody)
        } else {
            lines.append("Content-Type: multipart/mixed; boundary=\"\(mixed)\"")
            lines.append("")
            let nested = "Content-Type: multipart/alternative; boundary=\"\(alternative)\"\r\n\r\n" + alternativeBody
            lines.append(Self.multipart([nested] + attachments.map(Self.leaf), boundary: mixed))
        }
        return lines.joined(separator: "\r\n")
    }

    static func multipart(_ parts: [String], boundary: String) -> String {
        parts.map { "--\(boundary)\r\n\($0)" }.joined(separator: "\r\n") + "\r\n--\(boundary)--\r\n"
    }

    static func leaf(_ part: Part) -> String {
        var headers = ["Content-Type: \(part.contentType)", "Content-Transfer-Encoding: base64"]
        if let filename = part.filename { headers.append("Content-Disposition: attachment; filename=\"\(filename)\"") }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + base64Lines(part.body)
    }

    /// Base64 in lines of 76 characters (RFC 2045 §6.8).
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let text = Data(bytes).base64EncodedString()
        var lines: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(text[index..<end])
            index = end
        }
        return lines.joined(separator: "\r\n")
    }

    /// `"Dr. João" <joao@example.org>` with the name as an encoded word when it needs one.
    static func header(_ address: Address) -> String {
        guard let name = address.name, !name.isEmpty else { return "<\(address.email)>" }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && !"\"\\".unicodeScalars.contains($0) }
        return (plain ? "\"\(name)\"" : encodedWord(name)) + " <\(address.email)>"
    }

    /// RFC 2047 B-encoded words for text that is not printable ASCII, each under 76 characters,
    /// split between whole characters; ASCII text as it is.
    public static func encodedWord(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) else { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 45 bytes of UTF-8 become 60 base64 characters: with "=?UTF-8?B?" and "?=", 72.
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Mon, 7 Dec 2026 22:58:00 +0000` (RFC 5322 §3.3).
    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
