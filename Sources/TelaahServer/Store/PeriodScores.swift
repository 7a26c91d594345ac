import Foundation
import SQLKit
import Synchronization
import TelaahCore
import Vapor

/// Every PD's score in a period for the lists (the period page, the panel, the period's API),
/// scored again only where its values changed: the key names the assessment's values version
/// (M0021, raised by every write of its values in the write's transaction), read with the list's
/// PD. Bounded; per process; correct across processes because the key names the state.
final class PeriodScores: Sendable {
    private let cache = Mutex(BoundedDictionary<String, ScoreResult>(capacity: 8192))

    /// What to score: an assessment, whose values, at which values version.
    struct Wanted: Sendable {
        var assessment: UUID
        var actor: Actor
        var valuesVersion: Int
        var unitName: String
    }

    /// The score of each wanted assessment's values, by assessment.
    func scores(frameworkVersion: UUID, wanted: [Wanted], scorer: Scorer, store: Store) async throws
        -> [UUID: ScoreResult]
    {
        guard !wanted.isEmpty else { return [:] }
        func key(_ w: Wanted) -> String {
            "\(frameworkVersion.text) \(w.assessment.text) \(w.actor.rawValue) \(w.valuesVersion)"
        }
        var out: [UUID: ScoreResult] = [:]
        var missing: [Wanted] = []
        cache.withLock { cache in
            for w in wanted {
                if let hit = cache[key(w)] { out[w.assessment] = hit } else { missing.append(w) }
            }
        }
        guard !missing.isEmpty else { return out }
        let values = try await store.values(
            assessments: missing.map(\.assessment), actors: Array(Set(missing.map(\.actor))))
        var made: [(String, ScoreResult)] = []
        for w in missing {
            let result = scorer.score(
                values.input(
                    assessment: w.assessment, actor: w.actor, unitName: w.unitName, framework: scorer.framework))
            out[w.assessment] = result
            made.append((key(w), result))
        }
        cache.withLock { cache in for (k, r) in made { cache.insert(r, for: k) } }
        return out
    }
}

struct PeriodScoresKey: StorageKey { typealias Value = PeriodScores }

extension Application {
    /// Set once by `TelaahApp.configure`.
    var periodScores: PeriodScores { storage[PeriodScoresKey.self]! }
}
