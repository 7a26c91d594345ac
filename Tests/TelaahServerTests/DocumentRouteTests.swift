import Foundation
import Synchronization
import TelaahCore
import TelaahDemo
import TelaahDocuments
import Testing
import VaporTesting

@testable import TelaahServer

/// Downloads from the demo: the figures in the documents are the core's, for the right PD.
@Suite("Documents from the database", .serialized)
struct DocumentRouteTests {
    @Test("an LHE, the period's Laporan Kompilasi and all LHE in one ZIP")
    func downloads() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var admin = try await Client.signedIn(app, "admin")
            let lhe = try await admin.send(
                .GET, p.unit("Badan Pendapatan Daerah") + "/documents/lhe.docx?tanggal=2024-10-16")
            #expect(lhe.status == .ok)
            #expect(lhe.headers.contentType?.description.contains("wordprocessingml") == true)
            #expect(lhe.headers.first(name: .contentDisposition)?.contains("LHE-Badan-Pendapatan-Daerah.docx") == true)
            #expect(lhe.body.readableBytes > 2000)
            #expect(Array(lhe.body.readableBytesView.prefix(2)) == [0x50, 0x4B])

            let period = "/api/v1/periods/\(p.period)/documents"
            for path in ["kompilasi.docx", "kompilasi.xlsx", "lke.xlsx", "lhe.zip"] {
                let r = try await admin.send(.GET, "\(period)/\(path)")
                #expect(r.status == .ok, "\(path): \(r.status) \(r.body.string.prefix(200))")
            }
            let bad = try await admin.send(.GET, "\(period)/lhe.zip?tanggal=16-10-2024")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("TTTT-BB-HH"))
        }
    }

    @Test("the Laporan Kompilasi covers the final PD only and names the others")
    func compiledFinalOnly() async throws {
        try await withDemoApp { app, seeded in
            let government = try #require(try await Government.query(on: app.db).first()?.id)
            let docs = try await PeriodDocuments.load(
                periodID: seeded.periodID, governmentID: government, db: app.db, frameworks: app.frameworks)
            let final = docs.finalUnits.map(\.name)
            #expect(final.sorted() == ["Badan Pendapatan Daerah", "Dinas Perpustakaan dan Kearsipan"].sorted())
            #expect(docs.completeUnits.count > final.count)  // complete values alone do not count
            let text = try docs.compiledReport(date: DocumentDate(year: 2024, month: 10, day: 16)).0.paragraphTexts
            #expect(
                text.contains { $0.contains("Laporan ini mencakup 2 Perangkat Daerah yang evaluasinya telah final") })
            #expect(text.contains { $0.contains("Evaluasi atas 49 Perangkat Daerah lainnya belum final") })
            #expect(text.contains { $0.contains("Badan Pengelola Keuangan dan Aset Daerah") })
            #expect(try docs.compilation().units.map(\.name).sorted() == final.sorted())
        }
    }

    @Test("an incomplete assessment has no LHE yet: 409 with the reason")
    func incomplete() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var admin = try await Client.signedIn(app, "admin")
            let r = try await admin.send(.GET, p.unit("Dinas Sosial") + "/documents/lhe.docx")
            #expect(r.status == .conflict)
            #expect(r.body.string.contains("belum lengkap"))
        }
    }

    @Test("the LHE's figures are the PD's: read back from the period data")
    func figures() async throws {
        try await withDemoApp { app, seeded in
            let government = try #require(try await Government.query(on: app.db).first()?.id)
            let docs = try await PeriodDocuments.load(
                periodID: seeded.periodID, governmentID: government, db: app.db, frameworks: app.frameworks)
            let unit = try #require(docs.units.first { $0.name == "Badan Pendapatan Daerah" })
            let total = try #require(unit.result.total)
            let xml = try docs.lhe(unit, date: DocumentDate(year: 2024, month: 10, day: 16)).package()
                .part("word/document.xml")!.text
            #expect(xml.contains(total.indonesian()))
            #expect(xml.contains("Badan Pendapatan Daerah"))
            #expect(xml.contains("16 Oktober 2024"))
            #expect(docs.headOfRegion == "Bupati Banyuasin")
        }
    }

    @Test("a whole period from the database: every PD complete gives 51 LHE and the Laporan Kompilasi")
    func wholePeriod() async throws {
        try await withDemoApp { app, seeded in
            let date = DocumentDate(year: 2024, month: 10, day: 16)
            let before = try await PeriodExport.make(
                db: app.db, frameworks: app.frameworks, government: nil, year: 2024, date: date,
                progress: { _, _, _ in })
            // The demo as served: some PD done, the others at various stages.
            #expect(before.lheCount < 51)
            #expect(before.incomplete.contains("Dinas Kesehatan"))

            let completed = try await Demo.completeEvaluations(app, story: completedStory)
            #expect(completed == 51 - before.lheCount)
            let seen = Mutex<[Int]>([])
            let export = try await PeriodExport.make(
                db: app.db, frameworks: app.frameworks, government: "banyuasin", year: nil, date: date,
                progress: { done, _, _ in seen.withLock { $0.append(done) } })
            #expect(export.lheCount == 51)
            #expect(export.incomplete.isEmpty)
            #expect(seen.withLock { $0 } == Array(1...51))
            #expect(export.files.count == 54)
            #expect(export.files.filter { $0.name.hasPrefix("LHE/") }.count == 51)
            #expect(export.files.contains { $0.name == "Laporan-Kompilasi-2024.docx" })
            // Dinas Kesehatan, half answered by its evaluators, was answered to the end and
            // follows the suggestions: its LHE names it and carries its total.
            let docs = try await PeriodDocuments.load(
                periodID: seeded.periodID,
                governmentID: try #require(try await Government.query(on: app.db).first()?.id),
                db: app.db, frameworks: app.frameworks)
            let dinkes = try #require(docs.units.first { $0.name == "Dinas Kesehatan" })
            #expect(dinkes.input.subcomponents.values.allSatisfy { $0.grade == nil })
            #expect(dinkes.result.total != nil)
            // The audit chain stays intact through it all.
            let verification = try await AuditLog.verify(on: app.db, seal: app.auditSeal)
            guard case .intact = verification else {
                Issue.record("audit chain broken: \(verification)")
                return
            }

            await #expect(throws: ExportError.self) {
                try await PeriodExport.make(
                    db: app.db, frameworks: app.frameworks, government: nil, year: 2019, date: date,
                    progress: { _, _, _ in })
            }
        }
    }

    @Test("last year's figures: the LHE's column and the Laporan Kompilasi's comparison come from the previous period")
    func lastYear() async throws {
        try await withDemoApp { app, seeded in
            let government = try #require(try await Government.query(on: app.db).first()?.id)
            let frameworkVersion = try #require(seeded.frameworkVersionID)
            // The 2025 evaluation of the same regency: Bapenda graded B everywhere.
            let next = Period(
                governmentID: government, name: "Evaluasi AKIP 2025", evaluationYear: 2025, performanceYear: 2024,
                frameworkVersionID: frameworkVersion)
            try await next.create(on: app.db)
            let bapenda = try #require(seeded.units["Badan Pendapatan Daerah"])
            let assessment = Assessment(
                governmentID: government, periodID: try next.requireID(), unitID: bapenda)
            assessment.stage = .final
            try await assessment.create(on: app.db)
            for sub in BundledFrameworks.default.allSubcomponents {
                let g = SubcomponentGrade()
                g.$assessment.id = try assessment.requireID()
                g.actor = .evaluator
                g.subcomponentID = sub.id
                g.grade = "B"
                g.version = 1
                try await g.create(on: app.db)
            }
            let last = try await PeriodDocuments.load(
                periodID: seeded.periodID, governmentID: government, db: app.db, frameworks: app.frameworks)
            let lastBapenda = try #require(last.units.first { $0.id == bapenda })
            #expect(lastBapenda.previous == nil)  // no 2023 period

            let docs = try await PeriodDocuments.load(
                periodID: try next.requireID(), governmentID: government, db: app.db, frameworks: app.frameworks)
            let unit = try #require(docs.units.first { $0.id == bapenda })
            let previous = try #require(unit.previous)
            #expect(previous.year == 2024)
            #expect(previous.components["1"] == lastBapenda.result.components[0].score)
            let xml = try docs.lhe(unit, date: DocumentDate(year: 2025, month: 10, day: 16)).package()
                .part("word/document.xml")!.text
            #expect(xml.contains("Nilai 2024"))
            #expect(xml.contains(try #require(lastBapenda.result.total).indonesian()))
            // The compiled report compares with last year's complete PD.
            let compilation = try docs.compilation()
            #expect(compilation.yearOverYear != nil)
            #expect(docs.previousYear == 2024)
            #expect(docs.previousUnits.count == last.completeUnits.count)
        }
    }

    @Test("the Bupati's follow-up letter and the rencana aksi form from a PD's evaluation")
    func followUpAndActionPlan() async throws {
        try await withDemoApp { app, seeded in
            try await Demo.completeEvaluations(app, story: completedStory)
            let government = try #require(try await Government.query(on: app.db).first()?.id)
            let docs = try await PeriodDocuments.load(
                periodID: seeded.periodID, governmentID: government, db: app.db, frameworks: app.frameworks)
            let unit = try #require(docs.units.first { $0.name == "Dinas Sosial" })
            let scores = unit.result.components.map { try! #require($0.score).indonesian() }
            let letter = try docs.followUpLetter(
                unit, date: DocumentDate(year: 2024, month: 11, day: 21), number: "700/080/KE/2024.R",
                lhe: ("700/012/LHE-AKIP/INSPEKTORAT/2024", DocumentDate(year: 2024, month: 10, day: 16))
            ).paragraphTexts
            #expect(letter.contains { $0.contains("Perencanaan Kinerja, Bobot 30 mendapat nilai \(scores[0])") })
            #expect(
                letter.contains {
                    $0.contains("Evaluasi Akuntabilitas Kinerja Internal, Bobot 25 mendapat nilai \(scores[3])")
                })
            #expect(letter.contains("Rahasia"))
            #expect(letter.contains { $0.contains("16 Oktober 2024") })  // the LHE cited
            #expect(letter.contains { $0.contains("700/012/LHE-AKIP/INSPEKTORAT/2024") })
            #expect(letter.contains { $0.contains("21 November 2024") })
            let recommendation = try #require(unit.recommendations.first?.text)
            #expect(letter.contains { $0.contains(recommendation) })
            let plan = try docs.actionPlan(unit).paragraphTexts
            #expect(plan.contains { $0.contains(recommendation) })
            #expect(plan.contains { $0.contains("DINAS SOSIAL") })

            var admin = try await Client.signedIn(app, "admin")
            let path = DemoPaths(seeded).unit("Dinas Sosial") + "/documents"
            let download = try await admin.send(
                .GET, "\(path)/tindak-lanjut.docx?tanggal=2024-11-21&tanggal_lhe=2024-10-16")
            #expect(download.status == .ok)
            #expect(
                download.headers.first(name: .contentDisposition)?.contains("Tindak-Lanjut-LHE-Dinas-Sosial.docx")
                    == true)
            #expect(try await admin.send(.GET, "\(path)/rencana-aksi.docx").status == .ok)
            let bad = try await admin.send(.GET, "\(path)/tindak-lanjut.docx?tanggal_lhe=kemarin")
            #expect(bad.status == .unprocessableEntity)
        }
    }
}
