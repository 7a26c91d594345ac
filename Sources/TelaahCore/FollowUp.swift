/// Tindak lanjut (follow-up): what happens to an LHE's recommendations after it is signed. The PD
/// answers with a rencana aksi (seed 004): per recommendation its planned actions, each with a
/// person in charge and a due date; the Inspektorat accepts the plan or returns it with a note;
/// the PD reports what it did (realisasi) with evidence; the Inspektorat verifies each
/// recommendation. Next year's evaluation reads the outcome (seed 001 §V, criterion 4.c.1).
public enum FollowUp {
    /// The Inspektorat's verification of one recommendation.
    public enum Verdict: String, CaseIterable, Codable, Sendable {
        /// Sesuai dengan rekomendasi: followed up as recommended.
        case compliant = "sesuai"
        /// Belum sesuai: acted on, not yet as recommended.
        case notYet = "belum_sesuai"
        /// Tidak dapat ditindaklanjuti, for a reason the Inspektorat accepts.
        case impossible = "tidak_dapat"

        public var title: String {
            switch self {
            case .compliant: "Sesuai"
            case .notYet: "Belum sesuai"
            case .impossible: "Tidak dapat ditindaklanjuti"
            }
        }

        /// The recommendation needs nothing more from the PD.
        public var closes: Bool { self != .notYet }
    }

    /// Where a recommendation stands, as the lists show it.
    public enum Status: String, CaseIterable, Codable, Sendable {
        /// No action planned or reported yet.
        case open = "belum_ditindaklanjuti"
        /// Actions planned or reported, not yet verified as compliant.
        case inProgress = "dalam_proses"
        case compliant = "sesuai"
        case impossible = "tidak_dapat"

        public var title: String {
            switch self {
            case .open: "Belum ditindaklanjuti"
            case .inProgress: "Dalam proses"
            case .compliant: "Sesuai"
            case .impossible: "Tidak dapat ditindaklanjuti"
            }
        }

        public var closed: Bool { self == .compliant || self == .impossible }
    }

    public static func status(verdict: Verdict?, actions: Int, reports: Int) -> Status {
        switch verdict {
        case .compliant: .compliant
        case .impossible: .impossible
        case .notYet: .inProgress
        case nil: actions + reports > 0 ? .inProgress : .open
        }
    }

    /// The rencana aksi's state.
    public enum PlanState: String, CaseIterable, Codable, Sendable {
        /// The PD is writing it.
        case draft
        /// Sent to the Inspektorat.
        case submitted
        /// Returned to the PD with a note; the PD changes it and sends it again.
        case returned
        /// Accepted: the PD reports what it does.
        case accepted

        public var title: String {
            switch self {
            case .draft: "Disusun PD"
            case .submitted: "Diajukan ke Inspektorat"
            case .returned: "Dikembalikan ke PD"
            case .accepted: "Diterima"
            }
        }

        /// The PD changes its actions only while the plan is its own.
        public var editableByUnit: Bool { self == .draft || self == .returned }
    }

    public enum PlanMove: String, CaseIterable, Codable, Sendable {
        case submit
        case returnToUnit = "return"
        case accept

        public var title: String {
            switch self {
            case .submit: "Ajukan rencana aksi"
            case .returnToUnit: "Kembalikan ke PD"
            case .accept: "Terima rencana aksi"
            }
        }
    }

    /// Who acts on a PD's follow-up.
    public enum Actor: Sendable, Equatable {
        /// The PD's operator (penanggung jawab data SAKIP).
        case unit
        /// The Inspektorat: the Admin, the Inspektur, and the controllers and Ketua Tim of the team
        /// that evaluated the PD.
        case inspektorat
    }

    /// Why a move is refused, in the interface's words; nil when it is allowed.
    public static func moveRefusal(
        _ move: PlanMove, from state: PlanState, by actor: Actor?, recommendations: Int, planned: Int, note: String?
    ) -> String? {
        switch move {
        case .submit:
            guard actor == .unit else { return "Rencana aksi diajukan oleh PD." }
            guard state.editableByUnit else { return "Rencana aksi sudah \(state.title.lowercased())." }
            guard planned == recommendations, recommendations > 0 else {
                return
                    "Setiap rekomendasi memerlukan sedikitnya satu rencana aksi (\(planned) dari \(recommendations))."
            }
        case .returnToUnit, .accept:
            guard actor == .inspektorat else { return "Rencana aksi diterima atau dikembalikan oleh Inspektorat." }
            guard state == .submitted else { return "Rencana aksi belum diajukan." }
            if move == .returnToUnit, (note ?? "").trimmingWhitespace().isEmpty {
                return "Tuliskan catatan: apa yang harus diperbaiki PD."
            }
        }
        return nil
    }

    public static func state(after move: PlanMove) -> PlanState {
        switch move {
        case .submit: .submitted
        case .returnToUnit: .returned
        case .accept: .accepted
        }
    }

    /// Why an action as entered is refused; nil when complete. `due` as TTTT-BB-HH.
    public static func actionRefusal(action: String, person: String, position: String, due: String) -> String? {
        if action.trimmingWhitespace().isEmpty { return "Tuliskan rencana aksinya." }
        if action.count > 4000 { return "Rencana aksi terlalu panjang (paling banyak 4000 karakter)." }
        if person.trimmingWhitespace().isEmpty || position.trimmingWhitespace().isEmpty {
            return "Tuliskan nama dan jabatan penanggung jawabnya."
        }
        guard DocumentDate(iso: due) != nil else {
            return "Batas waktu harus berbentuk TTTT-BB-HH, misalnya 2025-03-31."
        }
        return nil
    }

    /// Why a verdict is refused: "tidak dapat ditindaklanjuti" needs its reason.
    public static func verdictRefusal(_ verdict: Verdict, reason: String?) -> String? {
        if verdict != .compliant, (reason ?? "").trimmingWhitespace().isEmpty {
            return verdict == .impossible
                ? "Tuliskan alasan rekomendasi ini tidak dapat ditindaklanjuti."
                : "Tuliskan apa yang masih harus dilakukan PD."
        }
        return nil
    }

    /// An action is overdue past its due day while its recommendation is not closed.
    public static func overdue(due: DocumentDate, today: DocumentDate, status: Status) -> Bool {
        !status.closed && due < today
    }

    /// The items of a sub-component's text as the LHE prints them: one per line, list marks
    /// dropped, except that the lines after a line ending in ":" are its points (`1)`, `2)`), not
    /// items of their own ("… agar menjadi dasar untuk:" and what follows is one recommendation).
    public static func items(in text: String) -> [(head: String, points: [String])] {
        var out: [(head: String, points: [String])] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let s = unmarked(Substring(line))
            guard !s.isEmpty else { continue }
            if let last = out.last, last.head.hasSuffix(":") {
                out[out.count - 1].points.append(s)
            } else {
                out.append((s, []))
            }
        }
        return out
    }

    /// The recommendations in a sub-component's text, each as the register keeps it: its first
    /// line, then its points one per line (`items(in:)`).
    public static func recommendations(in text: String) -> [String] {
        items(in: text).map { ([$0.head] + $0.points).joined(separator: "\n") }
    }

    /// A line without its list mark (`- `, `• `, `1. `, `a) `).
    public static func unmarked(_ line: Substring) -> String {
        var s = line.drop { $0 == " " || $0 == "\t" }
        for mark in ["- ", "• ", "* "] where s.hasPrefix(mark) { s = s.dropFirst(mark.count) }
        // "1. " or "a) " at the start.
        if let stop = s.firstIndex(where: { $0 == "." || $0 == ")" }),
            s.distance(from: s.startIndex, to: stop) <= 2,
            s[s.startIndex..<stop].allSatisfy({ $0.isNumber || $0.isLetter }), s.index(after: stop) < s.endIndex,
            s[s.index(after: stop)] == " "
        {
            s = s[s.index(stop, offsetBy: 2)...]
        }
        return String(String(s).trimmingWhitespace())
    }

    /// A recommendation's id in the PD's register, the same in every later year: `2024-1.a-1`.
    public static func code(year: Int, subcomponent: String, index: Int) -> String {
        "\(year)-\(subcomponent)-\(index)"
    }

    /// The counts of a PD's (or a period's) recommendations, and the rate followed up.
    public struct Tally: Sendable, Equatable {
        public var total = 0
        public var compliant = 0
        public var inProgress = 0
        public var open = 0
        public var impossible = 0

        public init() {}

        public init(_ statuses: [Status]) {
            for s in statuses { add(s) }
        }

        public mutating func add(_ s: Status) {
            total += 1
            switch s {
            case .compliant: compliant += 1
            case .inProgress: inProgress += 1
            case .open: open += 1
            case .impossible: impossible += 1
            }
        }

        /// The counts of several PD together.
        public mutating func add(_ other: Tally) {
            total += other.total
            compliant += other.compliant
            inProgress += other.inProgress
            open += other.open
            impossible += other.impossible
        }

        /// Percent of all the recommendations followed up as recommended (*sesuai*), as BPK counts
        /// it in its monitoring of follow-up: over every recommendation, those that cannot be
        /// followed up included, which are a figure of their own (`impossibleShare`); nil when
        /// there are none.
        public var rate: ExactDecimal? { share(compliant) }

        /// Percent of all the recommendations that cannot be followed up (*tidak dapat
        /// ditindaklanjuti*, with a valid reason).
        public var impossibleShare: ExactDecimal? { share(impossible) }

        /// `1 telah ditindaklanjuti sesuai rekomendasi, 6 dalam proses dan 2 belum
        /// ditindaklanjuti`: the counts in the words of the letters, those of none left out.
        public var inWords: String {
            let parts = [
                (compliant, "telah ditindaklanjuti sesuai rekomendasi"), (inProgress, "dalam proses"),
                (open, "belum ditindaklanjuti"), (impossible, "tidak dapat ditindaklanjuti"),
            ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
            guard let last = parts.last else { return "belum ada yang ditindaklanjuti" }
            return parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + " dan " + last
        }

        private func share(_ count: Int) -> ExactDecimal? {
            guard total > 0 else { return nil }
            return ExactDecimal.quotient(ExactDecimal(100 * count), ExactDecimal(total), places: 2)
        }
    }
}

extension FollowUp {
    /// A recommendation as a list shows it: its first line, cut after a word at most `limit`
    /// characters in and marked "…" when cut (the page of the PD shows it whole).
    public static func shortened(_ text: String, limit: Int = 140) -> String {
        let first = items(in: text).first?.head ?? text
        let more = first.count > limit || items(in: text).count > 1 || first.hasSuffix(":")
        guard more else { return first }
        guard first.count > limit else { return first + " …" }
        let cut = first.prefix(limit)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
    }
}
