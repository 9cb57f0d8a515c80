import Auth
import Foundation
import Hummingbird

/// The stylesheet and the script, read once from the package's `Static` resources and served
/// with an ETag. Pages link them with `?v=<hash>`, so a versioned URL can be cached for a year
/// and a new build is fetched at once.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        var bytes: [UInt8]
        var contentType: String
        var etag: String
    }

    let assets: [String: Asset]
    /// A short hash of every asset, the `?v=` of the links.
    let version: String

    init() throws {
        var assets: [String: Asset] = [:]
        for (name, type) in [("app.css", "text/css; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8")] {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Static") else {
                throw WebUIResourceError(name: "static files (\(name))")
            }
            let bytes = Array(try Data(contentsOf: url))
            assets[name] = Asset(bytes: bytes, contentType: type, etag: "\"\(SHA256Digest.hex(bytes).prefix(20))\"")
        }
        let grid = Array(CalendarGridStyles.css.utf8)
        assets["calendar.css"] = Asset(bytes: grid, contentType: "text/css; charset=utf-8", etag: "\"\(SHA256Digest.hex(grid).prefix(20))\"")
        self.assets = assets
        version = String(SHA256Digest.hex(Array(assets.values.map(\.etag).sorted().joined().utf8)).prefix(12))
    }

    func response(name: String, request: Request) -> Response {
        guard let asset = assets[name] else { return Response(status: .notFound) }
        let versioned = request.uri.queryParameters.get("v") == version
        var headers: HTTPFields = [
            .contentType: asset.contentType, .eTag: asset.etag,
            .cacheControl: versioned ? "public, max-age=31536000, immutable" : "no-cache",
        ]
        headers[.xContentTypeOptions] = "nosniff"
        if let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.etag })
        {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
