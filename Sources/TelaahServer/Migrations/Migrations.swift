import Fluent
import SQLKit
import Vapor

// Numbered, additive migrations. They run the same on SQLite and PostgreSQL: only Fluent's
// portable types (uuid, string, int, bool, datetime, json) and plain SQL for indexes.
// Never edit a migration that has shipped; add the next number.

extension Application {
    /// Registers every migration in order. Sessions (`_fluent_sessions`) come from Vapor. From
    /// M0012 on, each migration has a file of its own.
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
    }
}

struct M0001Governments: AsyncMigration {
    var name: String { "M0001Governments" }

    func prepare(on db: any Database) async throws {
        try await db.schema(Government.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("province", .string)
            .field("city", .string)
            .field("inspektorat_name", .string)
            .field("address", .string)
            .field("phone", .string)
            .field("email", .string)
            .field("website", .string)
            .field("inspektur_name", .string)
            .field("inspektur_rank", .string)
            .field("inspektur_nip", .string)
            .field("lhe_number_pattern", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await db.schema(Cluster.schema)
            .id()
            .field("government_id", .uuid, .required, .references(Government.schema, .id))
            .field("name", .string, .required)
            .field("position", .int, .required)
            .field("version", .int, .required)
            .unique(on: "government_id", "name")
            .create()
        try await db.schema(Unit.schema)
            .id()
            .field("government_id", .uuid, .required, .references(Government.schema, .id))
            .field("name", .string, .required)
            .field("cluster_id", .uuid, .references(Cluster.schema, .id))
            .field("position", .int, .required)
            .field("active", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "government_id", "name")
            .create()
        try await db.schema(User.schema)
            .id()
            .field("government_id", .uuid, .required, .references(Government.schema, .id))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("unit_id", .uuid, .references(Unit.schema, .id))
            .field("nip", .string)
            .field("rank", .string)
            .field("active", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .create()
    }

    func revert(on db: any Database) async throws {
        for schema in [User.schema, Unit.schema, Cluster.schema, Government.schema] {
            try await db.schema(schema).delete()
        }
    }
}

struct M0002UnitsAndFrameworks: AsyncMigration {
    var name: String { "M0002UnitsAndFrameworks" }

    func prepare(on db: any Database) async throws {
        try await db.schema(FrameworkVersion.schema)
            .id()
            .field("government_id", .uuid, .required, .references(Government.schema, .id))
            .field("framework_key", .string, .required)
            .field("framework_version", .string, .required)
            .field("title", .string, .required)
            .field("yaml", .string, .required)
            .field("sha256", .string, .required)
            .field("frozen", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "government_id", "framework_key", "framework_version")
            .create()
        try await db.schema(Period.schema)
            .id()
            .field("government_id", .uuid, .required, .references(Government.schema, .id))
            .field("name", .string, .required)
            .field("evaluation_year", .int, .required)
            .field("performance_year", .int, .required)
            .field("framework_version_id", .uuid, .required, .references(FrameworkVersion.schema, .id))
            .field("status", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "government_id", "evaluation_year")
            .create()
        try await db.schema(UnitProfile.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, .id))
            .field("period_id", .uuid, .required, .references(Period.schema, .id))
            .field("items", .json, .required)
            .field("version", .int, .required)
            .unique(on: "unit_id", "period_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for schema in [UnitProfile.schema, Period.schema, FrameworkVersion.schema] {
            try await db.schema(schema).delete()
        }
    }
}

struct M0003Teams: AsyncMigration {
    var name: String { "M0003Teams" }

    func prepare(on db: any Database) async throws {
        try await db.schema(Team.schema)
            .id()
            .field("period_id", .uuid, .required, .references(Period.schema, .id))
            .field("name", .string, .required)
            .field("version", .int, .required)
            .unique(on: "period_id", "name")
            .create()
        try await db.schema(TeamMember.schema)
            .id()
            .field("team_id", .uuid, .required, .references(Team.schema, .id))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("role", .string, .required)
            .unique(on: "team_id", "user_id")
            .create()
        try await db.schema(Assignment.schema)
            .id()
            .field("period_id", .uuid, .required, .references(Period.schema, .id))
            .field("team_id", .uuid, .required, .references(Team.schema, .id))
            .field("unit_id", .uuid, .required, .references(Unit.schema, .id))
            .unique(on: "period_id", "unit_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for schema in [Assignment.schema, TeamMember.schema, Team.schema] { try await db.schema(schema).delete() }
    }
}

struct M0004Assessments: AsyncMigration {
    var name: String { "M0004Assessments" }

    func prepare(on db: any Database) async throws {
        try await db.schema(Assessment.schema)
            .id()
            .field("government_id", .uuid, .required, .references(Government.schema, .id))
            .field("period_id", .uuid, .required, .references(Period.schema, .id))
            .field("unit_id", .uuid, .required, .references(Unit.schema, .id))
            .field("stage", .string, .required)
            .field("released", .bool, .required)
            .field("version", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "period_id", "unit_id")
            .create()
        try await db.schema(Answer.schema)
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, .id))
            .field("actor", .string, .required)
            .field("criterion_id", .string, .required)
            .field("code", .string)
            .field("not_applicable_reason", .string)
            .field("note", .string)
            .field("updated_by", .uuid, .references(User.schema, .id))
            .field("version", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "assessment_id", "actor", "criterion_id")
            .create()
        try await db.schema(SubcomponentGrade.schema)
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, .id))
            .field("actor", .string, .required)
            .field("subcomponent_id", .string, .required)
            .field("grade", .string)
            .field("justification", .string)
            .field("note", .string)
            .field("evidence", .string)
            .field("updated_by", .uuid, .references(User.schema, .id))
            .field("version", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "assessment_id", "actor", "subcomponent_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for schema in [SubcomponentGrade.schema, Answer.schema, Assessment.schema] {
            try await db.schema(schema).delete()
        }
    }
}

/// The append-only audit log: every entry carries the SHA-256 of the previous one. The head
/// row is locked by each append, so appends from several processes form one chain.
struct M0005AuditLog: AsyncMigration {
    var name: String { "M0005AuditLog" }

    func prepare(on db: any Database) async throws {
        try await db.schema("audit_entries")
            .field("seq", .int64, .identifier(auto: false))
            .field("government_id", .uuid)
            .field("at", .string, .required)
            .field("user_id", .uuid)
            .field("username", .string)
            .field("action", .string, .required)
            .field("object_type", .string, .required)
            .field("object_id", .string, .required)
            .field("before_json", .string)
            .field("after_json", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await db.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX audit_entries_object ON audit_entries (object_type, object_id)").run()
        try await sql.insert(into: "audit_head").columns("id", "seq", "hash")
            .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(AuditLog.genesisHash)).run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_head").delete()
        try await db.schema("audit_entries").delete()
    }
}

/// Failed sign-ins, per user name and per client address, for throttling across processes.
struct M0006LoginAttempts: AsyncMigration {
    var name: String { "M0006LoginAttempts" }

    func prepare(on db: any Database) async throws {
        try await db.schema("login_attempts")
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("window_start", .double, .required)
            .field("locked_until", .double)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("login_attempts").delete()
    }
}

/// 2026-11-22: the evaluator's recommendation per sub-component, which the LHE lists under
/// "rekomendasi" (the note is the finding, "hal-hal yang perlu diperhatikan"). Additive.
struct M0007GradeRecommendation: AsyncMigration {
    var name: String { "M0007GradeRecommendation" }

    func prepare(on db: any Database) async throws {
        try await db.schema("subcomponent_grades").field("recommendation", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("subcomponent_grades").deleteField("recommendation").update()
    }
}

/// 2026-11-23: the government's logo (PNG) at the left of the letterhead of every LHE and report
/// made on the server (issue 4: "optional logo image"). Additive.
struct M0008GovernmentLogo: AsyncMigration {
    var name: String { "M0008GovernmentLogo" }

    func prepare(on db: any Database) async throws {
        try await db.schema("governments").field("logo_png", .data).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("governments").deleteField("logo_png").update()
    }
}

/// 2026-11-23: the account of a session beside its data, so the session and its account are
/// read in one query on every request (`TelaahSessions`). Additive; sessions made before it
/// have none and are read as before.
struct M0009SessionUser: AsyncMigration {
    var name: String { "M0009SessionUser" }

    func prepare(on db: any Database) async throws {
        try await db.schema(SessionRecord.schema).field("user_id", .uuid).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SessionRecord.schema).deleteField("user_id").update()
    }
}

/// 2026-11-23: the name of the head of the region (Bupati / Wali Kota), who signs the follow-up
/// letter to each LHE (seed 002). Additive.
struct M0010GovernmentHead: AsyncMigration {
    var name: String { "M0010GovernmentHead" }

    func prepare(on db: any Database) async throws {
        try await db.schema("governments").field("head_name", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("governments").deleteField("head_name").update()
    }
}

/// 2026-11-23: sessions end on the server after their lifetime, not only in the browser (the
/// cookie's max-age): a copied cookie stops working too. Additive; sessions made before it have
/// no expiry and count as ended (their users sign in once more).
struct M0011SessionExpiry: AsyncMigration {
    var name: String { "M0011SessionExpiry" }

    func prepare(on db: any Database) async throws {
        try await db.schema(SessionRecord.schema).field("expires_at", .double).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SessionRecord.schema).deleteField("expires_at").update()
    }
}
