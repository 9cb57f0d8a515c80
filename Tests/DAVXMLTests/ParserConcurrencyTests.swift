import DAVXML
import Testing

/// Parses run in parallel without sharing state: each gets its own tree or its own error.
struct ParserConcurrencyTests {
    enum Outcome: Equatable, Sendable {
        case parsed(XMLElement)
        case refused(DAVXMLError)
    }

    /// Body `index`: every third one is malformed in a way that names `index`, so an error
    /// reported to the wrong parse would show.
    static func body(_ index: Int) -> String {
        if index % 3 == 0 { return "<D:propfind xmlns:D=\"DAV:\"><p\(index)></D:propfind>" }
        return """
            <D:propfind xmlns:D="DAV:" xmlns:X="urn:x:\(index)"><D:prop><X:p\(index)>\(index) &amp; more</X:p\(index)></D:prop></D:propfind>
            """
    }

    static func parse(_ index: Int) -> Outcome {
        do { return .parsed(try DAVXMLParser.parse(Array(body(index).utf8))) } catch { return .refused(error) }
    }

    @Test("1,000 bodies parsed from many tasks at once each give their own result")
    func parallelParses() async {
        let count = 1_000
        let outcomes = await withTaskGroup(of: (Int, Outcome).self) { group in
            for index in 0..<count { group.addTask { (index, Self.parse(index)) } }
            var outcomes: [Int: Outcome] = [:]
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }
        #expect(outcomes.count == count)
        for index in 0..<count {
            if index % 3 == 0 {
                guard case .refused(let error) = outcomes[index] else {
                    Issue.record("body \(index) parsed")
                    continue
                }
                #expect(error.message.hasPrefix("Opening and ending tag mismatch: p\(index) "))
            } else {
                let property = XMLElement(XMLName("urn:x:\(index)", "p\(index)"), text: "\(index) & more")
                let expected = XMLElement(XMLName.DAV.propfind, elements: [XMLElement(XMLName.DAV.prop, elements: [property])])
                #expect(outcomes[index] == .parsed(expected))
            }
        }
    }
}
