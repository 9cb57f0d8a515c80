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
/// ``LiveProperties``. One writer serves one answer: it keeps that answer's rendered tags.
final class ObjectPropertyWriter {
    private enum Field {
        case etag, contentType, contentLength, lastModified, creationDate, resourceType
    }

    private let fields: [(name: XMLName, field: Field)]
    /// Tags rendered where first written, so namespaces are declared in document order.
    private var fieldTags: [XMLStreamWriter.Tag]?
    private var calendarDataTag: XMLStreamWriter.Tag?

    /// For a PROPFIND or sync-collection: nil unless every asked name is one of the fields.
    init?(_ request: PropFindRequest) {
        guard case .properties(let names) = request.kind, !names.isEmpty else { return nil }
        var fields: [(XMLName, Field)] = []
        for name in names {
            guard let field = Self.field(name) else { return nil }
            fields.append((name, field))
        }
        self.fields = fields
    }

    /// For a report's selection; `calendar-data` is left to the caller, who renders it.
    convenience init?(_ selection: PropertySelection) {
        guard case .properties(let names) = selection else { return nil }
        self.init(PropFindRequest(kind: .properties(names.filter { $0 != XMLName.CalDAV.calendarData })))
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
        write(object, hrefPrefix: href, hrefRest: "", calendarData: calendarData, to: stream)
    }

    private func write(_ object: CalendarObjectSummary, hrefPrefix: String, hrefRest: String, calendarData: String?, to stream: MultistatusStream) {
        stream.appendFound(hrefPrefix: hrefPrefix, hrefRest: hrefRest) { writer in
            let tags = fieldTags ?? fields.map { writer.tag($0.name) }
            fieldTags = tags
            for (index, (_, field)) in fields.enumerated() {
                let tag = tags[index]
                switch field {
                case .etag: writer.element(tag, text: object.etag)
                case .contentType: writer.element(tag, text: LiveProperties.objectContentType(object.componentType))
                case .contentLength: writer.element(tag, text: String(object.size))
                case .lastModified: writer.element(tag, text: HTTPDate.imf(object.updatedAt))
                case .creationDate: writer.element(tag, text: HTTPDate.rfc3339(object.createdAt))
                case .resourceType: writer.empty(tag)
                }
            }
            if let calendarData {
                let tag = calendarDataTag ?? writer.tag(XMLName.CalDAV.calendarData)
                calendarDataTag = tag
                writer.element(tag, text: calendarData)
            }
        }
    }
}
