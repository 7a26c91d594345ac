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
/// Vapor runs each async route handler as a new task on Swift's global executor, which may be
/// another thread than the request's loop, where the database's answers arrive: every await would
/// move the request between threads. Handlers stay on their request's loop here.
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
