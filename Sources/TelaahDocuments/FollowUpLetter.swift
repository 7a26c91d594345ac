import Foundation
import TelaahCore

/// The Bupati's letter that follows an LHE (Tindak Lanjut LHE, seed 002): per component the
/// weight and the value obtained, the problems found, the steps required, and the instruction
/// to report back. Marked Rahasia.
public struct FollowUpLetterContent: Sendable, Decodable {
    public struct ComponentPart: Sendable, Decodable, Equatable {
        public var problems: [ListItem]
        public var steps: [ListItem]

        public init(problems: [ListItem], steps: [ListItem]) {
            self.problems = problems
            self.steps = steps
        }
    }

    public struct LHEReference: Sendable, Decodable, Equatable {
        public var issuer: String
        public var number: String
        public var date: DocumentDate

        public init(issuer: String, number: String, date: DocumentDate) {
            self.issuer = issuer
            self.number = number
            self.date = date
        }
    }

    public var letterhead: Letterhead
    public var place: String
    public var date: DocumentDate
    public var number: String
    public var sifat: String
    public var lampiran: String
    public var addressee: [String]
    public var addresseePlace: String?
    public var unit: String
    public var government: String
    public var evaluationYear: Int
    public var lhe: LHEReference
    /// By component id.
    public var components: [String: ComponentPart]
    public var reportTo: String
    public var signatory: Signatory
    public var tembusan: [String]

    public init(
        letterhead: Letterhead, place: String, date: DocumentDate, number: String, sifat: String = "Rahasia",
        lampiran: String = "1 (satu) berkas LHE", addressee: [String], addresseePlace: String?, unit: String,
        government: String, evaluationYear: Int, lhe: LHEReference, components: [String: ComponentPart],
        reportTo: String, signatory: Signatory, tembusan: [String]
    ) {
        self.letterhead = letterhead
        self.place = place
        self.date = date
        self.number = number
        self.sifat = sifat
        self.lampiran = lampiran
        self.addressee = addressee
        self.addresseePlace = addresseePlace
        self.unit = unit
        self.government = government
        self.evaluationYear = evaluationYear
        self.lhe = lhe
        self.components = components
        self.reportTo = reportTo
        self.signatory = signatory
        self.tembusan = tembusan
    }

    enum CodingKeys: String, CodingKey {
        case letterhead, place, date, number, sifat, lampiran, addressee, unit, government, lhe, components
        case signature, tembusan
        case addresseePlace = "addressee_place"
        case evaluationYear = "evaluation_year"
        case reportTo = "report_to"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        letterhead = try c.decode(Letterhead.self, forKey: .letterhead)
        place = try c.decode(String.self, forKey: .place)
        date = try c.decode(DocumentDate.self, forKey: .date)
        number = try c.decode(String.self, forKey: .number)
        sifat = try c.decodeIfPresent(String.self, forKey: .sifat) ?? "Rahasia"
        lampiran = try c.decodeIfPresent(String.self, forKey: .lampiran) ?? "1 (satu) berkas LHE"
        addressee = try c.decode([String].self, forKey: .addressee)
        addresseePlace = try c.decodeIfPresent(String.self, forKey: .addresseePlace)
        unit = try c.decode(String.self, forKey: .unit)
        government = try c.decode(String.self, forKey: .government)
        evaluationYear = try c.decode(Int.self, forKey: .evaluationYear)
        lhe = try c.decode(LHEReference.self, forKey: .lhe)
        components = try c.decode([String: ComponentPart].self, forKey: .components)
        reportTo = try c.decode(String.self, forKey: .reportTo)
        signatory = try c.decode(Signatory.self, forKey: .signature)
        tembusan = try c.decodeIfPresent([String].self, forKey: .tembusan) ?? []
    }
}

public enum FollowUpLetterRenderer {
    public static func document(
        _ content: FollowUpLetterContent, result: ScoreResult, framework: Framework,
        template: DocumentTemplate = .builtIn(.tindakLanjut)
    ) throws(DocumentError) -> WordDocument {
        for id in content.components.keys where framework.component(id) == nil {
            throw .input("komponen \(id) tidak ada dalam kerangka \(framework.id)")
        }
        var values: [String: String] = [
            "pd": content.unit, "pemerintah": content.government, "tahun_evaluasi": String(content.evaluationYear),
            "penerbit_lhe": content.lhe.issuer, "nomor_lhe": content.lhe.number,
            "tanggal_lhe": content.lhe.date.indonesian, "lapor_kepada": content.reportTo,
        ]
        var doc = WordDocument(
            title: "Tindak Lanjut LHE AKIP \(content.unit) Tahun \(content.evaluationYear)", pageNumbers: true)
        Letter.letterhead(content.letterhead, into: &doc)
        Letter.placeAndDate(content.place, content.date, into: &doc)
        Letter.heading(
            number: content.number, sifat: content.sifat, lampiran: content.lampiran,
            perihal: try template.text("perihal", values), addressee: content.addressee,
            addresseePlace: content.addresseePlace, into: &doc)
        Letter.body(try template.text("pembuka", values), into: &doc)
        let hang = Letter.cm * 6 / 10
        let parts = framework.components.filter { content.components[$0.id] != nil }
        for (i, component) in parts.enumerated() {
            guard let score = result.components.first(where: { $0.id == component.id })?.score else {
                throw .input(
                    "komponen \(component.id) belum bernilai: surat tindak lanjut membutuhkan nilai setiap komponen")
            }
            values["komponen"] = component.title
            values["bobot"] = component.weight.shortIndonesian
            values["nilai"] = score.indonesian()
            doc.add(
                WordParagraph(
                    [WordRun("\(i + 1).\t" + (try template.text("komponen_judul", values)), bold: true)],
                    indent: hang, hanging: hang, keepWithNext: true, tabs: [hang]))
            // A component with no problem found keeps its heading (weight and value) alone.
            let problems = content.components[component.id]!.problems
            if !problems.isEmpty {
                Letter.body(try template.text("perbaikan_pengantar", values), indent: hang, into: &doc)
                Letter.list(problems, marker: .letters, indent: hang, into: &doc)
            }
        }
        Letter.body(try template.text("langkah_pengantar", values), into: &doc)
        // Only the components with steps to take, numbered as they come.
        let withSteps = parts.filter { !content.components[$0.id]!.steps.isEmpty }
        for (i, component) in withSteps.enumerated() {
            values["komponen"] = component.title
            doc.add(
                WordParagraph(
                    [WordRun("\(i + 1).\t" + (try template.text("langkah_komponen", values)), bold: true)],
                    indent: hang, hanging: hang, keepWithNext: true, tabs: [hang]))
            Letter.list(content.components[component.id]!.steps, marker: .letters, indent: hang, into: &doc)
        }
        Letter.body(try template.text("lapor", values), into: &doc)
        Letter.body(try template.text("penutup", values), into: &doc)
        Letter.signature(content.signatory, into: &doc)
        doc.add(WordParagraph(""))
        Letter.tembusan(try template.text("tembusan_judul", values), content.tembusan, into: &doc)
        return doc
    }
}
