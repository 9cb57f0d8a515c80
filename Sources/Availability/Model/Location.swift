/// Where bookings happen (spec `Location`).
public struct Location: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        case remote, inPerson, phone, hybrid
    }

    public enum VideoProvider: String, Codable, Hashable, Sendable, CaseIterable {
        case zoom, googleMeet, teams, custom
    }

    public struct Address: Codable, Hashable, Sendable {
        public var name: String?
        public var street: String
        public var city: String
        public var state: String
        public var postalCode: String
        public var country: String
        public var additionalInfo: String?

        public init(
            name: String? = nil, street: String, city: String, state: String = "", postalCode: String, country: String, additionalInfo: String? = nil
        ) {
            self.name = name
            self.street = street
            self.city = city
            self.state = state
            self.postalCode = postalCode
            self.country = country
            self.additionalInfo = additionalInfo
        }
    }

    public var type: Kind
    public var videoProvider: VideoProvider?
    public var videoLink: String?
    public var address: Address?
    public var phoneNumber: String?
    public var phoneInstructions: String?

    public init(
        type: Kind, videoProvider: VideoProvider? = nil, videoLink: String? = nil, address: Address? = nil, phoneNumber: String? = nil,
        phoneInstructions: String? = nil
    ) {
        self.type = type
        self.videoProvider = videoProvider
        self.videoLink = videoLink
        self.address = address
        self.phoneNumber = phoneNumber
        self.phoneInstructions = phoneInstructions
    }

    /// One line for a calendar's LOCATION property: the address, the video link, or the phone.
    public var summary: String {
        switch type {
        case .inPerson:
            return address.map(Location.format) ?? "In person"
        case .remote:
            return videoLink ?? (videoProvider.map { "Video call (\($0.rawValue))" } ?? "Video call")
        case .phone:
            return phoneNumber.map { "Phone: \($0)" } ?? "Phone call"
        case .hybrid:
            let parts = [address.map(Location.format), videoLink].compactMap { $0 }
            return parts.isEmpty ? "Hybrid" : parts.joined(separator: " / ")
        }
    }

    static func format(_ address: Address) -> String {
        [address.name, address.street, address.additionalInfo, address.city, address.state, address.postalCode, address.country]
            .compactMap { $0 }
            .filter { !$0.isEmpty }
            .joined(separator: ", ")
    }
}
