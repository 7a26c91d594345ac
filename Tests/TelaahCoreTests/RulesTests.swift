import Testing

@testable import TelaahCore

/// The rules the server asks about accounts, the regency's setup, access and documents.
@Suite("Rules of accounts, setup and access")
struct RulesTests {
    @Test("user names: 3–64 of a–z, 0–9, . _ -, stored in lower case")
    func usernames() throws {
        #expect(try AccountRules.username("  Ketua.Tim ").get() == "ketua.tim")
        #expect(try AccountRules.username("operator_dinkes-2").get() == "operator_dinkes-2")
        for bad in ["ab", "nama pengguna", "ketua/tim", "é-nama", String(repeating: "a", count: 65)] {
            #expect(throws: RuleViolation.self, "\(bad)") { try AccountRules.username(bad).get() }
        }
    }

    @Test("passwords of at least ten characters")
    func passwords() {
        #expect(AccountRules.passwordProblem("123456789") != nil)
        #expect(AccountRules.passwordProblem("1234567890") == nil)
    }

    @Test("a government's code from its name; a city keeps its kind")
    func governmentCodes() {
        #expect(AccountRules.governmentCode("Kabupaten Banyuasin") == "banyuasin")
        #expect(AccountRules.governmentCode("Kab. Murung Raya") == "murung-raya")
        #expect(AccountRules.governmentCode("Kota Palembang") == "kota-palembang")
        #expect(AccountRules.governmentNameProblem("Kab") != nil)
        #expect(AccountRules.governmentNameProblem("Kabupaten Uji") == nil)
    }

    @Test("an evaluation year opens at the latest next year")
    func evaluationYears() {
        #expect(AccountRules.evaluationYearProblem(2027, currentYear: 2026) == nil)
        #expect(AccountRules.evaluationYearProblem(2028, currentYear: 2026) != nil)
        #expect(AccountRules.evaluationYearProblem(1999, currentYear: 2026) != nil)
    }

    @Test("an operator serves exactly one PD of its government; other roles none")
    func operatorUnit() {
        #expect(AccountRules.unitProblem(role: .operator, unitGiven: false, unitKnown: false) != nil)
        #expect(AccountRules.unitProblem(role: .operator, unitGiven: true, unitKnown: false) != nil)
        #expect(AccountRules.unitProblem(role: .operator, unitGiven: true, unitKnown: true) == nil)
        #expect(AccountRules.unitProblem(role: .auditor, unitGiven: false, unitKnown: false) == nil)
    }

    @Test("the head of a region: Bupati, Wali Kota, Gubernur, or as set")
    func heads() {
        #expect(HeadOfRegion(government: "Kabupaten Banyuasin").name == "Bupati Banyuasin")
        #expect(HeadOfRegion(government: "Kota Palembang").name == "Wali Kota Palembang")
        #expect(HeadOfRegion(government: "Provinsi Sumatera Selatan").name == "Gubernur Sumatera Selatan")
        #expect(HeadOfRegion(government: "Kabupaten Uji", title: "Wali Kota").name == "Wali Kota Uji")
    }

    @Test("a PD list from CSV: all rows or a fault naming its line")
    func unitList() throws {
        let rows = try UnitList.read("Perangkat Daerah,Klaster\nDinas A,Unit Utama\n Dinas B ,\n")
        #expect(
            rows == [
                .init(line: 2, name: "Dinas A", cluster: "Unit Utama"), .init(line: 3, name: "Dinas B", cluster: nil),
            ])
        #expect(throws: TableError.self) { try UnitList.read("nama\nA\nA\n") }
        do {
            _ = try UnitList.read("nama,klaster\nA,x\n,y\n")
            Issue.record("an empty name was read")
        } catch {
            #expect(error.line == 3)
        }
        #expect(throws: TableError.self) { try UnitList.read("kolom\nA\n") }
    }

    @Test("LHE numbers from the regency's pattern; a pattern without the sequence is refused")
    func lheNumbers() {
        #expect(LHENumber.format(pattern: "700/{seq}/LHE/{year}", sequence: "12", year: 2024) == "700/12/LHE/2024")
        #expect(LHENumber.format(pattern: nil, sequence: "3", year: 2024) == "700/3/LHE-AKIP/INSPEKTORAT/2024")
        #expect(LHENumber.patternProblem("700/LHE/{year}") != nil)
        #expect(LHENumber.patternProblem("") == nil)
    }

    @Test("a criterion's sub-component and a sub-component's component, as the framework places them")
    func places() {
        let f = BundledFrameworks.default
        #expect(f.subcomponentID(ofCriterion: "1.b.4") == "1.b")
        #expect(f.subcomponentID(ofCriterion: "9.z.1") == "9.z")
        #expect(f.componentID(ofSubcomponent: "4.c") == "4")
        #expect(f.componentID(ofSubcomponent: "9.z") == nil)
    }

    @Test("whose values a reader sees and writes; a deactivated PD, a closed period")
    func actors() {
        let team = AccessRules.permissions(.init(role: .auditor, teamRoles: [.ketuaTim]))
        #expect(AccessRules.readableActors(team) == [.unit, .evaluator])
        #expect(AccessRules.shownActor(team) == .evaluator)
        #expect(AccessRules.mayWrite(.evaluator, team) && !AccessRules.mayWrite(.unit, team))
        let op = AccessRules.permissions(.init(role: .operator, ownUnit: true))
        #expect(AccessRules.readableActors(op) == [.unit])
        #expect(AccessRules.shownActor(op) == .unit)
        // A deactivated PD: Admin and Inspektur read it, nobody writes.
        #expect(AccessRules.permissions(.init(role: .auditor, teamRoles: [.ketuaTim], unitActive: false)).isEmpty)
        #expect(AccessRules.permissions(.init(role: .admin, unitActive: false)) == .readAll)
        #expect(AccessRules.permissions(.init(role: .operator, ownUnit: true, unitActive: false)).isEmpty)
        // A closed period: read as before, written by no one.
        let closed = AccessRules.permissions(.init(role: .auditor, teamRoles: [.ketuaTim], periodOpen: false))
        #expect(closed.contains(.readEvaluation) && !closed.contains(.writeEvaluation))
        #expect(
            !AccessRules.permissions(.init(role: .operator, ownUnit: true, periodOpen: false))
                .contains(.writeSelfAssessment))
        #expect(AccessRules.seesRegencySummary(.pimpinan) && !AccessRules.seesWholePeriod(.pimpinan))
    }
}
