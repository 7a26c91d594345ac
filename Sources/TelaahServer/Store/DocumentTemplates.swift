import Foundation
import SQLKit
import TelaahDocuments
import Vapor

/// An Inspektorat's own wording of one kind of document (M0035).
struct StoredTemplate: Sendable {
    var yaml: String
    var version: Int
}

extension Store {
    /// Sets a period's general recommendations (one per line; empty: none), if the period is
    /// still at `version`; audited with the text before and after. Returns the new version.
    func setGeneralRecommendations(periodID: UUID, text: String, version: Int, by user: SignedIn) async throws -> Int {
        try await write { tx in
            guard
                let row = try await tx.sql.raw(
                    """
                    SELECT version, general_recommendations FROM periods
                    WHERE id = \(bind: periodID) AND government_id = \(bind: user.governmentID)
                    """
                ).first()
            else { throw Abort(.notFound, reason: "Periode tidak ditemukan.") }
            let stored = try row.decode(column: "version", as: Int.self)
            try Store.checkVersion(stored, version)
            let before = try row.decode(column: "general_recommendations", as: String?.self)
            let value: String? = text.isEmpty ? nil : text
            try await tx.sql.raw(
                """
                UPDATE periods SET general_recommendations = \(bind: value), version = \(bind: stored + 1)
                WHERE id = \(bind: periodID)
                """
            ).run()
            try await tx.audit(
                user.auditActor, "update", "period", periodID.uuidString,
                before: ["general_recommendations": before ?? ""], after: ["general_recommendations": text])
            return stored + 1
        }
    }

    /// The government's own templates by kind (`laporan-kompilasi`, …); absent kinds use the built-in.
    func documentTemplates(governmentID: UUID) async throws -> [String: StoredTemplate] {
        var out: [String: StoredTemplate] = [:]
        for row in try await rows(
            "SELECT name, yaml, version FROM document_templates WHERE government_id = \(bind: governmentID)")
        {
            out[try row.required(row.string, "name")] = StoredTemplate(
                yaml: try row.required(row.string, "yaml"), version: try row.required(row.int, "version"))
        }
        return out
    }

    /// Sets (or with nil, removes: back to the built-in) the government's wording of `name`, if
    /// still at `version` (0: none yet); audited with the text before and after.
    func setDocumentTemplate(
        governmentID: UUID, name: String, yaml: String?, version: Int, by user: SignedIn
    ) async throws -> Int {
        try await write { tx in
            let current = try await tx.sql.raw(
                """
                SELECT id, yaml, version FROM document_templates
                WHERE government_id = \(bind: governmentID) AND name = \(bind: name)
                """
            ).all().first
            let stored = try current?.decode(column: "version", as: Int.self) ?? 0
            try Store.checkVersion(stored, version)
            let id = try current?.decode(column: "id", as: UUID.self)
            let before = try current?.decode(column: "yaml", as: String.self)
            let next = stored + 1
            if let yaml {
                if let id {
                    try await tx.sql.raw(
                        "UPDATE document_templates SET yaml = \(bind: yaml), version = \(bind: next) WHERE id = \(bind: id)"
                    ).run()
                } else {
                    try await tx.sql.raw(
                        """
                        INSERT INTO document_templates (id, government_id, name, yaml, version)
                        VALUES (\(bind: UUID()), \(bind: governmentID), \(bind: name), \(bind: yaml), \(bind: next))
                        """
                    ).run()
                }
            } else if let id {
                try await tx.sql.raw("DELETE FROM document_templates WHERE id = \(bind: id)").run()
            }
            try await tx.audit(
                user.auditActor, yaml == nil ? "reset" : "update", "document_template", name,
                before: before.map { ["yaml": $0] }, after: yaml.map { ["yaml": $0] })
            return yaml == nil ? 0 : next
        }
    }
}
