import DAVXML
import Foundation

/// A `207 Multi-Status` answer (RFC 4918 §13) read into hrefs and the properties found (200).
struct MultiStatus {
    struct Entry {
        /// The href as sent, percent-decoded once (iCloud escapes `@` as `%40`).
        var href: String
        /// Status of the whole response (`404` for a deleted member in sync reports), if given.
        var status: Int?
        var properties: [XMLName: XMLElement]

        func text(_ name: XMLName) -> String? {
            properties[name].map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
    }

    var entries: [Entry]

    init(_ body: [UInt8]) throws(ProviderError) {
        let root: XMLElement
        do {
            root = try DAVXMLParser.parse(body)
        } catch {
            throw .badResponse("the server's answer is not XML (\(error))")
        }
        guard root.name == XMLName("DAV:", "multistatus") else {
            throw .badResponse("the server answered \(root.name.local) where a multistatus was expected")
        }
        entries = root.all(XMLName("DAV:", "response")).compactMap { response in
            guard let href = response.first(XMLName("DAV:", "href"))?.text.trimmingCharacters(in: .whitespacesAndNewlines), !href.isEmpty
            else { return nil }
            var properties: [XMLName: XMLElement] = [:]
            for propstat in response.all(XMLName("DAV:", "propstat")) {
                let status = propstat.first(XMLName("DAV:", "status")).flatMap { Self.statusCode($0.text) }
                guard status == nil || status == 200, let prop = propstat.first(XMLName("DAV:", "prop")) else { continue }
                for element in prop.elements { properties[element.name] = element }
            }
            let status = response.first(XMLName("DAV:", "status")).flatMap { Self.statusCode($0.text) }
            return Entry(href: href.removingPercentEncoding ?? href, status: status, properties: properties)
        }
    }

    /// `HTTP/1.1 200 OK` → 200.
    static func statusCode(_ line: String) -> Int? {
        let parts = line.split(separator: " ")
        return parts.count >= 2 ? Int(parts[1]) : nil
    }
}
