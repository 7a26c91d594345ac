import Synchronization
import Vapor

/// Set once the server begins to stop: from then on a request that reaches the application is
/// answered 503 before it touches a database, so nothing runs into the stores while they close.
final class Draining: Sendable {
    private let flag = Atomic(false)

    var isOn: Bool { flag.load(ordering: .acquiring) }
    func begin() { flag.store(true, ordering: .releasing) }
}

struct DrainingKey: StorageKey { typealias Value = Draining }

/// The first middleware: refuses every request once the server drains, and asks the client to
/// close its connection (a proxy retries it on the next process).
struct DrainingMiddleware: Middleware {
    let draining: Draining

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard draining.isOn else { return next.respond(to: req) }
        let response = Response(
            status: .serviceUnavailable,
            headers: ["Connection": "close", "Retry-After": "5", "Content-Type": "text/plain; charset=utf-8"],
            body: .init(string: "Server Telaah sedang berhenti; coba lagi sebentar lagi.\n"))
        return req.eventLoop.makeSucceededFuture(response)
    }
}

extension Application {
    var draining: Draining { storage[DrainingKey.self]! }
}
