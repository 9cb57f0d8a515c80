extension Component {
    /// Bytes this tree takes in memory, counted from what it holds: each component's and
    /// property's storage and array buffers, and the heap storage of every string longer than
    /// fits inline (15 UTF-8 bytes on 64-bit platforms). Caches bound themselves by this rather
    /// than by the text they parsed, which takes several times less room than its tree.
    public var memoryFootprint: Int {
        var total = 0
        var pending: [Component] = [self]
        while let component = pending.popLast() {
            total += MemoryLayout<Component>.stride + Self.heapBytes(component.name)
            total += Self.arrayBytes(component.properties.count, stride: MemoryLayout<Property>.stride)
            total += Self.arrayBytes(component.components.count, stride: MemoryLayout<Component>.stride)
            for property in component.properties {
                total += Self.heapBytes(property.name) + Self.heapBytes(property.value)
                total += Self.arrayBytes(property.parameters.count, stride: MemoryLayout<Parameter>.stride)
                for parameter in property.parameters {
                    total += Self.heapBytes(parameter.name) + Self.arrayBytes(parameter.values.count, stride: MemoryLayout<String>.stride)
                    for value in parameter.values { total += Self.heapBytes(value) }
                }
            }
            pending += component.components
        }
        return total
    }

    /// A native string's heap allocation: none for small strings, else header and bytes
    /// rounded up to malloc's 16-byte granule.
    static func heapBytes(_ string: String) -> Int {
        let count = string.utf8.count
        return count <= 15 ? 0 : (32 + count + 1 + 15) & ~15
    }

    /// An array buffer: header and elements rounded up to malloc's granule; none when empty.
    static func arrayBytes(_ count: Int, stride: Int) -> Int {
        count == 0 ? 0 : (32 + count * stride + 15) & ~15
    }
}
