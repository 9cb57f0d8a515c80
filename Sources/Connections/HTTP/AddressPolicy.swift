public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which servers Horario may call on a user's behalf (server-side request forgery): public
/// addresses only, unless the operator allows a host with `HORARIO_CALDAV_ALLOWED_HOSTS`
/// (comma-separated `host` or `host:port`; a local Radicale or Nextcloud, the tests).
///
/// The check resolves the name and refuses when any address is loopback, private, link-local,
/// unspecified or multicast. (A name that resolves differently a moment later could still slip
/// through; refusing private answers is what keeps ordinary deployments safe.)
public struct AddressPolicy: Sendable {
    /// Lowercased `host` or `host:port` entries.
    public var allowedHosts: Set<String>

    public init(allowedHosts: Set<String> = []) {
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
    }

    /// From `HORARIO_CALDAV_ALLOWED_HOSTS`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> AddressPolicy {
        let entries = (environment["HORARIO_CALDAV_ALLOWED_HOSTS"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        return AddressPolicy(allowedHosts: Set(entries.filter { !$0.isEmpty }))
    }

    public func check(_ url: URL) async throws(ProviderError) {
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw .notAllowed("only http and https addresses can be connected")
        }
        guard let host = url.host?.lowercased(), !host.isEmpty else { throw .notAllowed("the address has no host") }
        let bareHost = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        if allowedHosts.contains(bareHost) || allowedHosts.contains("\(bareHost):\(port)") { return }
        let addresses = Self.resolve(bareHost)
        guard !addresses.isEmpty else { throw .unreachable("\(bareHost) does not resolve to an address") }
        if let blocked = addresses.first(where: Self.isInternal) {
            throw .notAllowed(
                "\(bareHost) resolves to \(blocked), an internal address; the operator can allow it with HORARIO_CALDAV_ALLOWED_HOSTS")
        }
    }

    /// The numeric addresses of `host` (itself when it is one).
    static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var result: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                result.append(String(cString: buffer))
            }
            cursor = entry.pointee.ai_next
        }
        return result
    }

    /// Loopback, private (RFC 1918, RFC 4193), link-local, CGNAT, unspecified or multicast.
    static func isInternal(_ address: String) -> Bool {
        if address.contains(":") {
            let lower = address.lowercased()
            if lower == "::1" || lower == "::" { return true }
            if lower.hasPrefix("::ffff:") { return isInternal(String(lower.dropFirst(7))) }
            return lower.hasPrefix("fc") || lower.hasPrefix("fd") || lower.hasPrefix("fe8") || lower.hasPrefix("fe9")
                || lower.hasPrefix("fea") || lower.hasPrefix("feb") || lower.hasPrefix("ff")
        }
        let parts = address.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4 else { return true }
        switch (parts[0], parts[1]) {
        case (0, _), (10, _), (127, _): return true
        case (169, 254), (192, 168): return true
        case (172, 16...31), (100, 64...127): return true
        case (224...255, _): return true
        default: return false
        }
    }
}
