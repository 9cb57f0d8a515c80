/// Strong entity tags (RFC 9110 §8.8.3) for calendar objects and plain resources.
///
/// A tag joins a write counter and a hash of the content, so it changes on every write of the
/// resource (the counter) and two different bodies never share one (the hash). The hash is
/// FNV-1a: it only has to tell versions apart, not resist an attacker.
package enum EntityTag {
    /// `"<revision>-<16 hex digits>"`, quotes included.
    package static func make(revision: Int, content: some Sequence<UInt8>) -> String {
        "\"\(revision)-\(hexHash(content))\""
    }

    package static func hexHash(_ content: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in content {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Whether `condition` holds for a resource whose current tag is `current` (nil = absent),
    /// RFC 9110 §13.1.1 and §13.1.2 (If-Match compares strongly, so a weak tag never matches).
    package static func holds(_ condition: WriteCondition, current: String?) -> Bool {
        switch condition {
        case .none: return true
        case .ifNoneMatchAny: return current == nil
        case .ifMatch(let tags):
            guard let current else { return false }
            return tags.contains("*") || tags.contains(current)
        }
    }
}
