import Foundation
import TelaahCore
import Vapor

/// A PD's latest earlier follow-up register and what older ones left open, as the LKE page shows
/// them at the criteria that draw on follow-up, kept per state: the key names the PD, the year and
/// the government's follow-up version (M0033, raised by every follow-up write in its
/// transaction). Bounded; per process; correct across processes because the key names the state.
final class PriorRegisters: Sendable {
    typealias Open = (year: Int, recommendation: StoredRecommendation, status: FollowUp.Status)
    struct Prior: Sendable {
        var year: Int
        var periodID: UUID
        var register: StoredFollowUp
        var open: [Open]
    }

    private let cache = StateCache<Prior?>(capacity: 1024)

    func prior(unitID: UUID, before year: Int, governmentID: UUID, store: Store) async throws -> Prior? {
        let version =
            try await store.hotRows("SELECT follow_up_version FROM governments WHERE id = \(bind: governmentID)")
            .first?.int("follow_up_version") ?? 0
        return try await cache.value(for: "\(unitID.text) \(year) \(version)") {
            guard let (latest, periodID, register) = try await store.priorFollowUp(unitID: unitID, before: year)
            else { return nil }
            return Prior(
                year: latest, periodID: periodID, register: register,
                open: try await store.openRecommendations(unitID: unitID, before: latest))
        }
    }
}

struct PriorRegistersKey: StorageKey { typealias Value = PriorRegisters }

extension Application {
    /// Set once by `TelaahApp.configure`.
    var priorRegisters: PriorRegisters { storage[PriorRegistersKey.self]! }
}
