import Synchronization
import Vapor

/// Work the server starts after it has answered (a signed LHE's PDF). Shutdown waits for it: no
/// job touches the database after the application has closed it.
final class BackgroundJobs: Sendable {
    private let state = Mutex((closed: false, tasks: [UUID: Task<Void, Never>]()))

    /// Runs `body` on `loop` unless the application is shutting down; a failure is logged.
    func run(
        on loop: any EventLoop, logger: Logger, _ what: String, _ body: @escaping @Sendable () async throws -> Void
    ) {
        let id = UUID()
        state.withLock { state in
            guard !state.closed else { return }
            state.tasks[id] = Task { [weak self] in
                do { try await loop.runTask(body).get() } catch { logger.warning("\(what): \(error)") }
                _ = self?.state.withLock { $0.tasks.removeValue(forKey: id) }
            }
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
