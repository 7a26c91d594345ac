import Testing

@testable import TelaahCore

/// "Salin semua jawaban PD": the team takes the PD's answers where it has none, never over its own.
@Suite("The PD's answers as the team's starting point")
struct StartingPointTests {
    typealias Value = StartingPoint.Value
    let framework = BundledFrameworks.default

    @Test("a sub-component: the PD's answers where the team has none; the team's own kept; notes only where empty")
    func subcomponent() {
        let unit: [String: Value] = [
            "1.a.1": Value(code: "Y", note: "Renstra ada"), "1.a.2": Value(notApplicable: "RPJPD belum ditetapkan"),
            "1.a.3": Value(code: "T"), "1.b.1": Value(code: "Y"),
        ]
        let team: [String: Value] = [
            "1.a.3": Value(code: "Y"),  // the team's own answer stays
            "1.a.1": Value(note: "dicek tim"),  // a note without an answer: the answer comes, the note stays
        ]
        let copies = StartingPoint.copies(framework: framework, scope: "1.a", unit: unit, team: team)
        #expect(copies.map(\.criterion) == ["1.a.1", "1.a.2"])
        #expect(copies[0].value == Value(code: "Y", note: "dicek tim"))
        #expect(copies[1].value == Value(notApplicable: "RPJPD belum ditetapkan"))
        // The whole LKE reaches 1.b.1 too, in the framework's order.
        let all = StartingPoint.copies(framework: framework, scope: nil, unit: unit, team: team)
        #expect(all.map(\.criterion) == ["1.a.1", "1.a.2", "1.b.1"])
        // Nothing to take: a second click copies nothing.
        var after = team
        for c in all { after[c.criterion] = c.value }
        #expect(StartingPoint.copies(framework: framework, scope: nil, unit: unit, team: after).isEmpty)
        #expect(StartingPoint.copies(framework: framework, scope: "9.z", unit: unit, team: team).isEmpty)
    }
}
