import Foundation
import TelaahCore
import Vapor

/// The home pages' past-due follow-up (`Store.overdueActions`) per state: the key names the
/// government's follow-up version (M0033, raised by every follow-up write in its transaction),
/// the day, and the PD the account reads. Bounded; per process; correct across processes because
/// the key names the state.
final class OverdueLists: Sendable {
    private let cache = StateCache<OverdueSummary>(capacity: 256)

    func overdue(
        governmentID: UUID, version: Int, today: DocumentDate, units: [UUID]?, limit: Int, store: Store
    ) async throws -> OverdueSummary {
        let scope = units.map { $0.map(\.text).sorted().joined(separator: ",") } ?? "*"
        let key = "\(governmentID.text) \(version) \(today.isoText) \(limit) \(scope)"
        return try await cache.value(for: key) {
            try await store.overdueActions(governmentID: governmentID, today: today, units: units, limit: limit)
        }
    }
}

struct OverdueListsKey: StorageKey { typealias Value = OverdueLists }

extension Application {
    /// Set once by `TelaahApp.configure`.
    var overdueLists: OverdueLists { storage[OverdueListsKey.self]! }
}
