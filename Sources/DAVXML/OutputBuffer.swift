/// A growable byte buffer for the writer: plain memory with the capacity check inlined, which
/// is several times cheaper per small append than `Array.append(contentsOf:)`. Owned by one
/// ``XMLByteWriter`` and never shared.
final class OutputBuffer {
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// A copy of the bytes written. (No pointer is handed out: it would outlive `self`.)
    func makeArray() -> [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// Lends the bytes written, e.g. to copy them once into a response body.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// The bytes written, as a string; they are UTF-8 by construction.
    func makeString() -> String { String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(toAtLeast: count + 1) }
        (start + count).initialize(to: byte)
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(toAtLeast: count + bytes.count) }
        (start + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    func append(_ string: StaticString) {
        append(UnsafeBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
    }

    @inline(__always)
    func append(_ qualifier: Qualifier) {
        if count + Qualifier.capacity > capacity { grow(toAtLeast: count + Qualifier.capacity) }
        UnsafeMutableRawPointer(start + count).storeBytes(of: qualifier.words, as: (UInt64, UInt64).self)
        count += qualifier.count
    }

    /// Appends the UTF-8 of `string` unchanged.
    @inline(__always)
    func append(_ string: String) {
        if string.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            Array(string.utf8).withUnsafeBufferPointer { append($0) }
        }
    }

    /// Inserts `bytes` at `offset`, moving what follows.
    func insert(_ bytes: [UInt8], at offset: Int) {
        guard !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(toAtLeast: count + bytes.count) }
        (start + offset + bytes.count).moveInitialize(from: start + offset, count: count - offset)  // Overlap is allowed.
        bytes.withUnsafeBufferPointer { (start + offset).initialize(from: $0.baseAddress!, count: bytes.count) }
        count += bytes.count
    }

    private func grow(toAtLeast needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.moveInitialize(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }
}
