import Connections
import Foundation
import Testing

@Suite("Outgoing requests go to public addresses only, unless the operator allows a host")
struct AddressPolicyTests {
    @Test(
        "internal addresses are refused",
        arguments: [
            "http://127.0.0.1/", "http://localhost:5232/", "http://10.0.0.5/", "http://192.168.1.1/", "http://172.20.0.1/",
            "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/", "http://100.64.0.1/",
        ])
    func refused(_ address: String) async {
        await #expect(throws: ProviderError.self) { try await AddressPolicy().check(URL(string: address)!) }
    }

    @Test("schemes other than http and https are refused")
    func schemes() async {
        await #expect(throws: ProviderError.self) { try await AddressPolicy().check(URL(string: "file:///etc/passwd")!) }
        await #expect(throws: ProviderError.self) { try await AddressPolicy().check(URL(string: "ftp://example.org/")!) }
    }

    @Test("an allowed host, or host and port, passes")
    func allowed() async throws {
        let policy = AddressPolicy.fromEnvironment(["HORARIO_CALDAV_ALLOWED_HOSTS": " 127.0.0.1:5232 , localhost"])
        try await policy.check(URL(string: "http://127.0.0.1:5232/")!)
        try await policy.check(URL(string: "http://localhost:9/")!)
        await #expect(throws: ProviderError.self) { try await policy.check(URL(string: "http://127.0.0.1:5233/")!) }
    }

    @Test("a public address passes")
    func publicAddress() async throws {
        try await AddressPolicy().check(URL(string: "https://93.184.216.34/")!)
    }
}
