import Fluent
import TelaahCore
import Vapor

extension SettingsPage {
    static func query(_ req: Request) async throws -> Model {
        let user = try req.requireAdmin()
        guard let g = try await Government.find(user.governmentID, on: req.db) else { throw Abort(.notFound) }
        let field = { (name: String, label: String, value: String?, hint: String) in
            Field(name: name, label: label, value: value ?? "", hint: hint)
        }
        let units = try await Unit.query(on: req.db).filter(\.$government.$id == user.governmentID).count()
        let people = try await User.query(on: req.db).filter(\.$government.$id == user.governmentID).count()
        let periods = try await Period.query(on: req.db).filter(\.$government.$id == user.governmentID).count()
        let mails = try await req.store.mailLog(governmentID: user.governmentID).map {
            (WIBTime.text(utc: $0.at), $0.to, $0.subject, $0.failure.map { "gagal: \($0)" } ?? "terkirim")
        }
        return Model(
            frame: Frame(req, title: "Administrasi"), government: g.name, version: g.version,
            fields: [
                field("name", "Nama pemerintah daerah", g.name, "Seperti pada kop surat, mis. Kabupaten Banyuasin."),
                field("province", "Provinsi", g.province, ""),
                field(
                    "city", "Tempat penandatanganan", g.city, "Kota tempat surat ditandatangani, mis. Pangkalan Balai."),
                field("inspektorat_name", "Nama Inspektorat", g.inspektoratName, ""),
                field("phone", "Telepon", g.phone, ""),
                field("email", "Surel", g.email, ""),
                field("website", "Laman", g.website, ""),
                field("inspektur_name", "Nama Inspektur", g.inspekturName, "Penanda tangan LHE."),
                field(
                    "inspektur_rank", "Pangkat/golongan Inspektur", g.inspekturRank, "Mis. Pembina Utama Muda (IV/c)."),
                field("inspektur_nip", "NIP Inspektur", g.inspekturNIP, ""),
                field(
                    "head_title", "Sebutan kepala daerah", HeadOfRegion(government: g.name, title: g.headTitle).title,
                    "Bupati, Wali Kota atau Gubernur."),
                field("head_name", "Nama Bupati/Wali Kota", g.headName, "Penanda tangan surat tindak lanjut LHE."),
                field(
                    "lhe_number_pattern", "Pola Nomor LHE", g.lheNumberPattern,
                    "{seq} nomor urut, {year} tahun; mis. 700/{seq}/LHE-AKIP/INSPEKTORAT/{year}."),
                Field(
                    name: "evidence_file_limit_mb", label: "Batas bukti dukung per berkas (MB)",
                    value: g.evidenceFileLimitMB.map(String.init) ?? "",
                    hint: "Kosong: 50 MB. Paling besar 2048.", integer: true),
                Field(
                    name: "evidence_unit_limit_mb", label: "Batas bukti dukung per PD per periode (MB)",
                    value: g.evidenceUnitLimitMB.map(String.init) ?? "",
                    hint: "Kosong: 2048 MB (2 GB). Paling besar \(Evidence.Limits.maxUnitMB).", integer: true),
                field(
                    "mail_transport", "Cara kirim surel pengingat", g.mailTransport,
                    "sendmail (program surel mesin ini) atau smtp (relai tanpa login); kosong: pengingat hanya di beranda."
                ),
                field("mail_from", "Alamat pengirim surel", g.mailFrom, "Mis. telaah@banyuasinkab.go.id."),
                field("smtp_host", "Server SMTP (relai)", g.smtpHost, "Untuk cara kirim smtp, mis. 127.0.0.1."),
                Field(
                    name: "smtp_port", label: "Port SMTP", value: g.smtpPort.map(String.init) ?? "",
                    hint: "Kosong: 25.", integer: true),
            ],
            longFields: [
                field(
                    "legal_basis", "Dasar hukum evaluasi daerah", g.legalBasis,
                    "Peraturan Bupati/Wali Kota daerah ini tentang evaluasi AKIP, lengkap dengan judulnya; dikutip setiap LHE. Kosong: LHE hanya mengutip PermenPAN-RB 88/2021."
                ),
                field(
                    "legal_bases", "Dasar hukum lain evaluasi daerah", g.legalBases,
                    "Bab I.A Laporan Kompilasi, setelah peraturan nasional: mis. Perda RPJMD, Keputusan Bupati tentang PKPT, pedoman Inspektur; satu per baris. Surat tugas tim periode ditambahkan sendiri."
                ),
                field(
                    "address", "Alamat pada kop surat", g.address,
                    "Satu baris kop per baris; telepon ditambahkan di akhir."),
                field(
                    "head_address", "Alamat kantor Bupati/Wali Kota", g.headAddress,
                    "Di bawah kop surat tindak lanjut LHE dari Bupati/Wali Kota; satu baris per baris."),
                field("tembusan_lhe", "Tembusan LHE", g.tembusanLHE, "Satu penerima per baris."),
                field(
                    "tembusan_kompilasi", "Tembusan Laporan Kompilasi", g.tembusanKompilasi,
                    "Mis. Menteri PANRB, Kepala Perwakilan BPKP, Inspektur Provinsi; satu per baris."),
                field(
                    "tembusan_tindak_lanjut", "Tembusan surat tindak lanjut LHE", g.tembusanTindakLanjut,
                    "Satu penerima per baris."),
            ],
            counts: ["\(units) Perangkat Daerah", "\(people) pengguna", "\(periods) periode evaluasi"],
            hasLogo: g.logoPNG != nil, mails: mails)
    }
}
