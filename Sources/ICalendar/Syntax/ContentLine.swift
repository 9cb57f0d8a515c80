/// One unfolded logical line and the physical line it started on.
struct LogicalLine {
    var bytes: ArraySlice<UInt8>
    var line: Int
}

/// Splits iCalendar bytes into unfolded logical lines (RFC 5545 §3.1).
///
/// Accepts CRLF, bare LF and lone CR line ends and a UTF-8 BOM. A line that begins with a
/// space or tab continues the previous one. Blank lines are dropped (reported through
/// `onBlankLine`), which also repairs producers that put empty lines inside folds.
struct LineUnfolder {
    static func unfold(_ input: [UInt8], onBlankLine: (Int) -> Void) -> [LogicalLine] {
        var start = 0
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { start = 3 }
        var result: [LogicalLine] = []
        result.reserveCapacity(input.count / 40)
        var current: [UInt8] = []
        var currentLine = 0
        var hasCurrent = false
        var currentIsSlice = true
        var sliceStart = 0
        var sliceEnd = 0
        var lineNumber = 1
        var index = start

        func flush() {
            guard hasCurrent else { return }
            if currentIsSlice {
                result.append(LogicalLine(bytes: input[sliceStart..<sliceEnd], line: currentLine))
            } else {
                result.append(LogicalLine(bytes: current[...], line: currentLine))
            }
            hasCurrent = false
        }

        while index < input.count {
            var end = index
            while end < input.count, input[end] != 10, input[end] != 13 { end += 1 }
            let physical = index..<end
            if physical.isEmpty {
                if end < input.count || index > start { onBlankLine(lineNumber) }
            } else if input[index] == 32 || input[index] == 9, hasCurrent {
                if currentIsSlice {
                    current = Array(input[sliceStart..<sliceEnd])
                    currentIsSlice = false
                }
                current.append(contentsOf: input[(index + 1)..<end])
            } else {
                flush()
                hasCurrent = true
                currentIsSlice = true
                sliceStart = index
                sliceEnd = end
                currentLine = lineNumber
            }
            // Consume the line end: CRLF, LF or a lone CR.
            if end < input.count {
                if input[end] == 13, end + 1 < input.count, input[end + 1] == 10 { end += 1 }
                end += 1
            }
            lineNumber += 1
            index = end
        }
        flush()
        return result
    }
}
