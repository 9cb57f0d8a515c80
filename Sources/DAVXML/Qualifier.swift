/// A namespace prefix with its colon (`D:`, `x0:`), held inline in two words so the writer can
/// copy it with two stores instead of a string append. At most 16 bytes.
struct Qualifier {
    static let capacity = 16
    private(set) var words: (UInt64, UInt64) = (0, 0)
    let count: Int

    static let none = Qualifier(bytes: [])

    /// nil when `prefix` plus the colon does not fit.
    init?(prefix: String) {
        let bytes = Array(prefix.utf8) + [UInt8(ascii: ":")]
        guard bytes.count <= Self.capacity else { return nil }
        self.init(bytes: bytes)
    }

    private init(bytes: [UInt8]) {
        count = bytes.count
        withUnsafeMutableBytes(of: &words) { storage in
            for (offset, byte) in bytes.enumerated() { storage[offset] = byte }
        }
    }
}
