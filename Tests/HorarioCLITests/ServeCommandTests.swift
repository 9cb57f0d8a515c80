import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `horario serve` as an operator runs it: a real process, a real port, a real file.
struct ServeCommandTests {
    static func get(_ url: URL, user: String? = nil, password: String? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: url)
        if let user, let password {
            request.setValue("Basic " + Data("\(user):\(password)".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test("serve --demo creates admin and the spec's three experts, answers on its port, and exits cleanly on SIGTERM")
    func serveDemoAndShutDown() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("horario-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = Int.random(in: 20_000..<40_000)
        let process = Process()
        process.executableURL = try CLIRunner.executable
        process.arguments = ["serve", "--port", String(port), "--data", directory.appendingPathComponent("h.sqlite").path, "--demo"]
        var environment = ProcessInfo.processInfo.environment
        environment["HORARIO_ADMIN_PASSWORD"] = "admin-password"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let base = URL(string: "http://127.0.0.1:\(port)")!
        var healthy = false
        for _ in 0..<100 where !healthy {
            healthy = (try? await Self.get(base.appendingPathComponent("healthz")).0) == 200
            if !healthy { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(healthy)
        for (user, count) in [("joao", 2), ("maria", 3), ("ana", 2)] {
            let (status, data) = try await Self.get(base.appendingPathComponent("api/event-types"), user: user, password: "demo-password")
            #expect(status == 200)
            #expect((try JSONSerialization.jsonObject(with: data) as? [Any])?.count == count, "\(user)")
            let (_, bookings) = try await Self.get(base.appendingPathComponent("api/bookings"), user: user, password: "demo-password")
            #expect((try JSONSerialization.jsonObject(with: bookings) as? [Any])?.count == count * 2, "\(user)")
        }
        let (adminStatus, _) = try await Self.get(base.appendingPathComponent("api/me"), user: "admin", password: "admin-password")
        #expect(adminStatus == 200)
        let (metricsStatus, metrics) = try await Self.get(base.appendingPathComponent("metrics"))
        #expect(metricsStatus == 200 && String(decoding: metrics, as: UTF8.self).contains("hb_requests"))

        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
    }
}
