import ArgumentParser
import Foundation
import TelaahCore
import TelaahDemo
import TelaahServer

/// Where the server finds its database: flags first, then environment variables.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "URL PostgreSQL (env DATABASE_URL); tanpa ini: SQLite di folder data.")
    var databaseURL: String?
    @Option(help: "Folder data untuk berkas SQLite (env TELAAH_DATA_DIR; baku ./data).")
    var dataDir: String?
    @Option(help: "Berkas kunci rantai audit (env TELAAH_AUDIT_KEY_FILE; baku FOLDER_DATA/audit.key).")
    var auditKeyFile: String?

    func configuration(demo: Bool = false) throws -> ServerConfiguration {
        let env = ProcessInfo.processInfo.environment
        let dir = dataDir ?? env["TELAAH_DATA_DIR"] ?? "data"
        if demo {
            // A fresh demo database on every start.
            let demoDir = URL(fileURLWithPath: dir).appendingPathComponent("demo").path
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: demoDir + "/telaah.sqlite" + suffix)
            }
            return try .sqlite(dataDirectory: demoDir)
        }
        return try .fromEnvironment(
            databaseURL: databaseURL ?? env["DATABASE_URL"], dataDirectory: dir, auditKeyFile: auditKeyFile)
    }
}

struct ServeCommand: ParsableCommand, TelaahRunnable {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Menjalankan server web Telaah.",
        discussion: "Konfigurasi lengkap: docs/operations.md. Berhenti dengan rapi pada SIGINT/SIGTERM.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Alamat dengar (env TELAAH_HOST; baku 127.0.0.1).") var hostname: String?
    @Option(help: "Port (env TELAAH_PORT; baku 8080).") var port: Int?
    @Flag(help: "Mulai dengan basis data demo yang baru (Kabupaten Banyuasin, 51 PD).") var demo = false
    @Option(help: "json atau text (env TELAAH_LOG_FORMAT; baku text).") var logFormat: String?
    @Option(help: "trace, debug, info, notice, warning, error (env TELAAH_LOG_LEVEL; baku info).") var logLevel: String?
    @Flag(help: "Tandai cookie sesi Secure (untuk HTTPS; env TELAAH_SECURE_COOKIES=1).") var secureCookies = false
    @Option(
        help:
            "Proksi tepercaya, dipisah koma (alamat atau CIDR), yang X-Forwarded-For-nya dipakai (env TELAAH_TRUSTED_PROXIES)."
    ) var trustedProxies: String?

    func run(_ context: CLIContext) async throws -> Int32 {
        let env = ProcessInfo.processInfo.environment
        let registry = ServerRunner.bootstrap(
            logLevel: logLevel ?? env["TELAAH_LOG_LEVEL"] ?? "info",
            jsonLogs: (logFormat ?? env["TELAAH_LOG_FORMAT"] ?? "text") == "json")
        var config = try database.configuration(demo: demo)
        config.hostname = hostname ?? env["TELAAH_HOST"] ?? "127.0.0.1"
        config.port = port ?? env["TELAAH_PORT"].flatMap(Int.init) ?? 8080
        config.secureCookies = secureCookies || env["TELAAH_SECURE_COOKIES"] == "1"
        if let trustedProxies {
            do { config.trustedProxies = try IPRange.list(trustedProxies) } catch {
                throw CLIFailure.unreadable("--trusted-proxies", "\(error)")
            }
        }
        if demo { config.bcryptCost = 10 }
        let address = "http://\(config.hostname):\(config.port)/"
        guard demo else {
            try await ServerRunner.serve(config, registry: registry)
            return ExitStatus.success
        }
        try await DemoRunner.serve(config, registry: registry, password: env["TELAAH_DEMO_PASSWORD"]) { accounts in
            var lines = "\nTelaah demo: Kabupaten Banyuasin, 51 Perangkat Daerah, periode Evaluasi AKIP 2024.\n"
            lines += "Buka \(address) dan masuk dengan salah satu akun:\n\n"
            lines += "  nama pengguna      kata sandi     peran       dapat\n"
            for a in accounts {
                lines +=
                    "  "
                    + [a.username.padded(18), a.password.padded(14), a.role.padded(11), a.note].joined(separator: " ")
                    + "\n"
            }
            context.write(lines + "\n")
        }
        return ExitStatus.success
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

struct MigrateCommand: ParsableCommand, TelaahRunnable {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Menjalankan migrasi basis data (SQLite atau PostgreSQL) lalu berhenti.")
    @OptionGroup var database: DatabaseOptions

    func run(_ context: CLIContext) async throws -> Int32 {
        do {
            try await ServerRunner.migrate(try database.configuration())
        } catch {
            throw CLIFailure.findings("migrasi gagal: \(error)")
        }
        context.write("Migrasi selesai.\n")
        return ExitStatus.success
    }
}

struct SeedDemoCommand: ParsableCommand, TelaahRunnable {
    static let configuration = CommandConfiguration(
        commandName: "seed-demo",
        abstract: "Memuat data demo ke basis data kosong (SQLite atau PostgreSQL) lalu berhenti.",
        discussion: """
            Kata sandi semua akun dari TELAAH_DEMO_PASSWORD, atau acak dan dicetak. Dengan --lengkap setiap \
            Perangkat Daerah dinilai lengkap (final), sehingga 51 LHE dan Laporan Kompilasi dapat disusun.
            """)
    @OptionGroup var database: DatabaseOptions
    @Flag(name: .customLong("lengkap"), help: "Nilai setiap Perangkat Daerah sampai lengkap (final).")
    var complete = false
    @Option(
        name: .customLong("hari-ini"),
        help: "Hari yang menjadi 'hari ini' cerita demo, TTTT-BB-HH (baku: hari ini, WIB); tahunnya tahun evaluasi.")
    var today: String?

    func run(_ context: CLIContext) async throws -> Int32 {
        let seeded: Demo.Seeded
        let completed: Int
        let password = ProcessInfo.processInfo.environment["TELAAH_DEMO_PASSWORD"]
        var story = Demo.Story()
        if let today {
            guard let day = DocumentDate(iso: today) else {
                throw CLIFailure.unreadable("--hari-ini", "harus berbentuk TTTT-BB-HH, misalnya 2024-10-17")
            }
            story = Demo.Story(today: day)
        }
        do {
            (seeded, completed) = try await DemoRunner.seed(
                try database.configuration(), password: password, complete: complete, story: story)
        } catch {
            throw CLIFailure.findings("demo tidak dimuat: \(error)")
        }
        var lines = "Demo dimuat: periode \(seeded.periodID).\n"
        if complete { lines += "\(completed) Perangkat Daerah dinilai lengkap oleh data demo.\n" }
        for a in seeded.accounts { lines += "  \(a.username.padded(18)) \(a.password)\n" }
        context.write(lines)
        return ExitStatus.success
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Jejak audit.", subcommands: [Verify.self, Head.self])

    struct Verify: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            abstract:
                "Memeriksa rantai jejak audit (dengan kuncinya) dan menyebut entri pertama yang diubah atau dihapus.",
            discussion: """
                Setiap kepala rantai yang tercatat di luar basis data (catatan kepala server, FOLDER_DATA/audit-anchor.log, \
                atau berkas --anchor dari telaah audit head) harus ada di rantai: ekor yang dipotong ketahuan. \
                Kode keluar: 0 utuh, 1 rantai rusak, 2 basis data atau berkas tidak terbaca. Lihat docs/access.md.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(name: .customLong("anchor"), help: "Berkas catatan kepala rantai (boleh berulang).")
        var anchors: [String] = []

        func run(_ context: CLIContext) async throws -> Int32 {
            let result: AuditLog.Verification
            let files: [String]
            let evidence: (checked: Int, problems: [String])
            do {
                (result, files, evidence) = try await ServerRunner.verifyAudit(
                    try database.configuration(), anchorFiles: anchors)
            } catch {
                throw CLIFailure.unreadable("basis data", "\(error)")
            }
            switch result {
            case .intact(let entries, let anchored):
                let against =
                    files.isEmpty ? "tanpa catatan kepala" : "\(anchored) kepala dari \(files.joined(separator: ", "))"
                context.write("Jejak audit utuh: \(entries) entri, kunci cocok, \(against).\n")
                guard evidence.problems.isEmpty else {
                    for problem in evidence.problems { context.writeError("Bukti dukung rusak: \(problem)\n") }
                    return ExitStatus.findings
                }
                context.write("Berkas bukti dukung utuh: \(evidence.checked) berkas cocok dengan hashnya.\n")
                return ExitStatus.success
            case .broken(let seq, let reason):
                context.writeError("Jejak audit rusak pada entri \(seq): \(reason)\n")
                return ExitStatus.findings
            }
        }
    }

    struct Head: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            abstract: "Mencetak kepala rantai audit saat ini, untuk disimpan di luar basis data.",
            discussion: "Simpan baris ini (cetak, kirim, arsipkan); kelak: telaah audit verify --anchor BERKAS.")
        @OptionGroup var database: DatabaseOptions

        func run(_ context: CLIContext) async throws -> Int32 {
            do {
                context.write(try await ServerRunner.auditHead(try database.configuration()) + "\n")
            } catch {
                throw CLIFailure.unreadable("basis data", "\(error)")
            }
            return ExitStatus.success
        }
    }
}

struct BackupCommand: ParsableCommand, TelaahRunnable {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract:
            "Mencadangkan basis data dan semua berkas bukti dukung ke sebuah folder (boleh sambil server berjalan).",
        discussion: """
            Folder berisi telaah.sqlite (SQLite) atau telaah.pgdump (PostgreSQL, melalui pg_dump) dan bukti/ (berkas \
            menurut SHA-256-nya, dengan bukti/SHA256SUMS untuk sha256sum -c). Cadangan berikutnya ke folder yang sama \
            hanya menyalin berkas baru. Kunci audit tidak ikut: simpan terpisah. Lihat docs/operations.md.
            """)
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Folder cadangan.") var folder: String

    func run(_ context: CLIContext) async throws -> Int32 {
        let summary: BackupSummary
        do {
            summary = try await ServerRunner.backup(try database.configuration(), to: folder)
        } catch {
            throw CLIFailure.unreadable("basis data", "\(error)")
        }
        context.write(
            "Cadangan di \(folder): \(summary.database), \(summary.files) berkas bukti (\(summary.copied) baru, \(summary.bytes) B).\n"
        )
        for problem in summary.problems { context.writeError("Tidak tercadang: \(problem)\n") }
        return summary.problems.isEmpty ? ExitStatus.success : ExitStatus.findings
    }
}

struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "Penyimpanan berkas bukti dukung.", subcommands: [Collect.self])

    struct Collect: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            commandName: "gc",
            abstract: "Membersihkan berkas bukti yang tidak disebut catatan mana pun, dan sisa unggahan yang terputus.",
            discussion: """
                Berkas tanpa catatan ditandai lebih dulu dan baru dihapus pada pembersihan setelah --grace-hours                 (jendela cadangan: cadangan yang sedang berjalan tetap mendapat setiap berkas yang disebut dumpnya).                 Sisa unggahan (tmp/ atau potongan di basis data) dihapus bila tidak disentuh selama --idle-minutes.                 Server menjalankannya saat mulai dan setiap jam. Kode keluar: 0. Lihat docs/evidence.md.
                """)
        @OptionGroup var database: DatabaseOptions
        @Flag(name: .customLong("dry-run"), help: "Hanya menyebut apa yang akan dibersihkan; tidak mengubah apa pun.")
        var dryRun = false
        @Option(name: .customLong("grace-hours"), help: "Jendela cadangan dalam jam (baku 24).")
        var graceHours: Double = EvidenceCollector.defaultGrace / 3600
        @Option(name: .customLong("idle-minutes"), help: "Umur sisa unggahan yang dibersihkan, dalam menit (baku 60).")
        var idleMinutes: Double = EvidenceCollector.defaultIdle / 60

        func run(_ context: CLIContext) async throws -> Int32 {
            guard graceHours >= 0, idleMinutes >= 0 else {
                throw CLIFailure.unreadable("--grace-hours/--idle-minutes", "tidak boleh negatif")
            }
            let done: EvidenceCollection
            do {
                done = try await ServerRunner.collectEvidence(
                    try database.configuration(), dryRun: dryRun, graceHours: graceHours, idleMinutes: idleMinutes)
            } catch {
                throw CLIFailure.unreadable("basis data", "\(error)")
            }
            let verb = dryRun ? "akan dibersihkan" : "dibersihkan"
            context.write(
                """
                Sisa unggahan terputus \(verb): \(done.abandonedUploads) (\(done.abandonedBytes) B).
                Berkas tanpa catatan: \(done.orphans); \(verb): \(done.reclaimed) (\(done.reclaimedBytes) B); \
                menunggu jendela cadangan: \(done.waiting).

                """)
            return ExitStatus.success
        }
    }
}

struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders", abstract: "Pengingat batas waktu melalui surel.", subcommands: [Send.self])

    struct Send: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "Mengirim pengingat batas waktu yang belum terkirim, satu surel per akun.",
            discussion: """
                Batas waktu tahap periode kepada yang gilirannya, dan batas rencana aksi kepada operator PD: 3 hari \
                sebelum, pada harinya, dan sekali setelah lewat; setiap pengingat sekali per akun. Cara kirim diatur \
                Admin (sendmail atau relai SMTP). Server menjalankannya setiap jam. Lihat docs/operations.md.
                """)
        @OptionGroup var database: DatabaseOptions
        @Flag(name: .customLong("dry-run"), help: "Hanya menghitung; tidak mengirim dan tidak mencatat.")
        var dryRun = false
        @Option(name: .customLong("today"), help: "Hari yang dianggap hari ini (TTTT-BB-HH); baku hari ini.")
        var today: String?

        func run(_ context: CLIContext) async throws -> Int32 {
            var day: DocumentDate?
            if let today {
                guard let parsed = DocumentDate(iso: today) else {
                    throw CLIFailure.unreadable("--today", "tanggal harus berbentuk TTTT-BB-HH: \(today)")
                }
                day = parsed
            }
            let run: MailRun
            do {
                run = try await ServerRunner.sendReminders(try database.configuration(), today: day, dryRun: dryRun)
            } catch {
                throw CLIFailure.unreadable("basis data", "\(error)")
            }
            context.write(
                """
                Pengingat \(dryRun ? "akan dikirim" : "terkirim"): \(run.sent) surel berisi \(run.reminders) pengingat; \
                gagal: \(run.failed); akun tanpa alamat surel: \(run.withoutAddress).

                """)
            return run.failed == 0 ? ExitStatus.success : ExitStatus.findings
        }
    }
}

struct RestoreCommand: ParsableCommand, TelaahRunnable {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Memulihkan cadangan telaah backup ke basis data yang masih kosong, lalu memeriksa jejak auditnya.",
        discussion: """
            SQLite: FOLDER_DATA/telaah.sqlite belum boleh ada. PostgreSQL: DATABASE_URL menunjuk basis data kosong \
            (createdb); pg_restore dipakai. Letakkan dulu kunci audit yang disimpan (audit.key) agar rantainya terperiksa. \
            Berkas bukti masuk ke penyimpanan yang dikonfigurasi, masing-masing dicocokkan dengan hashnya. \
            Kode keluar: 0 pulih dan utuh, 1 ada berkas hilang atau rantai rusak.
            """)
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Folder cadangan.") var folder: String

    func run(_ context: CLIContext) async throws -> Int32 {
        let summary: RestoreSummary
        do {
            summary = try await ServerRunner.restore(try database.configuration(), from: folder)
        } catch {
            throw CLIFailure.unreadable("cadangan", "\(error)")
        }
        context.write("Dipulihkan dari \(folder): \(summary.files) berkas bukti (\(summary.imported) dimuat).\n")
        for problem in summary.problems { context.writeError("Bukti dukung: \(problem)\n") }
        switch summary.audit {
        case .intact(let entries, _):
            context.write("Jejak audit utuh: \(entries) entri, kunci cocok.\n")
        case .broken(let seq, let reason):
            context.writeError(
                "Jejak audit rusak pada entri \(seq): \(reason) (kunci audit yang benar sudah dipasang?)\n")
            return ExitStatus.findings
        }
        return summary.problems.isEmpty ? ExitStatus.success : ExitStatus.findings
    }
}

struct SetupCommand: ParsableCommand, TelaahRunnable {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Menyiapkan pemerintah daerah baru dan Admin Inspektorat pertamanya, lalu berhenti.",
        discussion: """
            Membuat basis data bila belum ada (SQLite di folder data, atau DATABASE_URL), pemerintah daerah, akun \
            admin, dan kerangka LKE bawaan. Kata sandi admin dari TELAAH_ADMIN_PASSWORD, atau dibuat acak dan \
            dicetak sekali. Menolak pemerintah daerah yang sudah ada. Satu basis data dapat melayani beberapa \
            pemerintah daerah: jalankan setup sekali untuk masing-masing.
            """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Nama pemerintah daerah, mis. \"Kabupaten Banyuasin\".") var government: String
    @Option(help: "Nama pengguna Admin Inspektorat pertama.") var admin: String

    func run(_ context: CLIContext) async throws -> Int32 {
        let password = ProcessInfo.processInfo.environment["TELAAH_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let result: Setup.Result
        do {
            result = try await ServerRunner.setup(
                try database.configuration(), government: government, admin: admin, password: password)
        } catch let error as ConfigurationError {
            throw CLIFailure.findings("setup ditolak: \(error)")
        } catch {
            throw CLIFailure.unreadable("basis data", "\(error)")
        }
        var lines = "\(result.government) disiapkan (kode \(result.code)), dengan kerangka LKE bawaan.\n"
        lines += "Admin Inspektorat: \(result.admin)\n"
        if result.generated {
            lines +=
                "Kata sandi: \(result.password)\n(dicetak sekali ini saja: simpan sekarang, lalu ganti setelah masuk)\n"
        } else {
            lines += "Kata sandi: dari TELAAH_ADMIN_PASSWORD\n"
        }
        lines +=
            "Berikutnya: telaah serve (dengan folder data atau DATABASE_URL yang sama), masuk sebagai \(result.admin).\n"
        context.write(lines)
        return ExitStatus.success
    }
}
