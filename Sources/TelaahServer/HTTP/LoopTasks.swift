import NIOCore
import Synchronization
import Vapor

/// Runs Swift tasks' jobs on one event loop: a task that prefers it (`Task(executorPreference:)`)
/// runs its non-isolated code and default actors on that loop's thread.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }

    private static let byLoop = Mutex([ObjectIdentifier: EventLoopTaskExecutor]())

    /// The executor of `loop` (one per loop, made on first use).
    static func of(_ loop: any EventLoop) -> EventLoopTaskExecutor {
        byLoop.withLock { executors in
            if let known = executors[ObjectIdentifier(loop)] { return known }
            let made = EventLoopTaskExecutor(loop)
            executors[ObjectIdentifier(loop)] = made
            return made
        }
    }
}

extension EventLoop {
    /// Runs `body` as a task on this loop's thread; the future completes on this loop.
    func runTask<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> EventLoopFuture<T> {
        let promise = makePromise(of: T.self)
        Task(executorPreference: EventLoopTaskExecutor.of(self)) {
            do { promise.succeed(try await body()) } catch { promise.fail(error) }
        }
        return promise.futureResult
    }
}

/// A route's async handler run on the request's event loop.
///
/// 2026-11-23: Vapor runs each `AsyncMiddleware` and each async route handler as a new task on
/// Swift's global executor (under `telaah serve` NIO's loops, see `ServerRunner`), which may be
/// the other loop: a request's code moved between the two loop threads about twice per
/// middleware and once more each time it awaited the database, whose answers arrive on the
/// request's loop. Our middlewares are plain (future) ones now, and handlers stay on their
/// request's loop: about a tenth of a save's CPU less.
struct LoopResponder: Responder {
    let handler: any AsyncResponder

    func respond(to request: Request) -> EventLoopFuture<Response> {
        request.eventLoop.runTask { try await handler.respond(to: request) }
    }
}

extension Routes {
    /// Runs the async handlers of every route registered so far on their requests' event loops.
    func runHandlersOnEventLoops() {
        for route in all {
            if let handler = route.responder as? any AsyncResponder {
                route.responder = LoopResponder(handler: handler)
            }
        }
    }
}
