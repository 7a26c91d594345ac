import Foundation
import TelaahCore
import Testing
import VaporTesting

@testable import TelaahServer

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("/openapi.json describes every API route, and nothing that does not exist")
    func everyRoute() async throws {
        try await withDemoApp { app, _ in
            var client = Client(app: app)
            let response = try await client.send(.GET, "/openapi.json")
            #expect(response.status == .ok)
            let doc = try JSONValue.parse(response.body.string)
            var documented = Set<String>()
            for (path, operations) in doc["paths"]?.members ?? [] {
                for (method, _) in operations.members ?? [] { documented.insert("\(method.uppercased()) \(path)") }
            }
            var served = Set<String>()
            for route in app.routes.all {
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                guard path.hasPrefix("/api/") || ["/healthz", "/metrics", "/openapi.json"].contains(path) else {
                    continue
                }
                served.insert("\(route.method.rawValue) \(path)")
            }
            #expect(served.subtracting(documented).sorted() == [], "undocumented routes")
            #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        }
    }
}
