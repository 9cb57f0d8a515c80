internal import CLibXML2

/// Parses WebDAV/CalDAV request bodies (RFC 4918 §8.2) into a Sendable ``XMLElement`` tree,
/// safely: no DTD is accepted (so no entity expansion and no external entity is ever read), no
/// network access, libxml2's default size and depth limits stay on, and namespace errors are
/// fatal because WebDAV compares names by namespace (RFC 4918 §17).
///
/// Thread-safe: every parse has its own libxml2 parser context and error capture.
public enum DAVXMLParser {
    /// libxml2 options. Deliberately absent: NOENT (substitute entities), DTDLOAD, DTDATTR,
    /// DTDVALID (read DTDs) and HUGE (lift size and depth limits).
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// Runs once before the first parse: initialises libxml2 for use from many threads and
    /// replaces its external entity loader with one that loads nothing, process-wide.
    private static let libraryPrepared: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    /// Parses a complete XML body, e.g. of PROPFIND, PROPPATCH, REPORT or MKCALENDAR.
    public static func parse(_ bytes: [UInt8]) throws(DAVXMLError) -> XMLElement {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DAVXMLError) in try parse(buffer: buffer) }
    }

    /// Parses a complete XML body from any byte collection (e.g. `Data` or a `ByteBufferView`),
    /// without copying when its storage is contiguous.
    public static func parse(_ bytes: some Collection<UInt8>) throws(DAVXMLError) -> XMLElement {
        let result = bytes.withContiguousStorageIfAvailable { buffer in Result { () throws(DAVXMLError) in try parse(buffer: buffer) } }
        if let result { return try result.get() }
        return try parse(Array(bytes))
    }

    /// Re-reads an element written by ``XMLWriter/fragment(_:)``, e.g. a stored dead property,
    /// with the same safety rules as a request body.
    public static func parseFragment(_ xml: String) throws(DAVXMLError) -> XMLElement {
        try parse(xml.utf8)
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>) throws(DAVXMLError) -> XMLElement {
        let isBlank = !buffer.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        guard let base = buffer.baseAddress, !isBlank else { throw DAVXMLError("The XML body is empty") }
        guard buffer.count <= Int(Int32.max) else { throw DAVXMLError("The XML body is too large") }
        try MarkupGate.check(buffer)
        _ = libraryPrepared

        guard let context = xmlNewParserCtxt() else { throw DAVXMLError("Out of memory creating the XML parser") }
        defer { xmlFreeParserCtxt(context) }
        // The callbacks reach `diagnostics` through an unretained pointer: keep it alive throughout.
        let diagnostics = ParseDiagnostics()
        return try withExtendedLifetime(diagnostics) { () throws(DAVXMLError) in
            diagnostics.attach(to: context)
            let document = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                xmlCtxtReadMemory(context, start, Int32(buffer.count), nil, nil, options)
            }
            defer { if let document { xmlFreeDoc(document) } }
            return try tree(of: document, context: context, diagnostics: diagnostics)
        }
    }

    /// The Swift tree of a parsed document, or the first reason to refuse it.
    private static func tree(
        of document: xmlDocPtr?, context: xmlParserCtxtPtr, diagnostics: ParseDiagnostics
    ) throws(DAVXMLError)
        -> XMLElement
    {
        if let error = diagnostics.firstError { throw error }
        let fallback = xmlCtxtGetLastError(context).map { ParseDiagnostics.describe($0.pointee) } ?? DAVXMLError("The XML body is malformed")
        guard let document, context.pointee.wellFormed != 0 else { throw fallback }
        guard context.pointee.nsWellFormed != 0 else { throw fallback }
        guard document.pointee.intSubset == nil, document.pointee.extSubset == nil else { throw DAVXMLError(MarkupGate.doctypeMessage) }
        guard let root = xmlDocGetRootElement(document) else { throw DAVXMLError("The XML body has no root element") }
        return try LibXML2TreeReader.element(root)
    }
}
