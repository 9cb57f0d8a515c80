import AdminAPI
import Auth
import Foundation
import HTTPTypes
import HorarioApp
import Hummingbird
import SQLiteStore
import Testing

/// The OpenAPI document describes exactly the routes the router has, and is well formed.
struct OpenAPIDocumentTests {
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The served document, fetched without credentials from a live server.
    static func served() async throws -> (answer: APIClient.Answer, document: OpenAPIJSON) {
        let box = OpenAPIAnswerBox()
        try await TestServer.make().run { api in await box.set(try await api.get("/api/openapi.json", as: nil)) }
        let answer = try #require(await box.answer)
        return (answer, try OpenAPIJSON.parse(answer.text))
    }

    /// "GET /api/organizations/{id}" for every route of the real router outside the DAV tree,
    /// built as `horario serve` builds it (with metrics). Hummingbird's `Router.routes` lists
    /// each path and method, writing a `:id` capture as `{id}`, the OpenAPI template form.
    static func registeredRoutes() throws -> Set<String> {
        let router = HorarioApplication.router(
            store: try SQLiteDatabase.temporary(), hasher: PasswordHasher(iterations: 1_000), cache: CredentialCache(), metrics: ServerMetrics())
        let all = router.routes.map { (method: $0.method.rawValue, path: "\($0.path)") }
        let described = all.filter { $0.path.hasPrefix("/api") || $0.path == "/healthz" || $0.path == "/metrics" }
        return Set(described.map { "\($0.method) \($0.path)" })
    }

    static func documentedOperations(_ document: OpenAPIJSON) -> Set<String> {
        var operations: Set<String> = []
        for (path, item) in document["paths"]?.members ?? [:] {
            for method in methods where item[method] != nil { operations.insert("\(method.uppercased()) \(path)") }
        }
        return operations
    }

    @Test("GET /api/openapi.json answers without credentials with an OpenAPI 3.1.0 JSON document")
    func servedWithoutCredentials() async throws {
        let (answer, document) = try await Self.served()
        #expect(answer.status == .ok)
        #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true)
        #expect(document["openapi"] == .string("3.1.0"))
        #expect(document["info"]?["title"] != nil && document["info"]?["version"] != nil)
        #expect(document["components"]?["securitySchemes"]?["basicAuth"]?["scheme"] == .string("basic"))
        #expect(document["components"]?["securitySchemes"]?["bearerAuth"]?["scheme"] == .string("bearer"))
    }

    @Test("every registered route is documented, and every documented operation is registered")
    func routesMatchDocument() async throws {
        let registered = try Self.registeredRoutes()
        let documented = Self.documentedOperations(try await Self.served().document)
        #expect(registered.count > 20)
        #expect(registered.subtracting(documented).sorted() == [], "routes missing from the OpenAPI document")
        #expect(documented.subtracting(registered).sorted() == [], "documented operations with no route")
    }

    @Test("every $ref resolves; every path parameter is declared; operation ids are unique; public routes say so")
    func wellFormed() async throws {
        let document = try await Self.served().document
        let checker = OpenAPISchemaChecker(document: document)
        let references = document.references()
        #expect(references.count > 50)
        for (path, ref) in references { #expect(checker.resolve(ref) != nil, "\(path): \(ref)") }
        for name in ["Schedule", "WeeklyHours", "TimeSlot", "DateOverride", "Location", "EventType", "Booking", "Organization", "Member", "Problem"] {
            #expect(document["components"]?["schemas"]?[name] != nil, "schema \(name)")
        }
        let problem = document["components"]?["schemas"]?["Problem"]
        #expect(checker.dereferenced(problem?["properties"]?["errors"]?["items"])?["required"] == .array([.string("path"), .string("message")]))

        var operationIds: [String] = []
        for (path, item) in document["paths"]?.members ?? [:] {
            let templateNames = Set(path.split(separator: "{").dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) })
            for method in Self.methods {
                guard let operation = item[method] else { continue }
                operationIds += [operation["operationId"]?.string ?? ""]
                let parameters = (item["parameters"]?.array ?? []) + (operation["parameters"]?.array ?? [])
                let declared = Set(
                    parameters.compactMap { checker.dereferenced($0) }.filter { $0["in"] == .string("path") }.compactMap { $0["name"]?.string })
                #expect(declared == templateNames, "\(method) \(path)")
                #expect(operation["responses"]?.members?.isEmpty == false, "\(method) \(path)")
                let isPublic = operation["security"] == .array([])
                #expect(
                    // The OAuth callback is the browser's: the web session authenticates it, not the API's schemes.
                    isPublic
                        == (["/healthz", "/metrics", "/api/openapi.json", "/api/availability/calendars/callback/{provider}"].contains(path)
                            || path.hasPrefix("/api/public/")),
                    "\(method) \(path)")
                #expect(isPublic || operation["responses"]?["401"] != nil, "\(method) \(path) documents 401")
            }
        }
        #expect(Set(operationIds).count == operationIds.count && !operationIds.contains(""))
    }

    @Test("the schema checker the conformance test relies on catches wrong types, missing and undocumented members")
    func checkerIsStrict() async throws {
        let checker = OpenAPISchemaChecker(document: try await Self.served().document)
        let member = try #require(checker.resolve("#/components/schemas/Member"))
        let good = #"{"userId": "u", "username": "ana", "displayName": "Ana", "role": "admin", "joinedAt": "2025-01-01T00:00:00Z"}"#
        #expect(checker.problems(try OpenAPIJSON.parse(good), against: member) == [])
        let bad = #"{"userId": 1, "displayName": "Ana", "role": "boss", "joinedAt": "2025-01-01T00:00:00Z", "email": "a@b"}"#
        #expect(
            checker.problems(try OpenAPIJSON.parse(bad), against: member) == [
                "$.username: required member missing", "$.email: member not in the schema", "$.role: \"boss\" is not one of the enum",
                "$.userId: 1.0 is not [\"string\"]",
            ])
        let nullable = try #require(checker.resolve("#/components/schemas/EventType/properties/locationOverride"))
        #expect(checker.problems(.null, against: nullable) == [])
        #expect(checker.problems(.string("x"), against: nullable) == ["$: matches none of anyOf"])
    }

    /// Whether python's `openapi-spec-validator` is installed; the check below is optional.
    static let hasSpecValidator: Bool = (try? runPython(["-c", "import openapi_spec_validator"], input: Data()).status) == 0

    @Test("openapi-spec-validator accepts the document (when installed)", .enabled(if: OpenAPIDocumentTests.hasSpecValidator))
    func specValidator() async throws {
        let answer = try await Self.served().answer
        let script = "import json, sys; from openapi_spec_validator import validate; validate(json.load(sys.stdin)); print('valid')"
        let result = try Self.runPython(["-c", script], input: Data(answer.text.utf8))
        #expect(result.status == 0, "\(result.output)")
    }

    static func runPython(_ arguments: [String], input: Data) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

/// Carries an answer out of the `@Sendable` server closure.
actor OpenAPIAnswerBox {
    var answer: APIClient.Answer?
    func set(_ answer: APIClient.Answer) { self.answer = answer }
}
