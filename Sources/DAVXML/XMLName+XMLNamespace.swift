// Names from the reserved `xml` namespace (Namespaces in XML 1.0 §3).

extension XMLNamespace {
    /// The namespace bound to the reserved `xml` prefix; it is never declared.
    public static let xml = "http://www.w3.org/XML/1998/namespace"
}

extension XMLName {
    /// `xml:lang`, which RFC 4918 §4.3 asks servers to keep with dead property values.
    public static let xmlLang = XMLName(XMLNamespace.xml, "lang")
}
