/// The PD's own answers as the team's starting point (seed 001 §IV.B: the team evaluates the PD's
/// self-assessment): which of them the team takes over in one step, for a sub-component or the
/// whole LKE. Never over a value the team already set: a criterion the team answered, or marked
/// not applicable, keeps the team's value.
public enum StartingPoint {
    /// One actor's value of a criterion.
    public struct Value: Sendable, Equatable {
        public var code: String?
        public var notApplicable: String?
        public var note: String?

        public init(code: String? = nil, notApplicable: String? = nil, note: String? = nil) {
            self.code = code
            self.notApplicable = notApplicable
            self.note = note
        }

        public var isAnswered: Bool { code != nil || notApplicable != nil }
    }

    /// The criteria of `scope` (a sub-component's id; nil: every criterion), in the framework's
    /// order, that the PD answered and the team has not, with the value the team takes: the PD's
    /// answer, and its note where the team wrote none.
    public static func copies(
        framework: Framework, scope: String?, unit: [String: Value], team: [String: Value]
    ) -> [(criterion: String, value: Value)] {
        framework.allSubcomponents.filter { scope == nil || $0.id == scope }.flatMap(\.criteria).compactMap { k in
            guard let own = unit[k.id], own.isAnswered, team[k.id]?.isAnswered != true else { return nil }
            let note = team[k.id]?.note.flatMap { $0.isEmpty ? nil : $0 } ?? own.note
            return (
                k.id,
                Value(code: own.notApplicable == nil ? own.code : nil, notApplicable: own.notApplicable, note: note)
            )
        }
    }
}
