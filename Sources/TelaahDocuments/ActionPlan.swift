import Foundation
import TelaahCore

/// The rencana aksi form (seed 004): the Perangkat Daerah's plan of actions answering an LHE.
/// Per component: the Inspektorat's findings per sub-component, its recommendations, and the
/// PD's planned actions (empty when the form is handed out, filled when it comes back).
public struct ActionPlanContent: Sendable, Decodable {
    public struct ComponentPart: Sendable, Decodable, Equatable {
        /// By sub-component id (`1.a`).
        public var findings: [String: String]
        public var recommendations: [String]
        public var actions: [String]

        public init(findings: [String: String], recommendations: [String], actions: [String] = []) {
            self.findings = findings
            self.recommendations = recommendations
            self.actions = actions
        }

        enum CodingKeys: String, CodingKey { case findings, recommendations, actions }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            findings = try c.decodeIfPresent([String: String].self, forKey: .findings) ?? [:]
            recommendations = try c.decodeIfPresent([String].self, forKey: .recommendations) ?? []
            actions = try c.decodeIfPresent([String].self, forKey: .actions) ?? []
        }
    }

    public var unit: String
    public var government: String
    public var evaluationYear: Int
    public var personInCharge: String
    public var phone: String
    public var components: [String: ComponentPart]
    public var signatory: Signatory

    public init(
        unit: String, government: String, evaluationYear: Int, personInCharge: String, phone: String,
        components: [String: ComponentPart], signatory: Signatory
    ) {
        self.unit = unit
        self.government = government
        self.evaluationYear = evaluationYear
        self.personInCharge = personInCharge
        self.phone = phone
        self.components = components
        self.signatory = signatory
    }

    enum CodingKeys: String, CodingKey {
        case unit, government, phone, components, signature
        case evaluationYear = "evaluation_year"
        case personInCharge = "person_in_charge"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        unit = try c.decode(String.self, forKey: .unit)
        government = try c.decode(String.self, forKey: .government)
        evaluationYear = try c.decode(Int.self, forKey: .evaluationYear)
        personInCharge = try c.decodeIfPresent(String.self, forKey: .personInCharge) ?? ""
        phone = try c.decodeIfPresent(String.self, forKey: .phone) ?? ""
        components = try c.decode([String: ComponentPart].self, forKey: .components)
        signatory = try c.decode(Signatory.self, forKey: .signature)
    }
}

public enum ActionPlanRenderer {
    public static func document(
        _ content: ActionPlanContent, framework: Framework, template: DocumentTemplate = .builtIn(.rencanaAksi)
    ) throws(DocumentError) -> WordDocument {
        for id in content.components.keys where framework.component(id) == nil {
            throw .input("komponen \(id) tidak ada dalam kerangka \(framework.id)")
        }
        let values = [
            "tahun_evaluasi": String(content.evaluationYear), "PD": content.unit.uppercased(),
            "PEMERINTAH": content.government.uppercased(),
        ]
        var doc = WordDocument(title: "Rencana Aksi \(content.unit) Tahun \(content.evaluationYear)", pageNumbers: true)
        for line in try template.texts("judul", values) {
            doc.add(WordParagraph([WordRun(line, bold: true)], alignment: .center, spacingAfter: 0))
        }
        doc.add(WordParagraph(""))
        var info = WordTable(columnWidths: [500, 4600, 300, 3670], borders: false)
        info.rows = [
            WordTableRow([
                WordTableCell("1"), WordTableCell(try template.text("penanggung_jawab", values)), WordTableCell(":"),
                WordTableCell(content.personInCharge),
            ]),
            WordTableRow([
                WordTableCell("2"), WordTableCell(try template.text("nomor_hp", values)), WordTableCell(":"),
                WordTableCell(content.phone),
            ]),
        ]
        doc.add(info)
        let columns = try template.texts("kolom", values)
        guard columns.count == 4 else { throw .template("rencana-aksi: kolom harus berisi empat judul kolom") }
        // Landscape, as the seed's form: the four columns share A4's width across.
        doc.landscape = true
        let w = WordDocument.landscapeTextWidth
        var t = WordTable(columnWidths: [w * 15 / 100, w * 38 / 100, w * 23 / 100, w - w * 76 / 100], headerRows: 1)
        // A component's findings can run longer than a page: its row continues on the next.
        t.rowsMaySplit = true
        t.rows.append(
            WordTableRow(columns.map { WordTableCell($0, bold: true, alignment: .center, shading: "D9E2F3", size: 9) }))
        for (i, component) in framework.components.enumerated() {
            let part =
                content.components[component.id] ?? ActionPlanContent.ComponentPart(findings: [:], recommendations: [])
            var findings: [WordParagraph] = []
            for (j, sub) in component.subcomponents.enumerated() {
                guard let text = part.findings[sub.id] else { continue }
                let letter = ListMarker.letters.marker(j)
                let key = "aspek.\(letter.dropLast())"
                var aspect = sub.title
                if let a = sub.aspect {
                    aspect = a
                } else if template.has(key) {
                    aspect = try template.text(key)
                }
                findings.append(
                    WordParagraph(
                        [WordRun("\(letter)\(aspect); ", bold: true, size: 9), WordRun(text, size: 9)],
                        alignment: .both, spacingAfter: 60))
            }
            let cell = { (items: [String]) in
                WordTableCell(
                    items.isEmpty
                        ? [WordParagraph([], spacingAfter: 0)]
                        : items.map { WordParagraph([WordRun($0, size: 9)], alignment: .both, spacingAfter: 60) })
            }
            t.rows.append(
                WordTableRow([
                    WordTableCell(
                        "\(ListMarker.upperLetters.marker(i).dropLast()) \(component.title)", bold: true, size: 9),
                    WordTableCell(findings.isEmpty ? [WordParagraph([], spacingAfter: 0)] : findings),
                    cell(part.recommendations), cell(part.actions),
                ]))
        }
        doc.add(t)
        doc.add(WordParagraph(""))
        Letter.signature(content.signatory, indent: 15 * Letter.cm, into: &doc)
        return doc
    }
}
