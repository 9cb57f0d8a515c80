/// The calendar's placement classes, generated once: the strict CSP allows no `style=`, so a
/// block is placed by classes — `.d-N` its day column, `.r-N` its first 5-minute row, `.s-N`
/// how many rows it spans, `.ln-I-N` its lane when blocks overlap. Served as
/// `/static/calendar.css`.
enum CalendarGridStyles {
    /// 5-minute rows of a 24-hour wall-clock day.
    static let rowsPerDay = 288

    static let css: String = {
        var lines: [String] = []
        for column in 1...8 { lines.append(".d-\(column){grid-column:\(column)}") }
        for row in 1...rowsPerDay { lines.append(".r-\(row){grid-row-start:\(row)}") }
        for span in 1...rowsPerDay { lines.append(".s-\(span){grid-row-end:span \(span)}") }
        for count in 1...4 {
            for lane in 0..<count {
                let width = 100.0 / Double(count)
                lines.append(".ln-\(lane)-\(count){margin-left:\(width * Double(lane))%;width:\(width)%}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }()
}
