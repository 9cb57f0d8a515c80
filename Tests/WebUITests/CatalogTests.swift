import Foundation
import Testing

@testable import WebUI

@Suite("Web UI language catalogs")
struct CatalogTests {
    @Test("English and Portuguese have exactly the same keys, none empty")
    func catalogsMatch() {
        let english = Catalog.shared(.english).strings
        let portuguese = Catalog.shared(.portugueseBrazil).strings
        #expect(Set(english.keys).subtracting(portuguese.keys).sorted() == [])
        #expect(Set(portuguese.keys).subtracting(english.keys).sorted() == [])
        #expect(english.filter { $0.value.isEmpty }.keys.sorted() == [])
        #expect(portuguese.filter { $0.value.isEmpty }.keys.sorted() == [])
    }

    @Test("every {{t.key}} of every template is in the catalogs")
    func templateKeysExist() throws {
        let english = Catalog.shared(.english).strings
        let directory = try #require(Bundle.module.resourceURL?.deletingLastPathComponent())
        // The templates ship in WebUI's bundle, beside this test bundle.
        let templates = try #require(
            FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
                .filter { $0.pathExtension == "mustache" && $0.path.contains("WebUI") })
        #expect(!templates.isEmpty)
        let pattern = try NSRegularExpression(pattern: #"\bt\.([a-z_0-9]+)"#)
        for file in templates {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(match.range(at: 1), in: text)!])
                #expect(english[key] != nil, "\(file.lastPathComponent) uses t.\(key), which the catalogs lack")
            }
        }
    }

    @Test("Accept-Language picks the best supported language")
    func negotiation() {
        #expect(Language.negotiate(userChoice: nil, acceptLanguage: "pt-BR,pt;q=0.9") == .portugueseBrazil)
        #expect(Language.negotiate(userChoice: nil, acceptLanguage: "fr-FR, en;q=0.8, pt;q=0.9") == .portugueseBrazil)
        #expect(Language.negotiate(userChoice: nil, acceptLanguage: "de") == .english)
        #expect(Language.negotiate(userChoice: "en", acceptLanguage: "pt-BR") == .english)
        #expect(Language.negotiate(userChoice: nil, acceptLanguage: nil) == .english)
    }
}
