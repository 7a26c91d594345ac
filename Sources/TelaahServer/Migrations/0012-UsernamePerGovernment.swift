import Fluent
import SQLKit

/// User names are unique within a government, not across the deployment: a province or a
/// ministry serving many regencies has an `admin` in each, and a refused name must not reveal
/// another government's accounts. SQLite cannot drop a table constraint, so there the table is
/// rebuilt with the same columns (SQLite's documented procedure, foreign keys off meanwhile).
struct M0012UsernamePerGovernment: AsyncMigration {
    var name: String { "M0012UsernamePerGovernment" }

    func prepare(on db: any Database) async throws {
        try await rebuild(
            on: db, unique: #"CONSTRAINT "uq:users.government_id+users.username" UNIQUE ("government_id", "username")"#,
            postgres: [
                #"ALTER TABLE users DROP CONSTRAINT "uq:users.username""#,
                #"ALTER TABLE users ADD CONSTRAINT "uq:users.government_id+users.username" UNIQUE (government_id, username)"#,
            ])
    }

    func revert(on db: any Database) async throws {
        try await rebuild(
            on: db, unique: #"CONSTRAINT "uq:users.username" UNIQUE ("username")"#,
            postgres: [
                #"ALTER TABLE users DROP CONSTRAINT "uq:users.government_id+users.username""#,
                #"ALTER TABLE users ADD CONSTRAINT "uq:users.username" UNIQUE (username)"#,
            ])
    }

    private func rebuild(on db: any Database, unique: String, postgres: [String]) async throws {
        let sql = db as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else {
            try await db.transaction { db in
                for statement in postgres { try await (db as! any SQLDatabase).raw("\(unsafeRaw: statement)").run() }
            }
            return
        }
        let columns = """
            "id", "government_id", "username", "display_name", "password_hash", "role", "unit_id", "nip", "rank", \
            "active", "version", "created_at", "updated_at"
            """
        // One connection throughout: the pragma holds per connection, and only outside a transaction.
        try await db.withConnection { conn in
            let sql = conn as! any SQLDatabase
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            do {
                try await sql.raw("BEGIN IMMEDIATE").run()
                let create = """
                    CREATE TABLE "users_rebuilt" ("id" UUID PRIMARY KEY, \
                    "government_id" UUID NOT NULL REFERENCES "governments" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION, \
                    "username" TEXT NOT NULL, "display_name" TEXT NOT NULL, "password_hash" TEXT NOT NULL, \
                    "role" TEXT NOT NULL, \
                    "unit_id" UUID REFERENCES "units" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION, \
                    "nip" TEXT, "rank" TEXT, "active" INTEGER NOT NULL, "version" INTEGER NOT NULL, \
                    "created_at" REAL, "updated_at" REAL, \(unique))
                    """
                try await sql.raw("\(unsafeRaw: create)").run()
                let copy = #"INSERT INTO "users_rebuilt" (\#(columns)) SELECT \#(columns) FROM "users""#
                try await sql.raw("\(unsafeRaw: copy)").run()
                try await sql.raw(#"DROP TABLE "users""#).run()
                try await sql.raw(#"ALTER TABLE "users_rebuilt" RENAME TO "users""#).run()
                let dangling = try await sql.raw("PRAGMA foreign_key_check").all()
                guard dangling.isEmpty else {
                    throw ConfigurationError(
                        "M0012: \(dangling.count) rujukan ke pengguna tidak utuh setelah tabel disusun ulang")
                }
                try await sql.raw("COMMIT").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                try? await sql.raw("PRAGMA foreign_keys = ON").run()
                throw error
            }
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }
}
