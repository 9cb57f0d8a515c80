import Availability

/// A location in one line for lists and the "inherits from schedule" note, in the page's language.
enum LocationText {
    static func summary(_ location: Location, catalog t: Catalog) -> String {
        let kind = t["location_type_" + location.type.rawValue]
        switch location.type {
        case .remote:
            let provider = location.videoProvider.map { t["video_provider_" + $0.rawValue] }
            return [kind, provider, location.videoLink].compactMap { $0 }.joined(separator: " · ")
        case .phone:
            return [kind, location.phoneNumber].compactMap { $0 }.joined(separator: " · ")
        case .inPerson, .hybrid:
            let address = location.address.map { [$0.name, $0.street, $0.city].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ") }
            return [kind, address, location.type == .hybrid ? location.videoLink : nil].compactMap { $0 }.joined(separator: " · ")
        }
    }
}
