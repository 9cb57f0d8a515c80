/// The prefixes of the namespaces met while writing, assigned in order of first use: the
/// preferred ones of ``XMLNamespace/preferredPrefixes``, else `x0`, `x1`, …
struct NamespacePrefixes {
    /// Namespaces to declare, in order of first use, with their prefixes.
    private(set) var declarations: [(namespace: String, prefix: String)] = []
    private var qualifiers: [String: Qualifier] = [:]
    private var generatedCount = 0

    /// The prefix and colon for `namespace`, assigned on first use. `namespace` must not be
    /// empty (names in no namespace are written unprefixed).
    mutating func qualifier(for namespace: String) -> Qualifier {
        if let qualifier = qualifiers[namespace] { return qualifier }
        let prefix: String
        let qualifier: Qualifier
        if namespace == XMLNamespace.xml {
            qualifier = Qualifier(prefix: "xml")!  // Bound by definition and never declared.
            qualifiers[namespace] = qualifier
            return qualifier
        } else if let preferred = XMLNamespace.preferredPrefixes[namespace], let preferredQualifier = Qualifier(prefix: preferred) {
            (prefix, qualifier) = (preferred, preferredQualifier)
        } else {
            prefix = "x\(generatedCount)"
            qualifier = Qualifier(prefix: prefix)!
            generatedCount += 1
        }
        declarations.append((namespace, prefix))
        qualifiers[namespace] = qualifier
        return qualifier
    }
}
