import PropertyBased
import Testing

@testable import TelaahCore

/// Answers the whole default LKE from a list of numbers: each picks an option of its criterion.
func assessment(_ picks: [Int], scorer: Scorer) -> DenseAssessment {
    var a = DenseAssessment(criteria: scorer.criterionCount, subcomponents: scorer.subcomponentCount)
    for i in a.answers.indices {
        a.answers[i] = UInt8(2 + picks[i % picks.count] % scorer.optionValues[i].count)
    }
    return a
}

@Suite("Properties of scoring and compilation")
struct PropertyTests {
    let scorer = Scorer(framework: defaultFramework)
    let picks = Gen.int(in: 0...4).array(of: 78...78)

    @Test("the total is the sum of the components, each the sum of its sub-components")
    func sums() async {
        await propertyCheck(count: 200, input: picks) { picks in
            let r = scorer.score(assessment(picks, scorer: scorer))
            #expect(r.complete && r.problems.isEmpty)
            #expect(r.total == r.components.reduce(.zero) { $0 + $1.score! })
            for (i, component) in defaultFramework.components.enumerated() {
                let subs = r.subcomponents.filter { s in component.subcomponents.contains { $0.id == s.id } }
                #expect(r.components[i].score == subs.reduce(.zero) { $0 + $1.score! })
            }
            #expect(r.total! >= .zero && r.total! <= .hundred)
            #expect(r.predikat != nil)
        }
    }

    @Test("a better answer never lowers the grade or the total")
    func monotone() async {
        await propertyCheck(count: 200, input: picks, Gen.int(in: 0...77)) { picks, criterion in
            let before = assessment(picks, scorer: scorer)
            var after = before
            // Options are ordered best first: a lower index is a better answer.
            after.answers[criterion] = max(2, before.answers[criterion] - 1)
            let (r0, r1) = (scorer.score(before), scorer.score(after))
            #expect(r1.total! >= r0.total!)
            for (s0, s1) in zip(r0.subcomponents, r1.subcomponents) { #expect(s1.score! >= s0.score!) }
        }
    }

    @Test("compilation does not depend on the order of the rows")
    func orderIndependent() async throws {
        let rows = units(try banyuasinRows())
        let reference = try Compiler.compile(rows, framework: defaultFramework)
        await propertyCheck(count: 50, input: Gen.int(in: 0...1_000_000)) { seed in
            var rng = SplitMix64(seed: UInt64(seed))
            let shuffled = rows.shuffled(using: &rng)
            let c = try! Compiler.compile(shuffled, framework: defaultFramework)
            #expect(c.overall == reference.overall)
            #expect(Set(c.clusters.map(\.name)) == Set(reference.clusters.map(\.name)))
            for cluster in c.clusters {
                #expect(reference.clusters.first { $0.name == cluster.name } == cluster)
            }
            #expect(c.meanOfClusterMeans?.means == reference.meanOfClusterMeans?.means)
            let ranks = Dictionary(uniqueKeysWithValues: c.units.map { ($0.name, $0.rank) })
            #expect(reference.units.allSatisfy { ranks[$0.name] == $0.rank })
        }
    }

    @Test("the mean lies between the smallest and the largest total")
    func meanBounds() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...3000).array(of: 1...40)) { values in
            let us = values.map { v in
                UnitScores(name: "PD \(v)", components: [ExactDecimal(units: Int64(v) * 10_000), .zero, .zero, .zero])
            }
            let c = try! Compiler.compile(us, framework: defaultFramework)
            let totals = us.map(\.total)
            #expect(
                c.overall.means.last! >= totals.min()!.rounded() && c.overall.means.last! <= totals.max()!.rounded())
        }
    }
}
