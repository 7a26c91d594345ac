import Fluent
import Vapor

// Numbered, additive migrations, one per file (`0001-Governments.swift`, …). They run the same
// on SQLite and PostgreSQL: only Fluent's portable types (uuid, string, int, bool, datetime, json)
// and plain SQL for indexes. Never edit a migration that has shipped; add the next number.

extension Application {
    /// Registers every migration in order. Sessions (`_fluent_sessions`) come from Vapor.
    func registerMigrations(seal: AuditSeal) {
        migrations.add(M0001Governments())
        migrations.add(SessionRecord.migration)
        migrations.add(M0002UnitsAndFrameworks())
        migrations.add(M0003Teams())
        migrations.add(M0004Assessments())
        migrations.add(M0005AuditLog())
        migrations.add(M0006LoginAttempts())
        migrations.add(M0007GradeRecommendation())
        migrations.add(M0008GovernmentLogo())
        migrations.add(M0009SessionUser())
        migrations.add(M0010GovernmentHead())
        migrations.add(M0011SessionExpiry())
        migrations.add(M0012UsernamePerGovernment())
        migrations.add(M0013GovernmentSettings())
        migrations.add(M0014KeyedAudit(seal: seal))
        migrations.add(M0015CycleStages())
        migrations.add(M0016CycleEvents())
        migrations.add(M0017SealedLHE())
        migrations.add(M0018PeriodDeadlines())
        migrations.add(M0019GradeStage())
        migrations.add(M0020Responses())
        migrations.add(M0021ValuesVersion())
        migrations.add(M0022SuratTugas())
        migrations.add(M0023PreEvaluation())
        migrations.add(M0024DraftConditions())
        migrations.add(M0025ReviewComments())
        migrations.add(M0026Evidence())
        migrations.add(M0027EvidenceLimits())
        migrations.add(M0028Recommendations())
        migrations.add(M0029ActionPlans())
        migrations.add(M0030UnitHeads())
        migrations.add(M0031FollowUpLetters())
        migrations.add(M0032HeadAddress())
        migrations.add(M0033FollowUpVersion())
        migrations.add(M0034UnitHeadTitle())
        migrations.add(M0035DocumentTemplates())
        migrations.add(M0036EvidenceCollection())
        migrations.add(M0037Reminders())
        migrations.add(M0038LetterSettings())
    }
}
