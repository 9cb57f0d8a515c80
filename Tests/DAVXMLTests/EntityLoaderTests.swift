import CLibXML2
import DAVXML
import Testing

/// The deny-all external entity loader the parser installs also protects a parse that asks
/// libxml2 for entity substitution and DTD loading, which DAVXMLParser itself never does.
struct EntityLoaderTests {
    @Test("with the loader installed, even an entity-substituting libxml2 parse reads no file")
    func loaderReadsNothing() throws {
        _ = try DAVXMLParser.parse(Array("<a/>".utf8))  // Installs the loader.
        let xml = #"<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>"#
        let options = Int32(XML_PARSE_NOENT.rawValue | XML_PARSE_DTDLOAD.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = xml.withCString { xmlReadMemory($0, Int32(xml.utf8.count), nil, nil, options) }
        defer { if let document { xmlFreeDoc(document) } }
        var content = ""
        if let root = document.flatMap({ xmlDocGetRootElement($0) }), let text = xmlNodeGetContent(root) {
            content = String(cString: text)
            horario_xmlFree(text)
        }
        #expect(!content.contains("root:"))
    }
}
