import Fluent
import TelaahCore

/// A period's due dates, one per part of the cycle (`Cycle.Deadline`): the waiting lists and the
/// period page show them and what is past. Dates as TTTT-BB-HH, null while unset. Additive.
struct M0018PeriodDeadlines: AsyncMigration {
    var name: String { "M0018PeriodDeadlines" }

    // One column a statement: SQLite adds one column per ALTER TABLE.
    func prepare(on db: any Database) async throws {
        for deadline in Cycle.Deadline.allCases {
            try await db.schema(Period.schema).field(.string(deadline.column), .string).update()
        }
    }

    func revert(on db: any Database) async throws {
        for deadline in Cycle.Deadline.allCases {
            try await db.schema(Period.schema).deleteField(.string(deadline.column)).update()
        }
    }
}

extension Cycle.Deadline {
    /// The period's column of this due date.
    package var column: String { "due_\(rawValue)" }
}
