import Fluent
import TelaahCore
import Vapor

/// A framework version's long texts, the same for every PD: each criterion's answers with their
/// wording (a–e), its guidance and evidence hints, each sub-component's grade table, the grades. The LKE page
/// loads them as a script the browser keeps: a frozen version never changes, so its URL (by id)
/// always names the same text.
enum FrameworkTexts {
    static func script(_ f: Framework) -> String {
        var criteria: [(String, JSONValue)] = []
        var grades: [(String, JSONValue)] = []
        for sub in f.allSubcomponents {
            for k in sub.criteria {
                let type = f.answerType(k.answerType)
                var fields: [(String, JSONValue)] = [
                    (
                        "options",
                        .object(
                            (type?.options ?? []).map { o in
                                (
                                    o.code,
                                    .string(
                                        [o.code, k.wording(of: o.code) ?? o.label].compactMap { $0 }.joined(
                                            separator: " — "))
                                )
                            })
                    )
                ]
                if let guidance = k.guidance { fields.append(("guidance", .string(guidance))) }
                if !k.evidence.isEmpty { fields.append(("evidence", .string(k.evidence.joined(separator: "; ")))) }
                criteria.append((k.id, .object(fields)))
            }
            if let aspect = sub.aspect.flatMap({ f.aspect($0) }) {
                grades.append(
                    (
                        sub.id,
                        .object([
                            ("aspect", .string(aspect.name)),
                            ("lines", .array(aspect.descriptions.map { .string("\($0.grade): \($0.text)") })),
                        ])
                    ))
            }
        }
        let texts = JSONValue.object([
            ("criteria", .object(criteria)), ("grades", .object(grades)),
            ("grade_codes", .array(f.grades.map { .string($0.code) })),
        ])
        // "</" never appears inside a script element's JSON: a text cannot close the element.
        let json = texts.rendered(pretty: false).replacingOccurrences(of: "</", with: "<\\/")
        return "window.TELAAH_TEKS = \(json);\n"
    }

    /// `GET /kerangka/:version/teks.js`: for a signed-in account of the version's government.
    @Sendable static func serve(_ req: Request) async throws -> Response {
        let user = try req.signedIn()
        guard let id = req.parameters.get("version", as: UUID.self),
            let version = try await FrameworkVersion.find(id, on: req.db), version.$government.id == user.governmentID
        else { throw Abort(.notFound, reason: "Kerangka tidak ditemukan.") }
        let framework = try await req.application.frameworks.scorer(for: version).framework
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        // Private: only the government's accounts may read it; immutable: its id names its text.
        headers.add(name: .cacheControl, value: "private, max-age=31536000, immutable")
        return Response(status: .ok, headers: headers, body: .init(string: script(framework)))
    }
}
