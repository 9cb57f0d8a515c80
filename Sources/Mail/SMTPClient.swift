public import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// The part of SMTP booking messages need (RFC 5321), with STARTTLS (RFC 3207) or implicit TLS
/// (RFC 8314) and AUTH PLAIN/LOGIN (RFC 4954), on SwiftNIO. One connection carries a batch of
/// messages; every reply is awaited within a timeout.
public struct SMTPClient: Sendable {
    public enum Security: Sendable, Equatable {
        /// `smtps://`: TLS from the first byte (port 465).
        case implicitTLS
        /// `smtp://` with credentials: STARTTLS, required before AUTH.
        case startTLS
        /// `smtp://` without credentials: plain, as a local relay on port 25.
        case none
    }

    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var security: Security
        public var username: String?
        public var password: String?
        /// Extra certificate authority (PEM) to trust, for a relay with a private certificate.
        public var caFile: String?
        public var timeout: TimeInterval = 30

        /// `smtp://user:password@host:587`, `smtps://user:password@host:465`, `smtp://host:25`.
        public init(url: String, caFile: String? = nil) throws(SMTPError) {
            guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps",
                let host = components.host, !host.isEmpty
            else { throw SMTPError.configuration("HORARIO_SMTP_URL must look like smtp://user:password@host:587 or smtps://…:465") }
            self.host = host
            username = components.user?.removingPercentEncoding
            password = components.password?.removingPercentEncoding
            if scheme == "smtps" {
                security = .implicitTLS
                port = components.port ?? 465
            } else {
                security = username == nil ? .none : .startTLS
                port = components.port ?? (username == nil ? 25 : 587)
            }
            self.caFile = caFile
        }
    }

    public struct Envelope: Sendable {
        public var from: String
        public var to: String
        /// The message text (CRLF line ends), not yet dot-stuffed.
        public var data: String

        public init(from: String, to: String, data: String) {
            self.from = from
            self.to = to
            self.data = data
        }
    }

    public let configuration: Configuration
    /// The name we greet with (EHLO).
    public let clientName: String

    public init(configuration: Configuration, clientName: String = "horario.localhost") {
        self.configuration = configuration
        self.clientName = clientName
    }

    /// Sends each envelope over one connection, in order. Returns, per envelope, nil when the
    /// relay accepted it or the error it gave; a failure of the connection itself throws.
    public func send(_ envelopes: [Envelope]) async throws -> [SMTPError?] {
        let timeout = configuration.timeout
        return try await withThrowingTaskGroup(of: [SMTPError?].self) { group in
            group.addTask { try await self.session(envelopes) }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout * Double(max(1, envelopes.count))))
                throw SMTPError.timeout("the relay did not finish within \(Int(timeout)) s a message")
            }
            let result = try await group.next()!
            group.cancelAll()
            return result
        }
    }

    /// Certificates verified against the system's roots, plus the configured authority.
    func tlsContext() throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = configuration.caFile {
            tls.additionalTrustRoots = [.file(caFile)]
        }
        return try NIOSSLContext(configuration: tls)
    }

    func session(_ envelopes: [Envelope]) async throws -> [SMTPError?] {
        let host = configuration.host
        let tls = configuration.security == .implicitTLS ? try tlsContext() : nil
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: host)) }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var lines = ReplyReader(iterator: inbound.makeAsyncIterator())
            func command(_ text: String, expect: Int, sensitive: Bool = false) async throws -> SMTPReply {
                try await outbound.write(ByteBuffer(string: text + "\r\n"))
                let reply = try await lines.reply()
                guard reply.code == expect else { throw SMTPError.refused(sensitive ? "AUTH" : String(text.prefix(40)), reply) }
                return reply
            }
            let greeting = try await lines.reply()
            guard greeting.code == 220 else { throw SMTPError.refused("greeting", greeting) }
            var hello = try await command("EHLO \(clientName)", expect: 250)
            if configuration.security == .startTLS {
                guard hello.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                    throw SMTPError.configuration("the relay does not offer STARTTLS; use smtps:// or a relay that does")
                }
                _ = try await command("STARTTLS", expect: 220)
                let context = try tlsContext()
                let raw = channel.channel
                try await raw.eventLoop.submit {
                    try raw.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: host), position: .first)
                }.get()
                hello = try await command("EHLO \(clientName)", expect: 250)
            }
            if let username = configuration.username, let password = configuration.password {
                let mechanisms = hello.lines.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased().split(separator: " ").map(String.init) ?? []
                if mechanisms.contains("PLAIN") || !mechanisms.contains("LOGIN") {
                    let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
                    _ = try await command("AUTH PLAIN \(token)", expect: 235, sensitive: true)
                } else {
                    _ = try await command("AUTH LOGIN", expect: 334)
                    _ = try await command(Data(username.utf8).base64EncodedString(), expect: 334, sensitive: true)
                    _ = try await command(Data(password.utf8).base64EncodedString(), expect: 235, sensitive: true)
                }
            }
            var results: [SMTPError?] = []
            for envelope in envelopes {
                do {
                    _ = try await command("MAIL FROM:<\(envelope.from)>", expect: 250)
                    _ = try await command("RCPT TO:<\(envelope.to)>", expect: 250)
                    _ = try await command("DATA", expect: 354)
                    _ = try await command(Self.dotStuffed(envelope.data) + "\r\n.", expect: 250)
                    results.append(nil)
                } catch let error as SMTPError {
                    // A refused message leaves the session usable after RSET.
                    results.append(error)
                    _ = try await command("RSET", expect: 250)
                }
            }
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
            return results
        }
    }

    /// Lines starting with a dot get another (RFC 5321 §4.5.2).
    static func dotStuffed(_ text: String) -> String {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
    }
}

/// A reply: its code and its lines' texts.
public struct SMTPReply: Sendable, Equatable {
    public var code: Int
    public var lines: [String]
}

public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    case configuration(String)
    case refused(String, SMTPReply)
    case timeout(String)
    case closed

    public var description: String {
        switch self {
        case .configuration(let message), .timeout(let message): return message
        case .refused(let command, let reply): return "the relay answered \(command) with \(reply.code) \(reply.lines.joined(separator: " "))"
        case .closed: return "the relay closed the connection"
        }
    }

    /// 5xx: this message will not be taken, however often it is sent.
    public var isPermanent: Bool {
        if case .refused(_, let reply) = self { return reply.code >= 500 }
        return false
    }
}

/// Reads CRLF-terminated reply lines, multi-line replies joined (`250-…`, then `250 …`).
struct ReplyReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending: [UInt8] = []

    mutating func line() async throws -> String {
        while true {
            if let end = pending.indices.dropLast().first(where: { pending[$0] == 13 && pending[$0 + 1] == 10 }) {
                let text = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeFirst(end + 2)
                return text
            }
            guard var buffer = try await iterator.next() else { throw SMTPError.closed }
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
            if pending.count > 64 << 10 { throw SMTPError.refused("reply", SMTPReply(code: 0, lines: ["a reply line over 64 KiB"])) }
        }
    }

    mutating func reply() async throws -> SMTPReply {
        var texts: [String] = []
        while true {
            let text = try await line()
            guard text.count >= 3, let code = Int(text.prefix(3)) else { throw SMTPError.refused("reply", SMTPReply(code: 0, lines: [text])) }
            texts.append(String(text.dropFirst(4)))
            if text.count == 3 || text[text.index(text.startIndex, offsetBy: 3)] == " " { return SMTPReply(code: code, lines: texts) }
        }
    }
}
