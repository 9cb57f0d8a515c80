internal import CLibXML2

/// The first error of one parse, reported by libxml2 or by the DOCTYPE hook. Owned by a single
/// parse (reached from libxml2 callbacks through the parser context's `_private` pointer), so it
/// needs no locking and is never shared.
final class ParseDiagnostics {
    private(set) var firstError: DAVXMLError?

    func record(_ error: DAVXMLError) {
        if firstError == nil { firstError = error }
    }

    /// Routes this parser context's errors and its DOCTYPE event to `self`, for as long as
    /// `self` outlives the context.
    func attach(to context: xmlParserCtxtPtr) {
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        guard let handler = context.pointee.sax else { return }
        // Structured errors are per context (no global handler), so parallel parses stay apart.
        handler.pointee.serror = { userData, error in
            guard let diagnostics = ParseDiagnostics.attached(to: userData), let error else { return }
            guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }  // Warnings pass.
            diagnostics.record(ParseDiagnostics.describe(error.pointee))
        }
        // Called as soon as `<!DOCTYPE name …` is read, before its internal subset: stopping here
        // means no entity is ever declared, whatever the document's encoding.
        handler.pointee.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            let line = context.pointee.input.map { Int($0.pointee.line) }
            ParseDiagnostics.attached(to: userData)?.record(DAVXMLError(MarkupGate.doctypeMessage, line: line))
            xmlStopParser(context)
        }
    }

    /// The diagnostics of the parser context libxml2 passes as callback user data.
    private static func attached(to userData: UnsafeMutableRawPointer?) -> ParseDiagnostics? {
        guard let userData else { return nil }
        let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let opaque = context.pointee._private else { return nil }
        return Unmanaged<ParseDiagnostics>.fromOpaque(opaque).takeUnretainedValue()
    }

    /// libxml2's message on one line, without its trailing newline.
    static func describe(_ error: xmlError) -> DAVXMLError {
        var message = error.message.map { String(cString: $0) } ?? "XML error \(error.code)"
        message = message.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }.joined(separator: " ")
        return DAVXMLError(message, line: error.line > 0 ? Int(error.line) : nil)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var result = self
        while result.last?.isWhitespace == true { result.removeLast() }
        while result.first?.isWhitespace == true { result.removeFirst() }
        return result
    }
}
