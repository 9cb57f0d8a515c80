public import DAVXML
public import Hummingbird

/// Reads request bodies with a size limit before anything parses them.
public enum DAVRequestBody {
    /// XML bodies of PROPFIND, PROPPATCH, REPORT, MKCOL and MKCALENDAR: at most 4 MiB.
    public static let maxXMLSize = 4 << 20

    /// The raw body, refused with 413 beyond `limit` (nothing beyond is buffered).
    public static func bytes(_ request: Request, limit: Int) async throws -> [UInt8] {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw DAVError(.contentTooLarge, "The request body is larger than \(limit) bytes")
        }
    }

    /// The XML body as a tree; nil when the body is empty. Malformed or unsafe XML is a 400
    /// naming the problem.
    public static func xml(_ request: Request) async throws -> XMLElement? {
        let bytes = try await bytes(request, limit: maxXMLSize)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
        do {
            return try DAVXMLParser.parse(bytes)
        } catch {
            throw DAVError.badRequest("Malformed XML body: \(error.message)")
        }
    }
}
