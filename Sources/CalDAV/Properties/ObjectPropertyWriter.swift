import CalDAVQuery
import DAVXML
import Store
import WebDAV

/// Writes calendar objects' responses straight into a ``MultistatusStream``, for the requests
/// clients send by the thousand: `getetag`, `getcontenttype`, `resourcetype`… of every object
/// (PROPFIND Depth 1, sync-collection), with `calendar-data` in reports. Every name it takes
/// is a live property every object has, so the answer is always one 200 propstat, written as
/// the property table would write it (the tests compare the bytes). A request naming anything
/// else (`allprop`, `propname`, a dead or unknown property) gets nil and goes through
/// ``LiveProperties``.
///
/// One writer serves one answer: it renders the response's markup once (an ``XMLTemplate``),
/// and each object then costs its href, its values and a few copies.
final class ObjectPropertyWriter {
    private enum Field {
        case etag, contentType, contentLength, lastModified, creationDate, resourceType
    }

    private let names: [XMLName]
    private let fields: [Field]
    /// Templates by whether they hold calendar-data, each for one href prefix; rendered at the
    /// first object that needs them, so namespaces are declared in document order.
    private var plain: (hrefPrefix: String, template: XMLTemplate)?
    private var withData: (hrefPrefix: String, template: XMLTemplate)?

    /// For a PROPFIND or sync-collection: nil unless every asked name is one of the fields.
    init?(_ request: PropFindRequest) {
        guard case .properties(let names) = request.kind, !names.isEmpty else { return nil }
        var fields: [Field] = []
        for name in names {
            guard let field = Self.field(name) else { return nil }
            fields.append(field)
        }
        self.names = names
        self.fields = fields
    }

    /// For a report's selection; `calendar-data` is left to the caller, who renders it.
    convenience init?(_ selection: PropertySelection) {
        self.init(CalDAVServer.propFind(selection))
    }

    private static func field(_ name: XMLName) -> Field? {
        switch name {
        case XMLName.DAV.getetag: .etag
        case XMLName.DAV.getcontenttype: .contentType
        case XMLName.DAV.getcontentlength: .contentLength
        case XMLName.DAV.getlastmodified: .lastModified
        case XMLName.DAV.creationdate: .creationDate
        case XMLName.DAV.resourcetype: .resourceType
        default: nil
        }
    }

    /// One object's response at `collectionHref` + its encoded name; `calendarData` (already
    /// rendered) goes last in the propstat, as ``CalDAVServer/objectResponse`` puts it.
    func write(_ object: CalendarObjectSummary, collectionHref: String, calendarData: String?, to stream: MultistatusStream) {
        write(object, hrefPrefix: collectionHref, hrefRest: DAVPath.encode(object.name), calendarData: calendarData, to: stream)
    }

    /// One object's response at `href` as the client named it (multiget answers each href as asked).
    func write(_ object: CalendarObjectSummary, href: String, calendarData: String?, to stream: MultistatusStream) {
        write(object, hrefPrefix: "", hrefRest: href, calendarData: calendarData, to: stream)
    }

    private func write(_ object: CalendarObjectSummary, hrefPrefix: String, hrefRest: String, calendarData: String?, to stream: MultistatusStream) {
        let writer = stream.writer
        let template = self.template(hrefPrefix: hrefPrefix, withData: calendarData != nil, writer: writer)
        var part = 0
        writer.write(template, part: part)
        writer.text(hrefRest)
        part += 1
        writer.write(template, part: part)
        for field in fields {
            switch field {
            case .etag: writer.text(object.etag)
            case .contentType: writer.text(LiveProperties.objectContentType(object.componentType))
            case .contentLength: writer.text(String(object.size))
            case .lastModified: writer.text(HTTPDate.imf(object.updatedAt))
            case .creationDate: writer.text(HTTPDate.rfc3339(object.createdAt))
            case .resourceType: continue  // No hole: `<D:resourcetype/>` is part of the markup.
            }
            part += 1
            writer.write(template, part: part)
        }
        if let calendarData {
            writer.text(calendarData)
            part += 1
            writer.write(template, part: part)
        }
    }

    private func template(hrefPrefix: String, withData: Bool, writer: XMLStreamWriter) -> XMLTemplate {
        if withData, let cached = self.withData, cached.hrefPrefix == hrefPrefix { return cached.template }
        if !withData, let cached = plain, cached.hrefPrefix == hrefPrefix { return cached.template }
        var properties: [XMLTemplate.Piece] = []
        for (name, field) in zip(names, fields) {
            properties += field == .resourceType ? [.empty(name)] : [.start(name), .hole, .end(name)]
        }
        if withData { properties += [.start(XMLName.CalDAV.calendarData), .hole, .end(XMLName.CalDAV.calendarData)] }
        let template = writer.template(MultistatusStream.foundResponsePieces(hrefPrefix: hrefPrefix, properties: properties))
        if withData { self.withData = (hrefPrefix, template) } else { plain = (hrefPrefix, template) }
        return template
    }
}
