import Foundation
import Hummingbird
import Mustache

/// The Mustache templates of every page, read once from the package's `Templates` resources
/// (so the binary works from any directory). Pages extend `layout` through template
/// inheritance; each page renders one typed view model.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates"),
            let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        else { throw WebUIResourceError(name: "templates") }
        var library = MustacheLibrary()
        let base = directory.standardizedFileURL.path + "/"
        for case let file as URL in files where file.pathExtension == "mustache" {
            let name = String(file.standardizedFileURL.deletingPathExtension().path.dropFirst(base.count))
            try library.register(String(contentsOf: file, encoding: .utf8), named: name)
        }
        guard library.getTemplate(named: "layout") != nil else { throw WebUIResourceError(name: "templates") }
        self.library = library
    }

    /// `model` rendered with the template `name` as a 200 (or `status`) HTML page.
    func page(_ name: String, _ model: some Sendable, status: HTTPResponse.Status = .ok) -> Response {
        guard let html = library.render(TemplateValues.convert(model), withTemplate: name) else {
            return Response(
                status: .internalServerError, headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: "missing template \(name)")))
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// A resource folder missing from the package's bundle: a broken build, reported at start.
struct WebUIResourceError: Error, CustomStringConvertible {
    var name: String
    var description: String { "the web UI's \(name) are missing from the package's resources" }
}
