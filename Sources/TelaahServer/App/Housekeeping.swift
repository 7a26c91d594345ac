import NIOCore
import Vapor

/// What the server does by itself, at start and every hour while it runs: the evidence
/// collector (`EvidenceCollector`) and the reminders by e-mail (`ReminderMailer`, at most one
/// message an account a run, each reminder once). A failure is logged; the next pass tries again.
/// With several processes each runs it: both are safe to run at once.
struct HousekeepingLifecycle: LifecycleHandler {
    let every: TimeAmount

    func didBootAsync(_ app: Application) async throws {
        let loop = app.eventLoopGroup.next()
        let task = loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: every) { [weak app] _ in
            guard let app else { return loop.makeSucceededVoidFuture() }
            let promise = loop.makePromise(of: Void.self)
            promise.completeWithTask { await Self.pass(app) }
            return promise.futureResult
        }
        app.storage[HousekeepingTaskKey.self] = task
    }

    static func pass(_ app: Application) async {
        do {
            let done = try await EvidenceCollector.collect(app, dryRun: false)
            if done.abandonedUploads + done.reclaimed > 0 {
                app.logger.notice(
                    "bukti dukung: \(done.abandonedUploads) unggahan terputus dan \(done.reclaimed) berkas tanpa catatan dibersihkan (\(done.abandonedBytes + done.reclaimedBytes) bita)"
                )
            }
        } catch {
            app.logger.warning("pembersihan bukti dukung: \(error)")
        }
        do {
            let mailed = try await ReminderMailer.run(app, dryRun: false)
            if mailed.sent + mailed.failed > 0 {
                app.logger.notice("pengingat: \(mailed.sent) surel terkirim, \(mailed.failed) gagal")
            }
        } catch {
            app.logger.warning("pengingat surel: \(error)")
        }
    }

    func shutdownAsync(_ app: Application) async {
        guard let task = app.storage[HousekeepingTaskKey.self] else { return }
        let promise = app.eventLoopGroup.next().makePromise(of: Void.self)
        task.cancel(promise: promise)
        try? await promise.futureResult.get()
    }
}

struct HousekeepingTaskKey: StorageKey { typealias Value = RepeatedTask }
