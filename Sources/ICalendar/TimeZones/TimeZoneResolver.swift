/// Turns the TZID parameter of a value into zone rules.
///
/// Order, most specific first: a VTIMEZONE in the same calendar whose TZID is not an IANA
/// name (its own definition is all we have); an IANA name (Foundation's database, which has
/// the full history, beats a VTIMEZONE that usually carries only current rules); a Windows
/// name from Outlook/Exchange; a globally unique TZID ending in an IANA name
/// (`/mozilla.org/20070129_1/America/New_York`); and finally a VTIMEZONE with an IANA-like
/// TZID that Foundation does not know.
public struct TimeZoneResolver: Sendable {
    /// VTIMEZONE definitions from the calendar being read, by TZID.
    public var definitions: [String: ZoneRules]

    public init(definitions: [String: ZoneRules] = [:]) {
        self.definitions = definitions
    }

    /// Builds a resolver from the VTIMEZONE components of `calendar`, skipping ones that
    /// cannot be interpreted (they are reported by ``unresolvedDefinitions``).
    public init(calendar: Component) {
        var definitions: [String: ZoneRules] = [:]
        for vtimezone in calendar.components(named: "VTIMEZONE") {
            guard let tzid = vtimezone.property("TZID")?.value else { continue }
            if let rules = try? VTimeZoneRules.rules(from: vtimezone) {
                definitions[ContentLineParser.trimmed(tzid[...]).description] = rules
            }
        }
        self.init(definitions: definitions)
    }

    /// The rules for `tzid`, or nil when no source knows it.
    public func rules(for tzid: String) -> ZoneRules? {
        let name = ContentLineParser.trimmed(tzid[...]).description
        let ianaName = TimeZoneResolver.ianaName(for: name)
        if let definition = definitions[name], ianaName == nil { return definition }
        if let ianaName, let rules = ZoneRules.iana(ianaName) { return rules }
        return definitions[name]
    }

    /// The IANA name a TZID stands for, if it stands for one: IANA itself, a Windows name,
    /// UTC spellings, or a globally unique TZID with an IANA suffix.
    public static func ianaName(for tzid: String) -> String? {
        let name = ContentLineParser.trimmed(tzid[...]).description
        switch name.uppercased() {
        case "UTC", "Z", "GMT", "ETC/UTC", "ETC/GMT", "ZULU", "UNIVERSAL": return "UTC"
        default: break
        }
        if name.contains("/"), !name.hasPrefix("/"), ZoneRules.iana(name) != nil { return name }
        if let windows = WindowsZones.iana(for: name) { return windows }
        if name.hasPrefix("/") {
            // Globally unique TZIDs: try ever shorter suffixes of the path.
            let parts = name.split(separator: "/")
            for start in parts.indices {
                let candidate = parts[start...].joined(separator: "/")
                if candidate.contains("/"), ZoneRules.iana(candidate) != nil { return candidate }
            }
        }
        if !name.contains("/"), name.count > 2, ZoneRules.iana(name) != nil, name.first?.isUppercase == true {
            // Single-segment IANA names such as "Japan" or "EST5EDT".
            return name
        }
        return nil
    }
}
