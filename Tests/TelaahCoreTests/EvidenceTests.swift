import Foundation
import Testing

@testable import TelaahCore

/// The rules of bukti dukung: types by content, sizes at their borders, who adds and reads, and
/// the draft's gate.
@Suite("Evidence rules")
struct EvidenceRuleTests {
    static let pdf = Array("%PDF-1.7".utf8)
    static let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0]
    static let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    @Test("a file's type comes from its first bytes; its name must agree")
    func types() throws {
        #expect(try Evidence.fileType(prefix: Self.pdf, filename: "Renstra.PDF").get().contentType == "application/pdf")
        #expect(try Evidence.fileType(prefix: Self.zip, filename: "lke.xlsx").get().kind == .xlsx)
        #expect(try Evidence.fileType(prefix: Self.zip, filename: "nota.docx").get().kind == .docx)
        #expect(try Evidence.fileType(prefix: Self.zip, filename: "arsip.zip").get().kind == .zip)
        #expect(
            try Evidence.fileType(prefix: Self.ole, filename: "anggaran.xls").get().contentType
                == "application/vnd.ms-excel")
        #expect(try Evidence.fileType(prefix: [0xFF, 0xD8, 0xFF, 0xE0], filename: "foto.jpg").get().kind == .jpeg)
        #expect(
            Evidence.fileType(prefix: Array("MZ\u{90}".utf8), filename: "setup.pdf") == .failure(.type("setup.pdf")))
        #expect(
            Evidence.fileType(prefix: Self.pdf, filename: "surat.docx") == .failure(.nameMismatch("surat.docx", .pdf)))
        #expect(
            Evidence.fileType(prefix: Self.zip, filename: "tanpa-akhiran")
                == .failure(.nameMismatch("tanpa-akhiran", .zip)))
        #expect(Evidence.fileType(prefix: [], filename: "a.pdf") == .failure(.type("a.pdf")))
        #expect(Evidence.previews(contentType: "application/pdf") && Evidence.previews(contentType: "image/jpeg"))
        #expect(!Evidence.previews(contentType: "application/zip") && !Evidence.previews(contentType: nil))
    }

    @Test("sizes at the borders: the limit itself is taken, a byte more is not")
    func sizes() {
        let limits = Evidence.Limits(perFile: 100, perUnit: 250)
        #expect(Evidence.sizeRefusal(size: 100, unitTotal: 150, limits: limits) == nil)
        #expect(Evidence.sizeRefusal(size: 101, unitTotal: 0, limits: limits) == .tooLarge(100))
        #expect(Evidence.sizeRefusal(size: 100, unitTotal: 151, limits: limits) == .unitFull(250))
        #expect(Evidence.sizeRefusal(size: 0, unitTotal: 0, limits: limits) == .empty)
        #expect(Evidence.Limits() == Evidence.Limits(perFile: 52_428_800, perUnit: 2_147_483_648))
        #expect(Evidence.size(52_428_800) == "50 MB")
        #expect(Evidence.size(1_572_864) == "1,5 MB")
        #expect(Evidence.size(2_147_483_648) == "2 GB")
        #expect(Evidence.size(900) == "900 B")
    }

    @Test("the settings' limits at their borders: per file 1–2048 MB, per PD 1–4000 MB, a file never above the PD")
    func settingLimits() {
        #expect(Evidence.Limits.settingRefusal(fileMB: nil, unitMB: nil) == nil)
        #expect(Evidence.Limits.settingRefusal(fileMB: 1, unitMB: 1) == nil)
        #expect(Evidence.Limits.settingRefusal(fileMB: 2048, unitMB: 4000) == nil)
        #expect(Evidence.Limits.settingRefusal(fileMB: 0, unitMB: nil) != nil)
        #expect(Evidence.Limits.settingRefusal(fileMB: 2049, unitMB: 4000) != nil)
        #expect(Evidence.Limits.settingRefusal(fileMB: nil, unitMB: 4001) != nil)
        #expect(Evidence.Limits.settingRefusal(fileMB: nil, unitMB: 0) != nil)
        // The default per file (50 MB) above a PD limit of 49 MB.
        #expect(
            Evidence.Limits.settingRefusal(fileMB: nil, unitMB: 49)
                == "Batas per berkas tidak boleh melebihi batas per PD.")
        #expect(Evidence.Limits.settingRefusal(fileMB: 50, unitMB: 50) == nil)
        #expect(Evidence.Limits.settingRefusal(fileMB: 2048, unitMB: nil) == nil)  // the default 2048 MB a PD
        #expect(Evidence.Limits.settingRefusal(fileMB: 2048, unitMB: 2047) != nil)
    }

    @Test("names and links")
    func namesAndLinks() {
        #expect(Evidence.nameRefusal("Laporan Kinerja 2023.pdf") == nil)
        #expect(Evidence.nameRefusal("../etc/passwd") != nil)
        #expect(Evidence.nameRefusal("a\u{0}.pdf") != nil)
        // Dots alone name a folder, not a file: refused as a name, not for an extension.
        for dots in [".", "..", "...", " .. "] {
            #expect(Evidence.nameRefusal(dots) == .name("\"\(dots.trimmingWhitespace())\" bukan nama berkas."))
        }
        #expect(Evidence.nameRefusal(".hidden.pdf") == nil)
        #expect(Evidence.nameRefusal("  ") != nil)
        #expect(Evidence.linkRefusal(url: "https://sakip.go.id/a", title: "SAKIP") == nil)
        #expect(Evidence.linkRefusal(url: "javascript:alert(1)", title: "x") != nil)
        #expect(Evidence.linkRefusal(url: "https://a b", title: "x") != nil)
        #expect(Evidence.linkRefusal(url: "https://sakip.go.id/a", title: " ") != nil)
    }

    @Test("who adds: the PD while answering and at its tanggapan, the team while evaluating; removal hides once sent")
    func writers() {
        let op = AccessRules.Facts(role: .operator, ownUnit: true, stage: .selfAssessment)
        #expect(
            Evidence.writer(
                role: .operator, ownUnit: true, stage: .selfAssessment, permissions: AccessRules.permissions(op))
                == .unit)
        let confirming = AccessRules.Facts(role: .operator, ownUnit: true, stage: .confirmation)
        #expect(
            Evidence.writer(
                role: .operator, ownUnit: true, stage: .confirmation, permissions: AccessRules.permissions(confirming))
                == .unit)
        let sent = AccessRules.Facts(role: .operator, ownUnit: true, stage: .evaluation)
        #expect(
            Evidence.writer(
                role: .operator, ownUnit: true, stage: .evaluation, permissions: AccessRules.permissions(sent))
                == nil)
        let team = AccessRules.Facts(role: .auditor, teamRoles: [.anggotaTim], stage: .evaluation)
        #expect(
            Evidence.writer(
                role: .auditor, ownUnit: false, stage: .evaluation, permissions: AccessRules.permissions(team))
                == .evaluator)
        let review = AccessRules.Facts(role: .auditor, teamRoles: [.pengendaliTeknis], stage: .technicalReview)
        #expect(
            Evidence.writer(
                role: .auditor, ownUnit: false, stage: .technicalReview, permissions: AccessRules.permissions(review))
                == nil)
        #expect(Evidence.mayRead(.evaluator, AccessRules.permissions(sent)) == false)
        #expect(Evidence.mayRead(.unit, AccessRules.permissions(team)))
        #expect(Evidence.removal(at: .selfAssessment) == .delete)
        #expect(Evidence.removal(at: .evaluation) == .hide)
    }

    @Test("a graded sub-component goes to review only with a note and evidence on it or a criterion")
    func gate() {
        let framework = BundledFrameworks.default
        let graded = Set(["1.a", "1.b", "2.a"])
        let unsupported = Evidence.unsupported(
            framework: framework, graded: graded, notes: ["1.a": "ada", "1.b": "ada", "2.a": " "],
            evidenceTargets: ["1.a.3", "2.a"])
        #expect(unsupported == ["1.b", "2.a"])
        #expect(throws: Cycle.Refusal.self) {
            try Cycle.move(
                .submitDraft, from: .evaluation,
                by: Cycle.Actor(role: .auditor, teamRoles: [.ketuaTim], ownUnit: false),
                conditions: .init(unsupported: unsupported))
        }
    }
}
