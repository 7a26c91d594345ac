import Yams

/// A fault (or a warning) found in a framework file, with where it is.
public struct FrameworkProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    /// Where in the document, e.g. `components[0].subcomponents[2].weight`.
    public var path: String
    /// 1-based line in the file, when known.
    public var line: Int?
    public var message: String

    public var description: String {
        let place = line.map { "baris \($0), " } ?? ""
        let kind = severity == .error ? "galat" : "peringatan"
        return "\(place)\(path.isEmpty ? "(dokumen)" : path): \(kind): \(message)"
    }
}

/// A framework file that could not be loaded; `problems` lists every fault found.
public struct FrameworkLoadError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var problems: [FrameworkProblem]
    public var description: String {
        problems.map { "\(source): \($0)" }.joined(separator: "\n")
    }
}

/// Reads and validates framework files (see `docs/framework-format.md`).
public enum FrameworkLoader {
    public static let formatVersion = 1

    /// Parses and validates framework YAML. `source` names the file in messages.
    /// Returns the framework and its warnings; throws with every error found.
    public static func load(yaml: String, source: String) throws(FrameworkLoadError) -> (
        framework: Framework, warnings: [FrameworkProblem]
    ) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw FrameworkLoadError(
                    source: source,
                    problems: [.init(severity: .error, path: "", line: nil, message: "berkas kosong")])
            }
            root = node
        } catch let error as FrameworkLoadError {
            throw error
        } catch {
            throw FrameworkLoadError(source: source, problems: [yamlProblem(error)])
        }
        var reader = Reader()
        let framework = reader.framework(Cursor(node: root, path: ""))
        let errors = reader.problems.filter { $0.severity == .error }
        guard errors.isEmpty, let framework else {
            throw FrameworkLoadError(source: source, problems: reader.problems)
        }
        return (framework, reader.problems)
    }

    static func yamlProblem(_ error: any Error) -> FrameworkProblem {
        var line: Int?
        var message = "bukan YAML yang sah"
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                line = mark.line
                message = "bukan YAML yang sah: \(problem)"
            case .duplicatedKeysInMapping(let duplicates, let context):
                line = context.mark.line
                message = "kunci ditulis dua kali: \(duplicates.joined(separator: ", "))"
            default:
                message = "bukan YAML yang sah: \(yamlError)"
            }
        }
        return FrameworkProblem(severity: .error, path: "", line: line, message: message)
    }
}

/// A node and its path in the document.
struct Cursor {
    var node: Node
    var path: String
    var line: Int? { node.mark?.line }

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// Walks the YAML tree, collecting every problem rather than stopping at the first.
struct Reader {
    var problems: [FrameworkProblem] = []

    mutating func error(_ at: Cursor, _ message: String) {
        problems.append(.init(severity: .error, path: at.path, line: at.line, message: message))
    }

    mutating func warning(_ at: Cursor, _ message: String) {
        problems.append(.init(severity: .warning, path: at.path, line: at.line, message: message))
    }

    /// The fields of a mapping; reports unknown keys and missing required ones.
    mutating func fields(_ at: Cursor, required: [String], optional: [String] = []) -> [String: Cursor]? {
        guard let mapping = at.node.mapping else {
            error(at, "harus berupa pemetaan (kunci: nilai)")
            return nil
        }
        var result: [String: Cursor] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let cursor = Cursor(node: value, path: at.child(key))
            if !required.contains(key) && !optional.contains(key) {
                error(Cursor(node: keyNode, path: at.child(key)), "kunci tidak dikenal")
                continue
            }
            result[key] = cursor
        }
        for key in required where result[key] == nil {
            error(at, "kunci wajib \"\(key)\" tidak ada")
        }
        return result
    }

    mutating func string(_ at: Cursor?) -> String? {
        guard let at else { return nil }
        guard let scalar = at.node.scalar else {
            error(at, "harus berupa teks")
            return nil
        }
        let text = scalar.string.trimmingWhitespace()
        if text.isEmpty {
            error(at, "tidak boleh kosong")
            return nil
        }
        return String(text)
    }

    mutating func decimal(_ at: Cursor?) -> ExactDecimal? {
        guard let at else { return nil }
        guard let scalar = at.node.scalar else {
            error(at, "harus berupa angka")
            return nil
        }
        guard let value = ExactDecimal(parsing: scalar.string) else {
            error(at, "\"\(scalar.string)\" bukan angka desimal yang sah (paling banyak enam desimal)")
            return nil
        }
        return value
    }

    mutating func bool(_ at: Cursor?) -> Bool? {
        guard let at else { return nil }
        switch at.node.scalar?.string {
        case "true": return true
        case "false": return false
        default:
            error(at, "harus true atau false")
            return nil
        }
    }

    mutating func sequence(_ at: Cursor?) -> [Cursor]? {
        guard let at else { return nil }
        guard let sequence = at.node.sequence else {
            error(at, "harus berupa daftar")
            return nil
        }
        return sequence.enumerated().map { Cursor(node: $1, path: "\(at.path)[\($0)]") }
    }

    mutating func stringList(_ at: Cursor?) -> [String]? {
        guard let items = sequence(at) else { return nil }
        return items.compactMap { string($0) }
    }

    /// An ordered mapping of text keys to text values.
    mutating func stringMap(_ at: Cursor?) -> [(String, String, Cursor)]? {
        guard let at else { return nil }
        guard let mapping = at.node.mapping else {
            error(at, "harus berupa pemetaan (kunci: teks)")
            return nil
        }
        var result: [(String, String, Cursor)] = []
        for (keyNode, value) in mapping {
            let cursor = Cursor(node: value, path: at.child(keyNode.string ?? ""))
            if let text = string(cursor) { result.append((keyNode.string ?? "", text, cursor)) }
        }
        return result
    }

    // MARK: The document

    mutating func framework(_ at: Cursor) -> Framework? {
        guard
            let f = fields(
                at,
                required: [
                    "format", "id", "version", "title", "answer_types", "grades", "suggested_grade", "predikat",
                    "components",
                ],
                optional: ["legal_basis", "notes", "aspects"])
        else { return nil }
        if let format = f["format"], let text = string(format), text != String(FrameworkLoader.formatVersion) {
            error(format, "format \(text) tidak dikenal; versi yang didukung: \(FrameworkLoader.formatVersion)")
        }
        let id = string(f["id"])
        if let id, let cursor = f["id"],
            !id.allSatisfy({ $0.isASCIIDigit || ("a"..."z").contains($0) || $0 == "-" || $0 == "." })
        {
            error(cursor, "id hanya boleh berisi huruf kecil, angka, '-' dan '.'")
        }
        let version = string(f["version"])
        let title = string(f["title"])
        let legalBasis = f["legal_basis"].flatMap { stringList($0) } ?? []
        let notes = f["notes"].flatMap { string($0) }
        let answerTypes = readAnswerTypes(f["answer_types"])
        let grades = readGrades(f["grades"])
        let aspects = readAspects(f["aspects"], grades: grades)
        let rules = readSuggestionRules(f["suggested_grade"], grades: grades)
        let bands = readPredikat(f["predikat"])
        let components = readComponents(f["components"], answerTypes: answerTypes, aspects: aspects)

        guard let id, let version, let title, let answerTypes, let grades, let rules, let bands, let components
        else { return nil }
        let framework = Framework(
            id: id, version: version, title: title, legalBasis: legalBasis, notes: notes, answerTypes: answerTypes,
            grades: grades, aspects: aspects ?? [], suggestionRules: rules, predikat: bands, components: components)
        checkScoresAreExact(framework, at: f["components"]!)
        return framework
    }

    mutating func readAnswerTypes(_ at: Cursor?) -> [AnswerType]? {
        guard let at, let mapping = at.node.mapping else {
            if let at { error(at, "harus berupa pemetaan dari nama jenis jawaban ke pilihannya") }
            return nil
        }
        var types: [AnswerType] = []
        for (keyNode, value) in mapping {
            let cursor = Cursor(node: value, path: at.child(keyNode.string ?? ""))
            guard let f = fields(cursor, required: ["options"], optional: ["label"]) else { continue }
            var options: [AnswerOption] = []
            for item in sequence(f["options"]) ?? [] {
                guard let o = fields(item, required: ["code", "value"], optional: ["label"]),
                    let code = string(o["code"]), let value = decimal(o["value"])
                else { continue }
                if value < .zero || value > ExactDecimal(1) { error(o["value"]!, "nilai jawaban harus antara 0 dan 1") }
                if options.contains(where: { $0.code == code }) { error(o["code"]!, "kode jawaban \"\(code)\" ganda") }
                options.append(AnswerOption(code: code, label: o["label"].flatMap { string($0) }, value: value))
            }
            if options.isEmpty { error(cursor, "jenis jawaban tanpa pilihan") }
            types.append(
                AnswerType(id: keyNode.string ?? "", label: f["label"].flatMap { string($0) }, options: options))
        }
        if types.isEmpty { error(at, "tidak ada jenis jawaban") }
        return types
    }

    mutating func readGrades(_ at: Cursor?) -> [Grade]? {
        guard let items = sequence(at) else { return nil }
        var grades: [Grade] = []
        for item in items {
            guard let g = fields(item, required: ["code", "value"], optional: ["requires_full_fulfilment"]),
                let code = string(g["code"]), let value = decimal(g["value"])
            else { continue }
            if grades.contains(where: { $0.code == code }) { error(g["code"]!, "kode nilai \"\(code)\" ganda") }
            if value < .zero || value > .hundred { error(g["value"]!, "nilai harus antara 0 dan 100") }
            if let last = grades.last, value >= last.value {
                error(g["value"]!, "nilai harus menurun (yang terbaik lebih dulu)")
            }
            let full = g["requires_full_fulfilment"].flatMap { bool($0) } ?? false
            grades.append(Grade(code: code, value: value, requiresFullFulfilment: full))
        }
        if grades.isEmpty, let at { error(at, "tidak ada nilai") }
        return grades
    }

    mutating func readAspects(_ at: Cursor?, grades: [Grade]?) -> [Aspect]? {
        guard let at else { return nil }
        guard let items = sequence(at) else { return nil }
        var aspects: [Aspect] = []
        for item in items {
            guard let a = fields(item, required: ["name", "descriptions"]), let name = string(a["name"]),
                let map = stringMap(a["descriptions"])
            else { continue }
            if aspects.contains(where: { $0.name == name }) { error(a["name"]!, "aspek \"\(name)\" ganda") }
            for (code, _, cursor) in map where grades?.contains(where: { $0.code == code }) == false {
                error(cursor, "nilai \"\(code)\" tidak ada di daftar grades")
            }
            aspects.append(Aspect(name: name, descriptions: map.map { ($0.0, $0.1) }))
        }
        return aspects
    }

    mutating func readSuggestionRules(_ at: Cursor?, grades: [Grade]?) -> [SuggestionRule]? {
        guard let items = sequence(at) else { return nil }
        var rules: [SuggestionRule] = []
        for item in items {
            guard let r = fields(item, required: ["grade"], optional: ["above", "at_least"]),
                let grade = string(r["grade"])
            else { continue }
            if let grades, !grades.contains(where: { $0.code == grade }) {
                error(r["grade"]!, "nilai \"\(grade)\" tidak ada di daftar grades")
            }
            let inclusive = r["at_least"] != nil
            guard (r["above"] == nil) != (r["at_least"] == nil) else {
                error(item, "tulis tepat satu dari \"above\" atau \"at_least\"")
                continue
            }
            guard let threshold = decimal(r["above"] ?? r["at_least"]) else { continue }
            if threshold < .zero || threshold > .hundred { error(item, "ambang harus antara 0 dan 100") }
            // Descending; at an equal threshold only "above" followed by "at_least" (D above 0, E at 0).
            if let last = rules.last,
                threshold > last.threshold || (threshold == last.threshold && (last.inclusive || !inclusive))
            {
                error(item, "ambang harus menurun")
            }
            rules.append(SuggestionRule(grade: grade, threshold: threshold, inclusive: inclusive))
        }
        if let last = rules.last, !(last.threshold == .zero && last.inclusive), let at {
            error(at, "aturan terakhir harus mencakup 0 % (at_least: 0)")
        }
        return rules
    }

    mutating func readPredikat(_ at: Cursor?) -> [PredikatBand]? {
        guard let items = sequence(at) else { return nil }
        var bands: [PredikatBand] = []
        var cursors: [Cursor] = []
        for item in items {
            guard
                let b = fields(
                    item, required: ["code", "name", "up_to"], optional: ["above", "from", "interpretation"]),
                let code = string(b["code"]), let name = string(b["name"]), let upper = decimal(b["up_to"])
            else { continue }
            guard (b["above"] == nil) != (b["from"] == nil) else {
                error(item, "tulis tepat satu dari \"above\" (batas bawah eksklusif) atau \"from\" (inklusif)")
                continue
            }
            guard let lower = decimal(b["above"] ?? b["from"]) else { continue }
            if bands.contains(where: { $0.code == code }) { error(b["code"]!, "kode predikat \"\(code)\" ganda") }
            if lower >= upper { error(item, "batas bawah harus lebih kecil dari batas atas") }
            let interpretation = b["interpretation"].flatMap { string($0) } ?? ""
            bands.append(
                PredikatBand(
                    code: code, name: name, lower: lower, lowerInclusive: b["from"] != nil, upper: upper,
                    interpretation: interpretation))
            cursors.append(item)
        }
        guard !bands.isEmpty else {
            if let at { error(at, "tidak ada predikat") }
            return nil
        }
        // Best first, contiguous: each band starts where the next one ends.
        if bands[0].upper != .hundred {
            error(cursors[0], "predikat tertinggi harus sampai 100, bukan \(bands[0].upper.plain())")
        }
        for i in bands.indices.dropLast() {
            let (band, next) = (bands[i], bands[i + 1])
            if band.lowerInclusive {
                error(cursors[i], "hanya predikat terendah yang memakai \"from\"; yang lain memakai \"above\"")
            }
            if next.upper < band.lower {
                error(
                    cursors[i + 1],
                    "celah: nilai di atas \(next.upper.plain()) sampai \(band.lower.plain()) tidak tercakup predikat mana pun"
                )
            } else if next.upper > band.lower || (next.upper == band.lower && band.lowerInclusive) {
                error(
                    cursors[i + 1],
                    "tumpang tindih dengan predikat \(band.code): \(next.code) sampai \(next.upper.plain()), \(band.code) mulai \(band.lower.plain())"
                )
            }
        }
        if let last = bands.last {
            if !(last.lowerInclusive && last.lower == .zero) {
                error(cursors[cursors.count - 1], "predikat terendah harus mulai dari 0 (from: 0)")
            }
        }
        return bands
    }

    mutating func readComponents(_ at: Cursor?, answerTypes: [AnswerType]?, aspects: [Aspect]?) -> [Component]? {
        guard let items = sequence(at), let at else { return nil }
        var components: [Component] = []
        var seenIDs: Set<String> = []
        var componentWeights = ExactDecimal.zero
        for (ci, item) in items.enumerated() {
            guard let c = fields(item, required: ["id", "title", "weight", "subcomponents"]),
                let id = string(c["id"]), let title = string(c["title"]), let weight = decimal(c["weight"])
            else { continue }
            if !(id.allSatisfy(\.isASCIIDigit) && id.first != "0") {
                error(c["id"]!, "id komponen \"\(id)\" tidak sah; diharapkan angka, misalnya \"\(ci + 1)\"")
            }
            if !seenIDs.insert(id).inserted { error(c["id"]!, "id \"\(id)\" ganda") }
            if weight <= .zero { error(c["weight"]!, "bobot harus lebih dari 0") }
            componentWeights += weight
            var subcomponents: [Subcomponent] = []
            var subWeights = ExactDecimal.zero
            for (si, subItem) in (sequence(c["subcomponents"]) ?? []).enumerated() {
                guard
                    let s = fields(subItem, required: ["id", "title", "weight"], optional: ["aspect", "criteria"]),
                    let sid = string(s["id"]), let stitle = string(s["title"]), let sweight = decimal(s["weight"])
                else { continue }
                let expected = "\(id).\(Self.letter(si))"
                if !Self.isSubcomponentID(sid, in: id) {
                    error(s["id"]!, "id sub-komponen \"\(sid)\" tidak sah; diharapkan misalnya \"\(expected)\"")
                }
                if !seenIDs.insert(sid).inserted { error(s["id"]!, "id \"\(sid)\" ganda") }
                if sweight <= .zero { error(s["weight"]!, "bobot harus lebih dari 0") }
                subWeights += sweight
                let aspect = s["aspect"].flatMap { string($0) }
                if let aspect, let aspects, !aspects.contains(where: { $0.name == aspect }) {
                    error(s["aspect"]!, "aspek \"\(aspect)\" tidak ada di daftar aspects")
                } else if let aspect, aspects == nil {
                    error(s["aspect"]!, "aspek \"\(aspect)\" disebut, tetapi dokumen tidak punya daftar aspects")
                }
                let criteria = readCriteria(
                    s["criteria"], subcomponentID: sid, answerTypes: answerTypes, seenIDs: &seenIDs)
                if criteria.isEmpty {
                    warning(subItem, "sub-komponen \(sid) tanpa kriteria: hanya dapat dinilai langsung")
                }
                subcomponents.append(
                    Subcomponent(id: sid, title: stitle, aspect: aspect, weight: sweight, criteria: criteria))
            }
            if subcomponents.isEmpty { error(item, "komponen \(id) tanpa sub-komponen") }
            if subWeights != weight {
                error(
                    c["subcomponents"]!,
                    "bobot sub-komponen \(id) berjumlah \(subWeights.plain()), tidak sama dengan bobot komponen \(weight.plain())"
                )
            }
            components.append(Component(id: id, title: title, weight: weight, subcomponents: subcomponents))
        }
        if components.isEmpty { error(at, "tidak ada komponen") }
        if componentWeights != .hundred {
            error(at, "bobot komponen berjumlah \(componentWeights.plain()), harus 100")
        }
        return components
    }

    mutating func readCriteria(
        _ at: Cursor?, subcomponentID: String, answerTypes: [AnswerType]?, seenIDs: inout Set<String>
    ) -> [Criterion] {
        guard let at else { return [] }
        var criteria: [Criterion] = []
        for (ki, item) in (sequence(at) ?? []).enumerated() {
            guard
                let k = fields(
                    item, required: ["id", "text", "answer"],
                    optional: ["guidance", "options", "evidence", "follow_up"]),
                let kid = string(k["id"]), let text = string(k["text"]), let answer = string(k["answer"])
            else { continue }
            let expected = "\(subcomponentID).\(ki + 1)"
            if !Self.isCriterionID(kid, in: subcomponentID) {
                error(k["id"]!, "id kriteria \"\(kid)\" tidak sah; diharapkan misalnya \"\(expected)\"")
            }
            if !seenIDs.insert(kid).inserted { error(k["id"]!, "id \"\(kid)\" ganda") }
            let type = answerTypes?.first { $0.id == answer }
            if answerTypes != nil && type == nil {
                let known = answerTypes!.map(\.id).joined(separator: ", ")
                error(k["answer"]!, "jenis jawaban \"\(answer)\" tidak dikenal (yang dikenal: \(known))")
            }
            var options: [(code: String, text: String)] = []
            for (code, wording, cursor) in stringMap(k["options"]) ?? [] {
                if let type, type.option(code) == nil {
                    error(cursor, "\"\(code)\" bukan pilihan jenis jawaban \(answer)")
                }
                options.append((code, wording))
            }
            let guidance = k["guidance"].flatMap { string($0) }
            let evidence = k["evidence"].flatMap { stringList($0) } ?? []
            if let twin = criteria.firstIndex(where: { $0.text == text }) {
                warning(
                    item, "kriteria \(kid) berteks sama dengan \(criteria[twin].id): kemungkinan ditulis dua kali")
            }
            criteria.append(
                Criterion(
                    id: kid, text: text, answerType: answer, guidance: guidance, options: options, evidence: evidence,
                    followUp: k["follow_up"].map { followUpRule($0, type: type) }))
        }
        return criteria
    }

    /// `follow_up:` of a criterion: `{}` to show the follow-up there, or with `above:` (answer code →
    /// percent, from the highest) and `otherwise:` to suggest an answer from the rate.
    mutating func followUpRule(_ at: Cursor, type: AnswerType?) -> FollowUpRule {
        guard let f = fields(at, required: [], optional: ["above", "otherwise"]) else { return FollowUpRule() }
        var rule = FollowUpRule()
        for (code, _, cursor) in stringMap(f["above"]) ?? [] {
            if let type, type.option(code) == nil {
                error(cursor, "\"\(code)\" bukan pilihan jenis jawaban \(type.id)")
            }
            guard let percent = decimal(cursor) else { continue }
            if let last = rule.above.last, percent >= last.percent {
                error(cursor, "ambang harus menurun: \(code) (\(percent.indonesian())) tidak di bawah \(last.code)")
            }
            rule.above.append((code, percent))
        }
        if let otherwise = f["otherwise"] {
            rule.otherwise = string(otherwise)
            if let type, let code = rule.otherwise, type.option(code) == nil {
                error(otherwise, "\"\(code)\" bukan pilihan jenis jawaban \(type.id)")
            }
        }
        return rule
    }

    /// Every score of the framework (sub-component weight × grade value / 100) must be exact at
    /// six decimals, so that scoring never rounds.
    mutating func checkScoresAreExact(_ framework: Framework, at: Cursor) {
        for component in framework.components {
            for sub in component.subcomponents {
                for grade in framework.grades
                where sub.weight.exactProduct(grade.value).flatMap({ $0.exactQuotient(100) }) == nil {
                    error(at, "bobot \(sub.id) × nilai \(grade.code) / 100 tidak tepat pada enam desimal")
                }
            }
        }
    }

    static func letter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(ascii: "a") + UInt8(min(index, 25))))
    }

    static func isSubcomponentID(_ id: String, in component: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0] == component && parts[1].count == 1
            && ("a"..."z").contains(parts[1].first!)
    }

    static func isCriterionID(_ id: String, in subcomponent: String) -> Bool {
        guard id.hasPrefix(subcomponent + ".") else { return false }
        let number = id.dropFirst(subcomponent.count + 1)
        return !number.isEmpty && number.allSatisfy(\.isASCIIDigit) && number.first != "0"
    }
}
