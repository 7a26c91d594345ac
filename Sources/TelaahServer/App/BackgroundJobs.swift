import Synchronization
import Vapor

/// Work the server starts after it has answered (a signed LHE's PDF), one job at a time: fifty
/// signatures in a row must not start fifty LibreOffices beside the requests. Shutdown waits for
/// it: no job touches the database after the application has closed it.
final class BackgroundJobs: Sendable {
    private let state = Mutex((closed: false, tasks: [UUID: Task<Void, Never>](), last: Task<Void, Never>?.none))

    /// Runs `body` on `loop` after the jobs before it, unless the application is shutting down; a
    /// failure is logged.
    func run(
        on loop: any EventLoop, logger: Logger, _ what: String, _ body: @escaping @Sendable () async throws -> Void
    ) {
        let id = UUID()
        state.withLock { state in
            guard !state.closed else { return }
            let before = state.last
            let task = Task { [weak self] in
                await before?.value
                do { try await loop.runTask(body).get() } catch { logger.warning("\(what): \(error)") }
                _ = self?.state.withLock { $0.tasks.removeValue(forKey: id) }
            }
            state.tasks[id] = task
            state.last = task
        }
    }

    /// Waits for the jobs running now.
    func idle() async {
        for task in state.withLock({ Array($0.tasks.values) }) { await task.value }
    }

    /// Refuses new jobs and waits for the running ones.
    func shutdown() async {
        let running = state.withLock { state in
            state.closed = true
            return Array(state.tasks.values)
        }
        for task in running { await task.value }
    }
}

struct BackgroundJobsKey: StorageKey { typealias Value = BackgroundJobs }

/// Registered after the stores, so it runs before them at shutdown (Vapor runs handlers in reverse).
struct BackgroundJobsLifecycle: LifecycleHandler {
    let jobs: BackgroundJobs

    func shutdownAsync(_ application: Application) async { await jobs.shutdown() }
}

extension Application {
    var backgroundJobs: BackgroundJobs { storage[BackgroundJobsKey.self]! }
}
