/// The rules for accounts and the regency's setup: user names, passwords, government codes and
/// evaluation years. The server, the setup command and the pages call these; none decides alone.
public enum AccountRules {
    /// The shortest password accepted.
    public static let minimumPasswordLength = 10

    /// A user name as stored (trimmed, lower case), or why it is refused. Names are unique within
    /// a government, not across the governments a deployment serves.
    public static func username(_ raw: String) -> Result<String, RuleViolation> {
        let name = raw.trimmingWhitespace().lowercased()
        guard name.count >= 3, name.count <= 64,
            name.unicodeScalars.allSatisfy({
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
            })
        else {
            return .failure(
                RuleViolation(
                    "Nama pengguna: 3–64 karakter, huruf kecil a–z, angka, titik, garis bawah atau tanda hubung."))
        }
        return .success(name)
    }

    /// Nil when an account of `role` may be tied to a PD as asked, else why not: an operator serves
    /// exactly one PD of its government (`unitKnown`: the PD exists there); other roles none.
    public static func unitProblem(role: AccessRules.AccountRole, unitGiven: Bool, unitKnown: Bool) -> RuleViolation? {
        guard role == .operator else { return nil }
        return unitGiven && unitKnown
            ? nil : RuleViolation("Operator harus terikat pada satu Perangkat Daerah (unit_id).")
    }

    /// Nil when the password may be set, else why not.
    public static func passwordProblem(_ password: String) -> RuleViolation? {
        password.count >= minimumPasswordLength
            ? nil : RuleViolation("Kata sandi minimal \(minimumPasswordLength) karakter.")
    }

    /// The short stable code of a government from its name: `Kabupaten Banyuasin` → `banyuasin`,
    /// `Kota Palembang` → `kota-palembang` (a city keeps its kind: a regency and a city may share a name).
    public static func governmentCode(_ name: String) -> String {
        var words = name.trimmingWhitespace().lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map(String.init)
        if words.first == "kabupaten" || words.first == "kab" { words.removeFirst() }
        let ascii = words.map { word in
            String(
                word.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
        }.filter { !$0.isEmpty }
        return ascii.joined(separator: "-")
    }

    /// Nil when `name` may name a government ("Kabupaten …", "Kota …", "Provinsi …"), else why not.
    public static func governmentNameProblem(_ name: String) -> RuleViolation? {
        let trimmed = String(name.trimmingWhitespace())
        guard trimmed.count >= 4, !governmentCode(trimmed).isEmpty else {
            return RuleViolation("Nama pemerintah daerah tidak sah: tulis lengkap, mis. \"Kabupaten Banyuasin\".")
        }
        return nil
    }

    /// Nil when a period for `evaluationYear` may be opened in `currentYear`, else why not: an
    /// evaluation year ahead of next year is a typo or a double click, never a plan.
    public static func evaluationYearProblem(_ evaluationYear: Int, currentYear: Int) -> RuleViolation? {
        guard (2000...(currentYear + 1)).contains(evaluationYear) else {
            return RuleViolation(
                "Tahun evaluasi \(evaluationYear) tidak dapat dibuka: paling lambat \(currentYear + 1).")
        }
        return nil
    }
}

/// A rule of the domain that an input breaks, with the reason in Indonesian.
public struct RuleViolation: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
