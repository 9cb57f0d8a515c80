import Foundation

/// Writes one JSON object per line to stdout and the human summary to stderr.
enum Report {
    /// Prints `fields` as one JSON line with sorted keys.
    static func json(_ fields: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]),
            let line = String(data: data, encoding: .utf8)
        else { return }
        print(line)
    }

    /// Prints a summary line to stderr.
    static func say(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// `value` rounded to `digits` significant digits, so JSON stays readable.
    static func rounded(_ value: Double, digits: Int = 6) -> Double {
        guard value != 0, value.isFinite else { return value }
        let scale = pow(10, Double(digits) - ceil(log10(abs(value))))
        return (value * scale).rounded() / scale
    }

    /// `value` with a thousands separator and `decimals` decimals, for the summary.
    static func format(_ value: Double, decimals: Int = 0) -> String {
        let text = String(format: "%.\(decimals)f", value)
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        return whole + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}
