import Fluent
import Foundation
import TelaahCore
import TelaahDocuments
import Vapor

/// Everything the documents of one period need, read once from the database: the government's
/// letterhead, the frozen framework, and every active PD with the evaluators' values scored by
/// the core. The renderers (TelaahDocuments) turn it into DOCX/XLSX.
struct PeriodDocuments: Sendable {
    struct UnitData: Sendable {
        var id: UUID
        /// Position in the regency's list, from 1 (the `{seq}` of the LHE number).
        var number: Int
        var name: String
        /// "Camat Betung", "Kepala Dinas Kesehatan": how the letters address the PD's head.
        var headTitle: String
        /// Where its letters address it, "di - …" (`UnitHead.place`).
        var place: String
        var cluster: String?
        var input: AssessmentInput
        var result: ScoreResult
        var criterionNotes: [String: String]
        /// The evaluators' notes and recommendations per sub-component, in framework order.
        var findings: [(subcomponent: String, text: String)]
        var recommendations: [(subcomponent: String, text: String)]
        /// Last year's component scores of this PD (the LHE's "Nilai {tahun lalu}" column), when
        /// the previous period has its complete evaluation.
        var previous: LHEContent.PreviousYear? = nil
        /// Signed: the Laporan Kompilasi covers these only.
        var final = false
        /// The rancangan LHE's kondisi, one per component written, in the framework's order.
        var conditions: [ListItem] = []
        /// The current bukti dukung the reader may see (the LKE's "Daftar Evidence").
        var evidence: [EvidenceEntry] = []
        /// How last year's recommendations were followed up (item 3 of the LHE's uraian).
        var priorFollowUp: LHEContent.PriorFollowUp? = nil

        var lke: LKEUnit {
            LKEUnit(name: name, input: input, result: result, criterionNotes: criterionNotes, evidence: evidence)
        }

        var complete: Bool { result.total != nil }
    }

    var governmentName: String
    /// The head of the region by name (M0010), who signs the follow-up letters; may be empty.
    var headName: String = ""
    /// The head's office address under the follow-up letters' kop (M0032); may be empty.
    var headAddress: String = ""
    /// Bupati or Wali Kota of the region (M0013).
    var head: HeadOfRegion
    /// The regency's own regulation on the evaluation (M0013), cited by each LHE; may be empty.
    var legalBasis: String = ""
    /// The regency's further legal bases (M0038) and the period's surat tugas: Bab I.A.
    var legalBases: [String] = []
    var assignments: [CompiledReportContent.Assignment] = []
    /// The tembusan of each document, from the settings (M0013).
    var tembusanLHE: [String] = []
    var tembusanKompilasi: [String] = []
    var tembusanTindakLanjut: [String] = []
    var inspektoratName: String = "Inspektorat"
    /// Each PD's operator (penanggung jawab data SAKIP) by display name, for the rencana aksi.
    var operators: [UUID: String] = [:]
    var letterhead: Letterhead
    var place: String
    var inspektur: Signatory
    var numberPattern: String
    var period: Period
    var framework: Framework
    var units: [UnitData]
    /// The regency's clusters in its own order (their positions).
    var clusterOrder: [String] = []
    /// The Inspektorat's own wording by kind (M0035); kinds not here use the built-in.
    var templates: [String: DocumentTemplate] = [:]
    /// The previous period (evaluation year − 1) of the same government, when there is one: its
    /// year and its complete PD, for the Laporan Kompilasi's year over year.
    var previousYear: Int? = nil
    var previousUnits: [UnitScores] = []

    /// `evidenceOf`: whose bukti dukung the reader may see (`Evidence.mayRead`). `focus`: the one
    /// PD whose documents are made (its evidence and last year's follow-up read, no one else's).
    static func load(
        periodID: UUID, governmentID: UUID, db: any Database, frameworks: FrameworkCache,
        evidenceOf: [AccessRules.ValueActor] = AccessRules.ValueActor.allCases, focus: UUID? = nil
    ) async throws -> PeriodDocuments {
        guard let government = try await Government.find(governmentID, on: db),
            let period = try await Period.query(on: db).filter(\.$id == periodID)
                .filter(\.$government.$id == governmentID).first(),
            let version = try await FrameworkVersion.find(period.$frameworkVersion.id, on: db)
        else { throw Abort(.notFound, reason: "Periode tidak ditemukan.") }
        let framework = try await frameworks.scorer(for: version).framework
        let scorer = Scorer(framework: framework)
        let units = try await Unit.query(on: db).filter(\.$government.$id == governmentID).filter(\.$active == true)
            .sort(\.$position).all()
        let clusters = try await Cluster.query(on: db).filter(\.$government.$id == governmentID).sort(\.$position).all()
        let clusterName = Dictionary(uniqueKeysWithValues: clusters.map { ($0.id!, $0.name) })
        let assessments = try await Assessment.query(on: db).filter(\.$period.$id == periodID).all()
        let byUnit = Dictionary(assessments.map { ($0.$unit.id, $0.id!) }, uniquingKeysWith: { a, _ in a })
        let finals = Set(assessments.filter { $0.stage == .final }.map { $0.$unit.id })
        let kondisi = try await Store(db: db).draftConditions(periodID: periodID)
        let values = try await Store(db: db).values(assessments: Array(byUnit.values), actors: [.evaluator])
        let evidence = try await Store(db: db).currentEvidence(periodID: periodID, actors: evidenceOf, unit: focus)
        let prior = try await Store(db: db).priorFollowUps(
            unitIDs: focus.map { [$0] } ?? units.compactMap(\.id), before: period.evaluationYear)
        let last = try await previous(of: period, units: units, db: db, frameworks: frameworks)
        var data: [UnitData] = []
        for (i, unit) in units.enumerated() {
            let assessmentID = byUnit[unit.id!]
            let input =
                assessmentID.map {
                    values.input(assessment: $0, actor: .evaluator, unitName: unit.name, framework: framework)
                }
                ?? AssessmentInput(unit: unit.name)
            var notes: [String: String] = [:]
            for a in values.answers where a.assessment_id == assessmentID {
                if let n = a.note, !n.isEmpty { notes[a.criterion_id] = n }
            }
            let grades = Dictionary(
                values.grades.filter { $0.assessment_id == assessmentID }.map { ($0.subcomponent_id, $0) },
                uniquingKeysWith: { a, _ in a })
            var findings: [(String, String)] = []
            var recommendations: [(String, String)] = []
            for sub in framework.allSubcomponents {
                if let n = grades[sub.id]?.note?.trimmingCharacters(in: .whitespacesAndNewlines), !n.isEmpty {
                    findings.append((sub.id, n))
                }
                if let r = grades[sub.id]?.recommendation?.trimmingCharacters(in: .whitespacesAndNewlines), !r.isEmpty {
                    recommendations.append((sub.id, r))
                }
            }
            data.append(
                UnitData(
                    id: unit.id!, number: i + 1, name: unit.name,
                    headTitle: UnitHead.title(unit.headTitle, unit: unit.name),
                    place: UnitHead.place(unit.place, unit: unit.name, town: government.city ?? government.name),
                    cluster: unit.$cluster.id.flatMap { clusterName[$0] },
                    input: input, result: scorer.score(input), criterionNotes: notes, findings: findings,
                    recommendations: recommendations,
                    previous: last.flatMap { l in
                        l.scores[unit.id!].map {
                            LHEContent.PreviousYear(
                                year: l.year,
                                components: Dictionary(
                                    uniqueKeysWithValues: zip(l.componentIDs, $0.components).map { ($0, $1) }))
                        }
                    }, final: finals.contains(unit.id!),
                    conditions: framework.components.compactMap { c in
                        assessmentID.flatMap { kondisi[$0]?[c.id] }.map { ListItem("\(c.title): \($0)") }
                    }, evidence: assessmentID.flatMap { evidence[$0] }.map { $0.map(\.entry) } ?? [],
                    priorFollowUp: prior[unit.id!].map { year, register in
                        LHEContent.PriorFollowUp(
                            year: year,
                            items: register.current.map {
                                .init(recommendation: ListItem(parsing: $0.text), status: register.status($0).title)
                            }, tally: register.tally)
                    }))
        }
        let operatorRows = try await User.query(on: db).filter(\.$government.$id == governmentID)
            .filter(\.$role == .operator).filter(\.$active == true).sort(\.$username).all()
        var operators: [UUID: String] = [:]
        for o in operatorRows { if let unit = o.$unit.id, operators[unit] == nil { operators[unit] = o.displayName } }
        // The address as its lines (the kop's lines under the names), the telephone on the last.
        var addressLine = (government.address ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
        if let phone = government.phone, !phone.isEmpty {
            addressLine += (addressLine.isEmpty ? "" : " ") + "Telp. \(phone)"
        }
        let place = government.city ?? government.name
        var templates: [String: DocumentTemplate] = [:]
        for (name, stored) in try await Store(db: db).documentTemplates(governmentID: governmentID) {
            do { templates[name] = try DocumentTemplate(name: name, yaml: stored.yaml) } catch {
                throw Abort(.conflict, reason: "Naskah \(name) Inspektorat tidak dapat dibaca: \(error)")
            }
        }
        let head = HeadOfRegion(government: government.name, title: government.headTitle)
        var assignments: [CompiledReportContent.Assignment] = []
        for team in try await Team.query(on: db).filter(\.$period.$id == periodID).sort(\.$name).all() {
            guard let number = team.letterNumber?.trimmingCharacters(in: .whitespaces), !number.isEmpty,
                !assignments.contains(where: { $0.number == number })
            else { continue }
            assignments.append(.init(number: number, date: team.letterDate.flatMap { DocumentDate(iso: $0) }))
        }
        return PeriodDocuments(
            governmentName: government.name, headName: government.headName ?? "",
            headAddress: government.headAddress ?? "", head: head,
            legalBasis: government.legalBasis ?? "", legalBases: lines(government.legalBases, else: []),
            assignments: assignments,
            tembusanLHE: lines(government.tembusanLHE, else: [head.name]),
            tembusanKompilasi: lines(government.tembusanKompilasi, else: []),
            tembusanTindakLanjut: lines(government.tembusanTindakLanjut, else: ["Inspektur \(government.name)"]),
            inspektoratName: government.inspektoratName ?? "Inspektorat \(government.name)", operators: operators,
            letterhead: Letterhead(
                lines: [
                    "PEMERINTAH \(government.name.uppercased())",
                    (government.inspektoratName ?? "Inspektorat").uppercased(),
                ],
                address: addressLine.isEmpty ? nil : addressLine, city: government.city?.uppercased(),
                logoPNG: government.logoPNG),
            place: place,
            inspektur: Signatory(
                title: ["INSPEKTUR", government.name.uppercased()], name: government.inspekturName ?? "",
                rank: government.inspekturRank, nip: government.inspekturNIP),
            numberPattern: government.lheNumberPattern ?? LHENumber.defaultPattern,
            period: period, framework: framework, units: data, clusterOrder: clusters.map(\.name), templates: templates,
            previousYear: last?.year,
            previousUnits: units.compactMap { last?.scores[$0.id!] })
    }

    /// The complete evaluator results of the previous period (evaluation year − 1), by PD, scored
    /// on that period's own frozen framework; nil when there is no such period.
    static func previous(of period: Period, units: [Unit], db: any Database, frameworks: FrameworkCache) async throws
        -> (year: Int, componentIDs: [String], scores: [UUID: UnitScores])?
    {
        guard
            let last = try await Period.query(on: db).filter(\.$government.$id == period.$government.id)
                .filter(\.$evaluationYear == period.evaluationYear - 1).first(),
            let version = try await FrameworkVersion.find(last.$frameworkVersion.id, on: db)
        else { return nil }
        let scorer = try await frameworks.scorer(for: version)
        let assessments = try await Assessment.query(on: db).filter(\.$period.$id == last.requireID()).all()
        let values = try await Store(db: db).values(assessments: assessments.compactMap(\.id), actors: [.evaluator])
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) })
        var scores: [UUID: UnitScores] = [:]
        for a in assessments {
            let result = scorer.score(
                values.input(assessment: a.id!, actor: .evaluator, unitName: nil, framework: scorer.framework))
            guard result.total != nil, let unit = names[a.$unit.id] else { continue }
            scores[a.$unit.id] = UnitScores(
                name: unit.name, cluster: nil, components: result.components.map { $0.score! })
        }
        return (last.evaluationYear, scorer.framework.components.map(\.id), scores)
    }

    /// `Bupati Banyuasin`, `Wali Kota Palembang`.
    var headOfRegion: String { head.name }

    /// A setting of one entry per line, or `fallback` while it is unset.
    static func lines(_ text: String?, else fallback: [String]) -> [String] {
        guard let text else { return fallback }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// The wording of `kind` in use: the Inspektorat's own, else the built-in.
    func template(_ kind: DocumentTemplate.BuiltIn) -> DocumentTemplate {
        templates[kind.rawValue] ?? .builtIn(kind)
    }

    func number(seq: String) -> String {
        LHENumber.format(pattern: numberPattern, sequence: seq, year: period.evaluationYear)
    }

    func unit(_ id: UUID) -> UnitData? { units.first { $0.id == id } }

    /// The LHE of `unit`. A draft (before signing) is marked KONSEP on every page, carries no
    /// signature and no number yet (the register gives it at signing); a signed one carries its
    /// number and its seal.
    func lhe(_ unit: UnitData, date: DocumentDate, signed: (number: String, seal: String)? = nil) throws -> WordDocument
    {
        var content = LHEContent(
            letterhead: letterhead, place: place, date: date, number: signed?.number ?? number(seq: "…"),
            addressee: ["Yth. Sdr. \(unit.headTitle)"], addresseePlace: "di -\n\(unit.place)", unit: unit.name,
            government: governmentName, perbup: legalBasis, evaluationYear: period.evaluationYear,
            findings: unit.findings.flatMap { ListItem.items(parsing: $0.text) },
            recommendations: unit.recommendations.flatMap { ListItem.items(parsing: $0.text) },
            previous: unit.previous, signatory: inspektur, tembusan: tembusanLHE)
        content.draft = signed == nil
        content.conditions = unit.conditions
        content.seal = signed?.seal
        content.priorFollowUp = unit.priorFollowUp
        do {
            return try LHERenderer.document(
                content, result: unit.result, framework: framework, template: template(.lhe))
        } catch {
            throw Abort(.conflict, reason: error.description)
        }
    }

    /// The findings (notes) and recommendations of one component's sub-components.
    func parts(_ unit: UnitData, component: String) -> (findings: [(String, String)], recommendations: [String]) {
        let inComponent = { (sub: String) in framework.componentID(ofSubcomponent: sub) == component }
        return (
            unit.findings.filter { inComponent($0.subcomponent) }.map { ($0.subcomponent, $0.text) },
            unit.recommendations.filter { inComponent($0.subcomponent) }.map(\.text)
        )
    }

    /// The Bupati's follow-up letter to a PD's LHE (seed 002), drafted from the evaluation: per
    /// component its weight and value, the evaluators' notes as the problems found, their
    /// recommendations as the steps required. The letter's own number is left to the Bupati's
    /// secretariat unless given; `lhe` is the number and date of the LHE it answers.
    func followUpLetter(
        _ unit: UnitData, date: DocumentDate, number: String?, lhe: (number: String, date: DocumentDate),
        signer: RegionSigner? = nil
    ) throws
        -> WordDocument
    {
        try requireLHE(unit)
        var components: [String: FollowUpLetterContent.ComponentPart] = [:]
        for component in framework.components {
            let (findings, recommendations) = parts(unit, component: component.id)
            components[component.id] = .init(
                problems: findings.flatMap { ListItem.items(parsing: $0.1) },
                steps: recommendations.flatMap { ListItem.items(parsing: $0) }
            )
        }
        let content = FollowUpLetterContent(
            letterhead: Letterhead(
                lines: [headOfRegion.uppercased()], address: headAddress.isEmpty ? nil : headAddress,
                city: letterhead.city, logoPNG: letterhead.logoPNG),
            place: place, date: date, number: number ?? "          /          /\(period.evaluationYear)",
            addressee: ["Yth. \(unit.headTitle)", governmentName], addresseePlace: "di-\n\(unit.place)",
            unit: unit.name,
            government: governmentName, evaluationYear: period.evaluationYear,
            lhe: .init(issuer: inspektoratName, number: lhe.number, date: lhe.date),
            components: components, reportTo: "\(headOfRegion) Up. Inspektur \(governmentName)",
            signatory: signer.map { Signatory(title: $0.title(head), name: $0.name.uppercased()) }
                ?? Signatory(title: [headOfRegion.uppercased()], name: headName.uppercased()),
            tembusan: tembusanTindakLanjut)
        do {
            return try FollowUpLetterRenderer.document(
                content, result: unit.result, framework: framework, template: template(.tindakLanjut))
        } catch {
            throw Abort(.conflict, reason: error.description)
        }
    }

    /// The rencana aksi form for a PD (seed 004): per component the findings per sub-component and
    /// the recommendations, the planned actions left empty for the PD.
    /// 409 unless the PD's evaluation is complete: no LHE yet to follow up.
    func requireLHE(_ unit: UnitData) throws {
        guard unit.complete else {
            throw Abort(.conflict, reason: "Penilaian \(unit.name) belum lengkap: belum ada LHE untuk ditindaklanjuti.")
        }
    }

    /// With the PD's follow-up (`plan`, once its LHE is signed): the register's recommendations,
    /// the actions it planned for each, and its head as signer; without, the form handed out.
    func actionPlan(
        _ unit: UnitData, plan: StoredFollowUp? = nil, head: (name: String?, rank: String?, nip: String?)? = nil
    ) throws -> WordDocument {
        try requireLHE(unit)
        var components: [String: ActionPlanContent.ComponentPart] = [:]
        for component in framework.components {
            var (findings, recommendations) = parts(unit, component: component.id)
            var actions: [String] = []
            if let plan, !plan.current.isEmpty {
                let subs = Set(component.subcomponents.map(\.id))
                let mine = plan.current.filter { subs.contains($0.subcomponent) }
                recommendations = mine.map(\.text)
                for r in mine {
                    for a in plan.actions where a.recommendationID == r.id {
                        let due = DocumentDate(iso: a.due)?.indonesian ?? a.due
                        actions.append(
                            "\(a.action) (penanggung jawab: \(a.personName), \(a.personPosition); batas waktu \(due))")
                    }
                }
            }
            components[component.id] = .init(
                findings: Dictionary(findings, uniquingKeysWith: { a, b in a + " " + b }),
                recommendations: recommendations, actions: actions)
        }
        let content = ActionPlanContent(
            unit: unit.name, government: governmentName, evaluationYear: period.evaluationYear,
            personInCharge: operators[unit.id] ?? "", phone: "", components: components,
            signatory: Signatory(
                title: [unit.headTitle.uppercased(), governmentName.uppercased()], name: head?.name ?? "",
                rank: head?.rank, nip: head?.nip))
        do {
            return try ActionPlanRenderer.document(content, framework: framework, template: template(.rencanaAksi))
        } catch {
            throw Abort(.conflict, reason: error.description)
        }
    }

    func lkeWorkbook(_ unit: UnitData) -> Workbook {
        LKEWorkbookRenderer.workbook(
            unit: unit.lke,
            framework: framework, government: governmentName)
    }

    var completeUnits: [UnitData] { units.filter(\.complete) }
    /// The PD whose LHE is signed: the Laporan Kompilasi reports on these only.
    var finalUnits: [UnitData] { units.filter { $0.final && $0.complete } }

    func compilation() throws -> Compilation {
        let scored = finalUnits.map {
            UnitScores(name: $0.name, cluster: $0.cluster, components: $0.result.components.map { $0.score! })
        }
        guard !scored.isEmpty else {
            throw Abort(
                .conflict,
                reason: "Belum ada Perangkat Daerah yang evaluasinya final (LHE ditandatangani) pada periode ini.")
        }
        // Last year's figures only when they were made on the same components.
        let previous =
            previousUnits.isEmpty || previousUnits.contains { $0.components.count != framework.components.count }
            ? nil : previousUnits
        do {
            return try Compiler.compile(scored, framework: framework, previous: previous, clusterOrder: clusterOrder)
        } catch {
            throw Abort(.conflict, reason: error.description)
        }
    }

    func periodWorkbook() throws -> Workbook {
        LKEWorkbookRenderer.workbook(
            units: units.map(\.lke), compilation: try compilation(), framework: framework, government: governmentName,
            year: period.evaluationYear)
    }

    /// The recommendations of every PD's LHE, compiled per component: each recommendation once,
    /// with the PD it was given to (named up to three, else counted); then the Inspektur's
    /// general ones of the period (`umum`: E, F, ... after D).
    func compiledRecommendations() -> [String: [ListItem]] {
        var out: [String: [ListItem]] = [:]
        var given: [String: [[String]]] = [:]
        for unit in finalUnits {
            for (sub, text) in unit.recommendations {
                guard let component = framework.componentID(ofSubcomponent: sub) else { continue }
                for item in ListItem.items(parsing: text) {
                    if let i = (out[component] ?? []).firstIndex(of: item) {
                        if !given[component]![i].contains(unit.name) { given[component]![i].append(unit.name) }
                    } else {
                        out[component, default: []].append(item)
                        given[component, default: []].append([unit.name])
                    }
                }
            }
        }
        for (component, names) in given {
            for (i, units) in names.enumerated() {
                out[component]![i].remark =
                    units.count <= 3
                    ? "(Perangkat Daerah: \(CompiledReportRenderer.joined(units)))"
                    : "(diberikan kepada \(units.count) Perangkat Daerah)"
            }
        }
        let general = Self.lines(period.generalRecommendations, else: [])
        if !general.isEmpty { out["umum"] = general.map { ListItem($0) } }
        return out
    }

    /// The Laporan Kompilasi and its tables. `number`: the report's own number (its agenda's, given
    /// when it is issued); without, a blank to fill in. `paginated`: see `CompiledReportRenderer.paginatedDocument`.
    func compiledReport(date: DocumentDate, number: String? = nil, paginated: Bool = false) throws -> (
        WordDocument, Workbook
    ) {
        var content = CompiledReportContent(
            government: governmentName, bupati: headOfRegion, evaluationYear: period.evaluationYear,
            performanceYear: period.performanceYear,
            number: number.flatMap { $0.isEmpty ? nil : $0 } ?? "          /          /\(period.evaluationYear)",
            place: place, date: date, recommendations: compiledRecommendations(), previousYear: previousYear,
            signatory: inspektur, tembusan: tembusanKompilasi)
        content.perbup = legalBasis
        content.legalBases = legalBases
        content.assignments = assignments
        content.clusterOrder = clusterOrder
        content.pending = units.filter { !($0.final && $0.complete) }.map(\.name)
        // The PD reported on follow up the latest earlier year's recommendations.
        let prior = finalUnits.compactMap { u in u.priorFollowUp.map { (u.name, $0) } }
        if let year = prior.map(\.1.year).max() {
            content.followUp = .init(year: year, units: prior.filter { $0.1.year == year }.map { ($0.0, $0.1.tally) })
        }
        let compilation = try compilation()
        do {
            let own = template(.laporanKompilasi)
            let doc =
                try paginated
                ? CompiledReportRenderer.paginatedDocument(
                    content, compilation: compilation, framework: framework, template: own)
                : CompiledReportRenderer.document(
                    content, compilation: compilation, framework: framework, template: own)
            return (doc, CompiledReportRenderer.workbook(content, compilation: compilation, framework: framework))
        } catch {
            throw Abort(.conflict, reason: "\(error)")
        }
    }

    /// Stores the signed LHE of `unit` inside the signing transaction: numbered from the register,
    /// dated `date`, sealed with the signer, the revision and the audit chain's head.
    func seal(
        _ unit: UnitData, date: DocumentDate, signer: SignedIn, assessmentID: UUID, revision: Int,
        at moment: Date = Date(), in tx: StoreTransaction
    ) async throws -> SealedLHE {
        guard unit.complete else {
            throw Abort(.conflict, reason: "LHE \(unit.name) belum dapat dibuat: penilaian belum lengkap.")
        }
        let sealed = try await Store.seal(
            assessmentID: assessmentID, revision: revision, governmentID: period.$government.id,
            year: period.evaluationYear, signer: signer, at: moment, in: tx
        ) { sequence, seal in
            let number = number(seq: String(sequence))
            let text =
                "Ditandatangani secara elektronik oleh \(signer.displayName), \(WIBTime.text(utc: seal.signedAt)); "
                + "revisi \(revision); jejak audit s.d. entri #\(seal.auditSeq) (\(seal.auditHash.prefix(16)))"
            let docx = try lhe(unit, date: date, signed: (number, text)).package().zipped()
            return (number, date.isoText, docx)
        }
        // The signed letter's recommendations become the PD's follow-up register.
        try await Store.syncRecommendations(
            assessmentID: assessmentID, lheID: sealed.id, revision: revision, year: period.evaluationYear,
            texts: unit.recommendations, by: signer, in: tx)
        return sealed
    }

    /// Every complete PD's LHE as (file name, DOCX bytes), calling `progress(done, total)`: the
    /// stored bytes of a signed one (`sealed`, by PD), a draft of the others.
    func allLHE(date: DocumentDate, sealed: [UUID: Data] = [:], progress: (Int, Int) -> Void = { _, _ in }) throws
        -> [(String, Data)]
    {
        let complete = completeUnits
        var files: [(String, Data)] = []
        for (i, unit) in complete.enumerated() {
            let data = try sealed[unit.id] ?? lhe(unit, date: date).package().zipped()
            files.append((String(format: "LHE-%02d-%@.docx", unit.number, safeFileName(unit.name)), data))
            progress(i + 1, complete.count)
        }
        return files
    }
}

extension DocumentDate {
    /// 09.00 WIB (02.00 UTC) of this day: when the demo signs the letters it dates so.
    package var wibMorning: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 2)) ?? Date()
    }

    /// Today in Western Indonesia (WIB), the date a letter printed now carries.
    public static func today(at moment: Date = Date()) -> DocumentDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Jakarta") ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: moment)
        return DocumentDate(year: c.year!, month: c.month!, day: c.day!)
    }
}

/// Several files in one ZIP, in memory.
extension EvidenceRecord {
    var entry: EvidenceEntry {
        EvidenceEntry(
            target: target, byTeam: actor == .evaluator, name: name, version: version, size: size, url: url,
            sha256: sha256, addedBy: addedBy ?? "", addedAt: WIBTime.text(utc: addedAt))
    }
}

func zipFiles(_ files: [(String, Data)]) throws -> Data {
    try OfficePackage(parts: files.map { PackagePart(path: $0.0, data: $0.1) }).zipped()
}
