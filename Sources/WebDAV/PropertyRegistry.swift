public import DAVXML

/// One live property (RFC 4918 §4.2): its name, whether `allprop` includes it, and how to
/// compute it for a resource. Providers are registered in one table at boot, and a PROPFIND
/// computes only the properties it asked for.
public struct PropertyProvider<Resource: Sendable>: Sendable {
    public let name: XMLName
    public let inAllProp: Bool
    public let appliesTo: @Sendable (Resource) -> Bool
    /// The property's content; nil when the resource has no value (reported as 404).
    public let value: @Sendable (Resource) async throws -> [XMLNode]?

    public init(
        _ name: XMLName, inAllProp: Bool = false, appliesTo: @escaping @Sendable (Resource) -> Bool = { _ in true },
        value: @escaping @Sendable (Resource) async throws -> [XMLNode]?
    ) {
        self.name = name
        self.inAllProp = inAllProp
        self.appliesTo = appliesTo
        self.value = value
    }
}

/// The table of live properties and the PROPFIND logic over it (RFC 4918 §9.1).
public struct PropertyRegistry<Resource: Sendable>: Sendable {
    private var providers: [XMLName: PropertyProvider<Resource>] = [:]
    private var order: [XMLName] = []

    public init() {}

    public mutating func register(_ provider: PropertyProvider<Resource>) {
        if providers[provider.name] == nil { order.append(provider.name) }
        providers[provider.name] = provider
    }

    /// Whether `name` is a live property of `resource` (so it cannot be stored as dead).
    public func isLive(_ name: XMLName, for resource: Resource) -> Bool {
        providers[name].map { $0.appliesTo(resource) } ?? false
    }

    /// The live property names `resource` has, in registration order.
    public func names(for resource: Resource) -> [XMLName] {
        order.filter { providers[$0]!.appliesTo(resource) }
    }

    /// The propstats answering `request` for one resource.
    /// - Parameters:
    ///   - deadProperties: the resource's stored dead properties (whole elements).
    ///   - minimal: leave out the 404 propstat (`Prefer: return=minimal`).
    public func propStats(for resource: Resource, request: PropFindRequest, deadProperties: [XMLElement], minimal: Bool) async throws -> [PropStat] {
        var found: [XMLElement] = []
        var missing: [XMLElement] = []
        switch request.kind {
        case .propertyNames:
            found = names(for: resource).map { XMLElement($0) } + deadProperties.map { XMLElement($0.name) }
        case .allProperties(let include):
            for name in order {
                let provider = providers[name]!
                guard provider.appliesTo(resource), provider.inAllProp || include.contains(name) else { continue }
                if let value = try await provider.value(resource) { found.append(XMLElement(name, children: value)) }
            }
            found += deadProperties
        case .properties(let names):
            for name in names {
                if let provider = providers[name], provider.appliesTo(resource) {
                    if let value = try await provider.value(resource) {
                        found.append(XMLElement(name, children: value))
                    } else {
                        missing.append(XMLElement(name))
                    }
                } else if let dead = deadProperties.first(where: { $0.name == name }) {
                    found.append(dead)
                } else {
                    missing.append(XMLElement(name))
                }
            }
        }
        var result: [PropStat] = []
        if !found.isEmpty || missing.isEmpty || minimal { result.append(PropStat(status: 200, properties: found)) }
        if !missing.isEmpty, !minimal { result.append(PropStat(status: 404, properties: missing)) }
        return result
    }
}

extension XMLNode {
    /// `<D:href>` children for properties whose value is a list of URLs.
    public static func hrefs(_ hrefs: [String]) -> [XMLNode] { hrefs.map { .element(XMLElement(XMLName.DAV.href, text: $0)) } }
    /// Empty elements, e.g. a `resourcetype` of `<D:collection/><C:calendar/>`.
    public static func empty(_ names: [XMLName]) -> [XMLNode] { names.map { .element(XMLElement($0)) } }
}
