import Testing

@testable import TelaahCore

@Suite("The bundled LKE (seed 001)")
struct DefaultFrameworkTests {
    let f = defaultFramework

    @Test("has the four components, twelve sub-components and 78 criteria of seed 001")
    func shape() {
        #expect(f.id == "lke-murung-raya-2024")
        #expect(
            f.components.map(\.title) == [
                "Perencanaan Kinerja", "Pengukuran Kinerja", "Pelaporan Kinerja",
                "Evaluasi Akuntabilitas Kinerja Internal",
            ])
        #expect(f.criterionCount == 78)
        #expect(f.allSubcomponents.map(\.criteria.count) == [7, 9, 9, 3, 5, 10, 6, 9, 7, 3, 5, 5])
        #expect(
            f.allSubcomponents.map(\.id) == [
                "1.a", "1.b", "1.c", "2.a", "2.b", "2.c", "3.a", "3.b", "3.c", "4.a", "4.b", "4.c",
            ])
        #expect(f.criterion("1.a.3")?.text == "Terdapat dokumen perencanaan kinerja jangka menengah.")
    }

    @Test("weighs 6/9/15, 6/9/15, 3/4,5/7,5, 5/7,5/12,5")
    func weights() {
        #expect(f.components.map { $0.weight.plain() } == ["30", "30", "15", "25"])
        #expect(
            f.allSubcomponents.map { $0.weight.plain() } == [
                "6", "9", "15", "6", "9", "15", "3", "4.5", "7.5", "5", "7.5", "12.5",
            ])
        #expect(
            f.allSubcomponents.map(\.aspect)
                == Array(repeating: ["Keberadaan", "Kualitas", "Pemanfaatan"], count: 4).flatMap { $0 })
    }

    @Test("keeps the a–e wordings of the Lembar Kriteria")
    func wordings() throws {
        let smart = try #require(f.criterion("1.b.5"))
        #expect(smart.answerType == "a-e")
        #expect(smart.options.map(\.code) == ["a", "b", "c", "d", "e"])
        #expect(smart.wording(of: "b")?.contains("75% < ukuran keberhasilan SMART ≤ 90%") == true)
        #expect(f.criterion("1.a.1")?.answerType == "Y/T")
        #expect(f.criterion("1.a.1")?.evidence.contains("SE Perencanaan Kinerja") == true)
        for criterion in f.allSubcomponents.flatMap(\.criteria)
        where criterion.answerType == "a-e" && !criterion.options.isEmpty {
            #expect(criterion.options.count == 5, "\(criterion.id)")
        }
    }

    @Test("has the grade tables and the predikat table with interpretations")
    func tables() throws {
        #expect(f.grades.map(\.code) == ["AA", "A", "BB", "B", "CC", "C", "D", "E"])
        #expect(f.grades.map { $0.value.plain() } == ["100", "90", "80", "70", "60", "50", "30", "0"])
        #expect(f.aspects.map(\.name) == ["Keberadaan", "Kualitas", "Pemanfaatan"])
        let keberadaan = try #require(f.aspect("Keberadaan"))
        #expect(keberadaan.description(of: "AA")?.contains("setidaknya 5 tahun terakhir") == true)
        #expect(f.predikat.map(\.code) == ["AA", "A", "BB", "B", "CC", "C", "D"])
        #expect(f.predikat.allSatisfy { !$0.interpretation.isEmpty })
        #expect(f.predikat.first { $0.code == "BB" }?.name == "Sangat Baik")
    }

    @Test("shows as JSON in the shape of its file and loads back the same")
    func roundTrip() throws {
        let json = f.document().rendered()
        // JSON is YAML: the document loads back through the same validator.
        let (again, warnings) = try FrameworkLoader.load(yaml: json, source: "roundtrip.json")
        #expect(warnings.isEmpty)
        #expect(again.components == f.components)
        #expect(again.predikat == f.predikat)
        #expect(again.aspects == f.aspects)
        #expect(again.document() == f.document())
    }
}

@Suite("Band borders: predikat on the value as shown, lower bounds exclusive")
struct PredikatBorderTests {
    @Test(
        "every border",
        arguments: [
            ("100", "AA"), ("90.05", "AA"), ("90.01", "AA"), ("90.00", "A"), ("80.05", "A"), ("80.00", "BB"),
            ("70.05", "BB"), ("70.00", "B"), ("60.05", "B"), ("60.00", "CC"), ("50.05", "CC"), ("50.00", "C"),
            ("30.05", "C"), ("30.00", "D"), ("0", "D"),
            // Taken on the shown value: 90,004 shows as 90,00 (A); 90,005 shows as 90,01 (AA).
            ("90.004", "A"), ("90.005", "AA"), ("80.004999", "BB"),
        ])
    func border(_ value: String, _ code: String) {
        #expect(defaultFramework.predikat(of: d(value))?.code == code)
    }

    @Test("no predikat outside 0–100")
    func outside() {
        #expect(defaultFramework.predikat(of: d("100.01")) == nil)
        #expect(defaultFramework.predikat(of: d("-0.01")) == nil)
    }
}

@Suite("Other LKE variants load and score without code changes")
struct VariantTests {
    @Test("Trenggalek: 76 criteria, four sub-components in component 4, an A/B/C/D scale")
    func trenggalek() throws {
        let (f, warnings) = try loadFixtureFramework("frameworks/lke-trenggalek.yaml")
        #expect(warnings.isEmpty)
        #expect(f.criterionCount == 76)
        #expect(f.components[3].subcomponents.map { $0.weight.plain() } == ["5", "7.5", "5", "7.5"])
        // Everything answered with the best option: every sub-component BB, total 80.
        let scorer = Scorer(framework: f)
        var input = AssessmentInput(unit: "Uji")
        for sub in f.allSubcomponents {
            var answers: [String: CriterionAnswer] = [:]
            for k in sub.criteria { answers[k.id] = .code(f.answerType(k.answerType)!.options[0].code) }
            input.subcomponents[sub.id] = SubcomponentInput(answers: answers)
        }
        let result = scorer.score(input)
        #expect(result.problems.isEmpty)
        #expect(result.total == d("80"))
        #expect(result.predikat?.code == "BB")
        #expect(result.components.count == 4)
        #expect(result.components[3].score == d("20"))
    }

    @Test("PermenPAN variant A loads, and the repeated criterion 3.b.10 is a warning")
    func variantA() throws {
        let (f, warnings) = try loadFixtureFramework("frameworks/lke-permenpan88-variant-a.yaml")
        #expect(f.criterionCount == 81)
        #expect(warnings.count == 1)
        #expect(warnings[0].severity == .warning)
        #expect(warnings[0].path == "components[2].subcomponents[1].criteria[9]")
        #expect(warnings[0].message.contains("3.b.10") && warnings[0].message.contains("3.b.8"))
    }
}

@Suite("Bad framework files: every fault named with its path and line")
struct BadFrameworkTests {
    @Test("the base of the broken fixtures is valid")
    func minimal() throws {
        let (f, _) = try loadFixtureFramework("frameworks/bad/minimal-valid.yaml")
        #expect(f.components.map { $0.weight.plain() } == ["60", "40"])
    }

    @Test(
        "each broken file fails with its fault",
        arguments: [
            ("weights-do-not-add-up", "components[0].subcomponents", "berjumlah 59"),
            ("duplicate-criterion-id", "components[0].subcomponents[0].criteria[1].id", "ganda"),
            ("malformed-id", "components[0].subcomponents[0].criteria[1].id", "tidak sah"),
            ("unknown-answer-type", "components[1].subcomponents[0].criteria[0].answer", "skala-1-5"),
            ("predikat-gap", "predikat[4]", "celah"),
            ("predikat-overlap", "predikat[3]", "tumpang tindih"),
            ("not-yaml", "", "bukan YAML"),
        ])
    func broken(_ name: String, _ path: String, _ words: String) throws {
        let file = "frameworks/bad/\(name).yaml"
        let error = try #require(throws: FrameworkLoadError.self) { try loadFixtureFramework(file) }
        let errors = error.problems.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(error)")
        #expect(errors.first?.path == path)
        #expect(errors.first?.message.contains(words) == true, "\(error)")
        #expect(errors.first?.line != nil)
        #expect(error.description.hasPrefix(file + ": baris "))
    }

    @Test("unknown keys, bad numbers and a missing field are each reported")
    func severalFaults() throws {
        let yaml = try fixture("frameworks/bad/minimal-valid.yaml")
            .replacingOccurrences(of: "title: Kerangka minimal untuk pengujian", with: "titel: typo")
            .replacingOccurrences(of: "value: 0.75", with: "value: tiga perempat")
        let error = try #require(throws: FrameworkLoadError.self) {
            try FrameworkLoader.load(yaml: yaml, source: "x.yaml")
        }
        let messages = error.problems.map(\.description).joined(separator: "\n")
        #expect(messages.contains("titel: galat: kunci tidak dikenal"))
        #expect(messages.contains("kunci wajib \"title\" tidak ada"))
        #expect(messages.contains("answer_types.a-e.options[1].value: galat: \"tiga perempat\" bukan angka"))
    }

    @Test("component weights must add up to 100")
    func componentWeights() throws {
        let yaml = try fixture("frameworks/bad/minimal-valid.yaml")
        let changed = yaml.replacingOccurrences(of: "    weight: 40\n", with: "    weight: 45\n")
        #expect(changed != yaml)
        let error = try #require(throws: FrameworkLoadError.self) {
            try FrameworkLoader.load(yaml: changed, source: "x.yaml")
        }
        #expect(error.description.contains("harus 100"))
    }

    @Test("an empty file is an error, not a crash")
    func empty() {
        #expect(throws: FrameworkLoadError.self) { try FrameworkLoader.load(yaml: "", source: "kosong.yaml") }
        #expect(throws: FrameworkLoadError.self) { try FrameworkLoader.load(yaml: "- 1\n- 2\n", source: "daftar.yaml") }
    }
}
